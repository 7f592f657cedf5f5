"""Time what voice costs: Assist's trigger check of every sentence, and understanding ours.

Run alone with `.venv/bin/python -m bench.voice`. Every sentence said to Assist's
built-in agent (and, in a pipeline, before any LLM agent) is first matched against
all registered sentence triggers, ours included: the first figure is that cost for
sentences that are not ours, with the trigger built as Home Assistant 2026.10
builds it (`DefaultAgent._rebuild_trigger_intents`: one intent per trigger, every
list a wildcard). The second is the time from a matched trigger to knowing the
intent and its slots (`Sentences.understand`), for sentences of the five languages
and for refusals, which relax one list after another.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
import statistics
import time

from hassil import Intents, recognize_all
from hassil.intents import WildcardSlotList

from custom_components.als_comfort.sentences import Sentences

NOT_OURS = (
    ("en", "turn on the kitchen light"),
    ("en", "what is the temperature in the living room"),
    ("de", "schalte das Licht im Wohnzimmer aus"),
    ("fr", "mets un minuteur de dix minutes"),
    ("nl", "zet de verwarming op twintig graden"),
)
OURS = (
    ("en", "log a cramp in my calf"),
    ("en", "log a cramp in my left calf for Diane with severity 7"),
    ("de", "Krampf in der Wade eintragen"),
    ("fr", "j'ai une crampe au mollet avec une intensité de 6"),
    ("es", "cuál es mi riesgo de calambres"),
    ("nl", "ik heb hulp nodig"),
)
REFUSED = (
    ("en", "log a cramp in my elbow"),
    ("de", "Bob hat einen Krampf im Ellbogen"),
)
PERSONS = ["Diane", "Marc"]


def _trigger(sentences: Sentences) -> Intents:
    """Build our trigger the way Home Assistant's default agent does."""
    intents = Intents.from_dict(
        {
            "language": "en",
            "intents": {"t0": {"data": [{"sentences": sentences.templates}]}},
        }
    )
    for name in ("body_area", "severity", "person"):
        intents.slot_lists[name] = WildcardSlotList(name)
    return intents


def _timed(runs: int, work: Callable[..., object], *args: object) -> list[float]:
    """Run `work(*args)` once to warm up, then `runs` times; return milliseconds each."""
    work(*args)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work(*args)
        times.append((time.perf_counter() - started) * 1000)
    return times


def _check(text: str, trigger: Intents) -> list[object]:
    """Match a sentence against the trigger, as the default agent does."""
    return list(recognize_all(text, trigger))


def _line(label: str, times: list[float]) -> str:
    """Format the median and the worst of a set of timings."""
    return f"   {label:<48} median {statistics.median(times):.2f} ms, max {max(times):.2f} ms"


def main() -> None:
    """Time the trigger check and the understanding; print the figures."""
    parser = argparse.ArgumentParser(prog="python -m bench.voice")
    parser.add_argument("--runs", type=int, default=200, help="timed runs per sentence")
    runs = parser.parse_args().runs
    sentences = Sentences.load()
    trigger = _trigger(sentences)
    print(
        f"Voice: {len(sentences.templates)} sentence templates in 5 languages, {runs} runs each"
    )
    not_ours = [t for _, text in NOT_OURS for t in _timed(runs, _check, text, trigger)]
    print(_line("trigger check of a sentence that is not ours", not_ours))
    for group, label in (
        (OURS, "understanding one of ours"),
        (REFUSED, "understanding a refused one"),
    ):
        times = [
            t
            for language, text in group
            for t in _timed(runs, sentences.understand, text, language, PERSONS)
        ]
        print(_line(label, times))


if __name__ == "__main__":
    main()
