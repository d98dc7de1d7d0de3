"""Measure the checks on real human translations: false alarms, and faults they catch.

Builds units from a parallel corpus (German sources with reviewed English or Chinese references
as approved translations), runs every check, then injects one fault at a time into copies of
those translations (a number changed, a name dropped, the German left untranslated, a phrase
repeated in a loop, the translation swapped with another sentence's, or with the one closest to it in length) and counts how many faulty
entries get an error. Used by ``bench/check_false_alarms.py`` and ``tests/checks/test_flores.py``
(evaluation, not part of the installed package: ``from bench.evaluate import ...`` from the
repository root).
"""

from __future__ import annotations

import random
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from l10n.catalog import Entry
from l10n.checks import Settings, Unit, check_unit
from l10n.numbers import find_numbers
from l10n.checks.rules import name_tokens, protected_names
from l10n.languages import facts_of

FLORES_FILES = {"de": "deu_Latn.devtest", "en": "eng_Latn.devtest", "zh": "zho_Hans.devtest"}


def read_flores(folder: Path, lang: str, limit: int | None = None) -> list[tuple[str, str]]:
    """(German, reference) pairs of the FLORES devtest for ``lang``."""
    german = (folder / FLORES_FILES["de"]).read_text(encoding="utf-8").splitlines()
    other = (folder / FLORES_FILES[lang]).read_text(encoding="utf-8").splitlines()
    return list(zip(german, other))[:limit]


def unit(source: str, target: str, tgt: str) -> Unit:
    return Unit(source, target, "de", tgt, Entry(msgid=source, msgstr=target))


def errors(u: Unit, settings: Settings) -> list[str]:
    """Names of the checks that report an error for ``u``."""
    return [name for severity, name, _ in check_unit(u, settings) if severity == "error"]


# --- faults: each returns the faulty translation, or None where the fault does not apply ---------


def change_number(source: str, target: str, tgt: str, rng: random.Random) -> str | None:
    """Change one digit of a number the source and translation share."""
    wanted = [n for n in find_numbers(source, "de") if not n.written]
    shared = [n for n in find_numbers(target, tgt) if not n.written and any(n.matches(w) for w in wanted)]
    if not shared:
        return None
    number = rng.choice(shared)
    start = target.find(number.text)
    digits = [i for i, c in enumerate(number.text) if c.isdigit()]
    i = digits[-1] if len(digits) == 1 else rng.choice(digits)
    changed = number.text[:i] + str((int(number.text[i]) + rng.randint(1, 8)) % 10) + number.text[i + 1 :]
    return target[:start] + changed + target[start + len(number.text) :]


def drop_name(source: str, target: str, tgt: str, rng: random.Random) -> str | None:
    """Drop a name the translation must keep (for Chinese: not a short acronym) from it."""
    names = [n for n in protected_names(source, tgt) if n in target]
    if not names:
        return None
    return _drop(target, rng.choice(names))


def drop_acronym(source: str, target: str, tgt: str, rng: random.Random) -> str | None:
    """Drop any name-like token the translation kept, short acronyms included (NASA, FBI)."""
    names = [n for n in name_tokens(source) if n in target]
    if not names:
        return None
    return _drop(target, rng.choice(names))


def drop_capitalised(source: str, target: str, tgt: str, rng: random.Random) -> str | None:
    """Drop a capitalised word the source and translation share (Paris, Obama): a harder case."""
    words = [w for w in re.findall(r"\b[A-ZÄÖÜ][a-zäöüß]{2,}\b", source)[1:] if re.search(rf"\b{w}\b", target)]
    if not words:
        return None
    return _drop(target, rng.choice(words))


def drop_latin_name(source: str, target: str, tgt: str, rng: random.Random) -> str | None:
    """Drop a capitalised word the source and a Chinese translation share, where the translation
    writes it in Latin letters outside brackets: the Latin is the name's rendering, not a gloss
    after a transcription ("罗宾·乌萨帕 (Robin Uthappa)" loses nothing without it)."""
    if not facts_of(tgt).names_in_own_script:
        return None
    words = [w for w in re.findall(r"\b[A-ZÄÖÜ][a-zäöüß]{2,}\b", source)[1:] if _outside_brackets(w, target)]
    if not words:
        return None
    return _drop(target, rng.choice(words))


def _outside_brackets(word: str, target: str) -> bool:
    """Whether ``target`` has ``word`` (a word of its own in Latin letters) outside brackets."""
    for m in re.finditer(rf"(?<![A-Za-z]){re.escape(word)}(?![a-z])", target):
        before = target[: m.start()]
        if sum(before.count(c) for c in "(（") <= sum(before.count(c) for c in ")）"):
            return True
    return False


def _drop(target: str, word: str) -> str:
    """``target`` without ``word``: every occurrence, as when a model loses a name it cannot read."""
    return re.sub(r"\s{2,}", " ", target.replace(word, "")).strip()


