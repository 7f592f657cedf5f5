"""Write translations/en.json from strings.json, resolving [%key:...%] references.

Home Assistant resolves these references only for core integrations; a custom
integration ships them resolved. Run `scripts/translations`; a test fails when
en.json is stale. It also prints, for every other language file, the keys of
strings.json it lacks (and keys it has that strings.json no longer has), so a
new string gets translated; tests/test_translations.py fails until it is.
"""

from __future__ import annotations

import json
from pathlib import Path
import re
import sys
from typing import Any

INTEGRATION = (
    Path(__file__).resolve().parent.parent / "custom_components" / "als_comfort"
)
REFERENCE = re.compile(r"\[%key:component::als_comfort::([a-z0-9_:]+)%\]")


def _lookup(strings: dict[str, Any], path: str) -> str:
    """Return the string at a `::`-separated path of strings.json."""
    node: Any = strings
    for part in path.split("::"):
        node = node[part]
    if not isinstance(node, str):
        raise TypeError(f"{path} is not a string")
    return node


def resolve(strings: dict[str, Any], node: Any) -> Any:
    """Return `node` with every own-component reference replaced by its text."""
    if isinstance(node, dict):
        return {key: resolve(strings, value) for key, value in node.items()}
    if isinstance(node, str):
        return REFERENCE.sub(lambda match: _lookup(strings, match[1]), node)
    return node


def key_paths(node: Any, prefix: str = "") -> set[str]:
    """Return the `::`-separated path of every string in a translation tree."""
    if not isinstance(node, dict):
        return {prefix}
    return {
        path
        for key, value in node.items()
        for path in key_paths(value, f"{prefix}::{key}" if prefix else key)
    }


def untranslated() -> dict[str, list[str]]:
    """Return, per language file other than English, what is wrong with its keys."""
    wanted = key_paths(
        json.loads((INTEGRATION / "strings.json").read_text(encoding="utf-8"))
    )
    gaps: dict[str, list[str]] = {}
    for path in sorted((INTEGRATION / "translations").glob("*.json")):
        if path.stem == "en":
            continue
        try:
            have = key_paths(json.loads(path.read_text(encoding="utf-8")))
        except ValueError as err:  # also bad UTF-8 (UnicodeDecodeError)
            gaps[path.name] = [f"unreadable ({err})"]
            continue
        lines = [f"missing {key}" for key in sorted(wanted - have)]
        lines += [f"not in strings.json {key}" for key in sorted(have - wanted)]
        if lines:
            gaps[path.name] = lines
    return gaps


def report_untranslated() -> None:
    """Print what each non-English file lacks, so it gets translated; never fail."""
    for name, lines in untranslated().items():
        for line in lines:
            sys.stdout.write(f"{name}: {line}\n")


def english() -> str:
    """Render translations/en.json as it should be."""
    strings = json.loads((INTEGRATION / "strings.json").read_text(encoding="utf-8"))
    return json.dumps(resolve(strings, strings), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    target = INTEGRATION / "translations" / "en.json"
    target.write_text(english(), encoding="utf-8")
    sys.stdout.write(f"wrote {target.relative_to(INTEGRATION.parent.parent)}\n")
    report_untranslated()
