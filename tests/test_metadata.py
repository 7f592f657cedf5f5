"""Tests that the files Home Assistant and HACS read are well formed."""

from __future__ import annotations

import json
from pathlib import Path
import re
import sys
import tomllib

from awesomeversion import AwesomeVersion
from homeassistant.const import __version__ as ha_version

ROOT = Path(__file__).resolve().parent.parent
INTEGRATION = ROOT / "custom_components" / "als_comfort"
REQUIRED_MANIFEST_KEYS = {
    "domain",
    "name",
    "codeowners",
    "config_flow",
    "documentation",
    "integration_type",
    "iot_class",
    "issue_tracker",
    "requirements",
    "version",
}
HACS_KEYS = {
    "name",
    "content_in_root",
    "zip_release",
    "filename",
    "hide_default_branch",
    "country",
    "homeassistant",
    "hacs",
    "persistent_directory",
    "render_readme",
}


def _load(path: Path) -> dict[str, object]:
    """Read a JSON file of the repository."""
    data = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_manifest_keys_and_order() -> None:
    """The manifest has every key hassfest wants, in hassfest's order."""
    manifest = _load(INTEGRATION / "manifest.json")
    assert manifest.keys() >= REQUIRED_MANIFEST_KEYS
    keys = list(manifest)
    assert keys[:2] == ["domain", "name"]
    assert keys[2:] == sorted(keys[2:])
    assert manifest["domain"] == "als_comfort"
    assert manifest["iot_class"] == "calculated"
    assert manifest["integration_type"] in {"device", "hub", "service", "helper"}
    assert manifest["config_flow"] is True
    assert AwesomeVersion(str(manifest["version"])).valid


def test_hacs_json() -> None:
    """hacs.json uses only keys HACS knows, and the oldest release we test: the pinned one."""
    hacs = _load(ROOT / "hacs.json")
    assert set(hacs) <= HACS_KEYS
    assert hacs["name"] == _load(INTEGRATION / "manifest.json")["name"]
    assert AwesomeVersion(str(hacs["homeassistant"])) == AwesomeVersion(ha_version)


def test_licence_is_the_mit_licence_of_pyproject() -> None:
    """HACS refuses a repository without a LICENSE; ours is the MIT licence pyproject names."""
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    licence = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert pyproject["project"]["license"] == "MIT"
    assert licence.startswith("MIT License\n")
    assert "Copyright (c) 2026 ALS Comfort contributors" in licence


def test_english_translation_is_generated_from_strings() -> None:
    """translations/en.json is strings.json with references resolved (run scripts/translations)."""
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import translations
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    expected = translations.english()
    assert (INTEGRATION / "translations" / "en.json").read_text(
        encoding="utf-8"
    ) == expected
    assert "[%key:" not in expected


def test_brand_icon_is_a_png() -> None:
    """The local brand icon exists and is a PNG image."""
    icon = (INTEGRATION / "brand" / "icon.png").read_bytes()
    assert icon.startswith(b"\x89PNG\r\n\x1a\n")


def _rules(path: Path) -> dict[str, object]:
    """Read the rules of a quality_scale.yaml."""
    import yaml

    return yaml.safe_load(path.read_text(encoding="utf-8"))["rules"]


def test_quality_scale_lists_every_rule_with_a_status() -> None:
    """quality_scale.yaml names every rule that core's Platinum peblar names.

    Each is done, exempt (with the reason) or todo.
    """
    import homeassistant.components as core

    canonical = _rules(Path(core.__file__).parent / "peblar" / "quality_scale.yaml")
    ours = _rules(INTEGRATION / "quality_scale.yaml")
    assert set(ours) == set(canonical)
    assert len(ours) == 54
    for name, rule in ours.items():
        status = rule if isinstance(rule, str) else rule["status"]  # type: ignore[index]
        assert status in {"done", "exempt", "todo"}, name
        if status == "exempt":
            assert rule["comment"], name  # type: ignore[index]


def _slug(heading: str) -> str:
    """Return the anchor GitHub gives a Markdown heading."""
    text = heading.strip().lower().replace("`", "")
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def test_quality_scale_shows_where_each_done_rule_is_done() -> None:
    """No rule is left to do; each done rule names a README section or test that exists."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    anchors = {
        _slug(line.lstrip("#"))
        for line in readme.splitlines()
        if re.match(r"#{1,6} ", line)
    }
    for name, rule in _rules(INTEGRATION / "quality_scale.yaml").items():
        assert isinstance(rule, dict), f"{name}: give a status and a comment"
        assert rule["status"] in {"done", "exempt"}, name
        comment = str(rule["comment"])
        if rule["status"] != "done":
            continue
        sections = re.findall(r"README#([a-z0-9\-]+)", comment)
        tests = re.findall(r"(tests/[\w/]+\.py)", comment)
        assert sections or tests, f"{name}: name the README section or test"
        for section in sections:
            assert section in anchors, f"{name}: README has no section #{section}"
        for test in tests:
            assert (ROOT / test).is_file(), f"{name}: {test} does not exist"


def test_every_platform_sets_parallel_updates() -> None:
    """Each entity platform says how many updates may run at once."""
    from custom_components.als_comfort import PLATFORMS

    for platform in PLATFORMS:
        source = (INTEGRATION / f"{platform.value}.py").read_text(encoding="utf-8")
        assert re.search(r"^PARALLEL_UPDATES = \d+$", source, re.MULTILINE), platform


def test_icons_for_every_action_and_entity() -> None:
    """Every action and every entity without an icon of its device class has one."""
    import yaml

    icons = _load(INTEGRATION / "icons.json")
    strings = _load(INTEGRATION / "strings.json")
    services = yaml.safe_load(
        (INTEGRATION / "services.yaml").read_text(encoding="utf-8")
    )
    assert set(icons["services"]) == set(services)  # type: ignore[arg-type]
    entity_icons: dict[str, dict[str, object]] = icons["entity"]  # type: ignore[assignment]
    entity_strings: dict[str, dict[str, object]] = strings["entity"]  # type: ignore[assignment]
    # The cold room sensor has device class `cold`, whose icons Home Assistant gives.
    by_device_class = {("binary_sensor", "cold_room")}
    for platform, keys in entity_strings.items():
        for key in keys:
            if (platform, key) not in by_device_class:
                assert key in entity_icons.get(platform, {}), f"{platform}.{key}"
    for platform, keys in entity_icons.items():
        assert set(keys) <= set(entity_strings[platform]), platform


def test_manifest_names_an_owner() -> None:
    """Someone owns the integration (integration-owner)."""
    codeowners = _load(INTEGRATION / "manifest.json")["codeowners"]
    assert isinstance(codeowners, list)
    assert codeowners
    assert all(str(owner).startswith("@") for owner in codeowners)