def untranslated(source: str, target: str, tgt: str, rng: random.Random) -> str | None:
    """Leave the German in place of the translation."""
    return source


def loop(source: str, target: str, tgt: str, rng: random.Random) -> str | None:
    """Repeat a phrase of the translation four times, as a neural model stuck in a loop does."""
    if tgt == "zh":
        chars = [i for i, c in enumerate(target) if "\u4e00" <= c <= "\u9fff"]
        if len(chars) < 6:
            return None
        start = rng.choice(chars[: len(chars) - 3])
        phrase = target[start : start + 3]
        return target[: start + 3] + phrase * 3 + target[start + 3 :]
    words = target.split()
    if len(words) < 4:
        return None
    i = rng.randrange(len(words) - 2)
    phrase = words[i : i + 2]
    return " ".join(words[: i + 2] + phrase * 3 + words[i + 2 :])


FAULTS: dict[str, Callable[[str, str, str, random.Random], str | None]] = {
    "number changed": change_number,
    "name dropped": drop_name,
    "untranslated": untranslated,
    "loop": loop,
}
# Printed, not targets: a Chinese translation often renders a short acronym in Chinese, and a
# German capitalised word may be a name or a noun, so neither can be required verbatim. For
# Chinese, a capitalised word it writes in Latin letters (not in brackets after a transcription)
# is one it kept: "Latin-script name dropped" (a target for Chinese, bench/check_false_alarms.py).
EXTRA_FAULTS = {"any name-like token dropped": drop_acronym, "capitalised word dropped": drop_capitalised,
                "Latin-script name dropped": drop_latin_name}


@dataclass
class Report:
    """False alarms on the clean translations and catch rates per injected fault."""

    lang: str
    entries: int = 0
    flagged: int = 0  # clean entries with an error
    per_check: Counter = field(default_factory=Counter)
    caught: dict[str, tuple[int, int]] = field(default_factory=dict)  # fault -> (caught, tried)

    @property
    def false_alarm_rate(self) -> float:
        return self.flagged / self.entries if self.entries else 0.0

    def rate(self, fault: str) -> float:
        caught, tried = self.caught[fault]
        return caught / tried if tried else 0.0


def evaluate(pairs: list[tuple[str, str]], tgt: str, settings: Settings, seed: int = 0) -> Report:
    """Run the checks on ``pairs`` clean and with each fault injected."""
    report = Report(tgt, len(pairs))
    clean_ok = []
    for i, (source, target) in enumerate(pairs):
        found = errors(unit(source, target, tgt), settings)
        report.per_check.update(set(found))
        report.flagged += bool(found)
        if not found:
            clean_ok.append(i)
    faults = {**FAULTS, **EXTRA_FAULTS, "swapped": None, "swapped, similar length": None}
    by_length = sorted(range(len(pairs)), key=lambda k: (len(pairs[k][1]), k))
    for name, fault in faults.items():
        caught = tried = 0
        for i in clean_ok:
            source, target = pairs[i]
            if name == "swapped":
                faulty: str | None = pairs[(i + len(pairs) // 2) % len(pairs)][1]
            elif fault is None:
                faulty = pairs[_neighbour(by_length, i)][1]
            else:
                # Seeded per entry: a fault injected into one entry does not depend on which other
                # entries were clean, so fixing a false alarm does not reshuffle every other fault.
                faulty = fault(source, target, tgt, random.Random(f"{seed}:{name}:{i}"))
            if faulty is None or faulty == target:
                continue
            tried += 1
            caught += bool(errors(unit(source, faulty, tgt), settings))
        report.caught[name] = (caught, tried)
    return report


def _neighbour(by_length: list[int], i: int) -> int:
    """The pair whose translation is next to pair ``i``'s in length: a swap the length check cannot see."""
    place = by_length.index(i)
    return by_length[place + 1] if place + 1 < len(by_length) else by_length[place - 1]


def format_report(report: Report, seconds: float | None = None) -> str:
    """The figures as lines of text."""
    lines = [f"{report.lang}: {report.entries} entries, {report.flagged} with an error on the human "
             f"translation: false-alarm rate {report.false_alarm_rate:.1%}"]
    for check_name, count in sorted(report.per_check.items(), key=lambda kv: -kv[1]):
        lines.append(f"  false alarms  {check_name:16} {count:5}  {count / report.entries:6.1%}")
    for fault, (caught, tried) in report.caught.items():
        if not tried and fault in EXTRA_FAULTS:
            continue  # a fault of another language ("Latin-script name dropped" for English)
        lines.append(f"  caught        {fault:26} {caught:4}/{tried:<4} {report.rate(fault):6.1%}")
    if seconds is not None:
        lines.append(f"  time {seconds:.1f} s")
    return "\n".join(lines)
