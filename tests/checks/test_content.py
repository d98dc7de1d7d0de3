"""The ``content`` check and the lexicons under it (l10n/lexicon.py).

The cases are press and news sentences written for these tests, not FLORES lines: a right
translation, the same entry holding another sentence's translation of about the same length, and
Chinese beside English. The dictionary tests read Debian's Ding (``trans-de-en``; .ci/run installs
it); the index is built once per test session in the session's cache folder.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from l10n.catalog import Entry
from l10n.checks import Settings, Unit, check_unit
from l10n.lexicon import DING, Lexicon, build_index, lexicon, read_cedict, read_ding

SOURCES = [
    "Der Vorstand hat am Montag einen neuen Finanzchef für das Unternehmen ernannt.",
    "Die Fabrik in Sachsen soll im kommenden Frühjahr die Produktion von Batterien aufnehmen.",
    "Wegen des Streiks fielen am Flughafen mehr als hundert Flüge aus.",
    "Die Stadt will bis zum Jahresende zwei neue Schulen und einen Kindergarten bauen.",
]
ENGLISH = [
    "On Monday the board appointed a new chief financial officer for the company.",
    "The factory in Saxony is to start producing batteries next spring.",
    "More than a hundred flights were cancelled at the airport because of the strike.",
    "The city wants to build two new schools and a kindergarten by the end of the year.",
]
CHINESE = [
    "董事会周一为公司任命了一位新的首席财务官。",
    "萨克森州的工厂将于明年春天开始生产电池。",
    "由于罢工，机场有一百多个航班被取消。",
    "该市计划在年底前建造两所新学校和一所幼儿园。",
]


def _errors(source: str, target: str, lang: str) -> list[str]:
    unit = Unit(source, target, "de", lang, Entry(msgid=source, msgstr=target))
    return [f"{name}: {message}" for severity, name, message in check_unit(unit, Settings.from_config(None))
            if name == "content"]


@pytest.fixture(scope="module")
def ding() -> None:
    if not DING.is_file() and not os.environ.get("L10N_DING"):
        if os.environ.get("CI"):
            pytest.fail(f"CI: {DING} not found (.ci/run installs Debian's trans-de-en)")
        pytest.skip(f"{DING} not found (apt-get install trans-de-en)")


@pytest.mark.parametrize("lang, targets", [("en", ENGLISH), ("zh", CHINESE)])
def test_right_translations_pass_and_swapped_ones_are_reported(ding, lang: str, targets: list[str]) -> None:
    for i, source in enumerate(SOURCES):
        assert _errors(source, targets[i], lang) == [], (source, targets[i])
        swapped = targets[(i + 1) % len(targets)]
        found = _errors(source, swapped, lang)
        assert len(found) == 1 and "another sentence's translation" in found[0], (source, swapped)


def test_names_and_words_kept_alike_count_as_shared(ding) -> None:
    source = "Laut Siminoff trat der Sender QVC im Teleshopping-Geschäft auf."
    assert _errors(source, "According to Siminoff, QVC appeared in teleshopping.", "en") == []
    assert _errors(source, "According to the weather service, rain is likely tomorrow.", "en") != []


def test_short_sources_say_too_little_to_judge(ding) -> None:
    assert _errors("Kontakt für Journalisten", "Weather report", "en") == []


def test_without_ding_the_check_is_silent(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("L10N_DING", str(tmp_path / "missing"))
    assert lexicon() is None
    assert _errors(SOURCES[0], ENGLISH[1], "en") == []


def test_the_index_is_built_from_the_dictionaries_and_replaced_whole(tmp_path: Path) -> None:
    ding = tmp_path / "de-en"
    ding.write_text("# Ding\nHaus {n} | Häuser {pl} :: house | houses\nbauen {vt} :: to build\n"
                    "Straße {f} | Wall Street :: street | Wall Street\n", encoding="utf-8")
    cedict = tmp_path / "cedict.txt.gz"
    import gzip

    cedict.write_bytes(gzip.compress("房子 房子 [fang2 zi5] /house/\n".encode()))
    index = tmp_path / "cache" / "lexicon.sqlite"
    build_index(ding, cedict, index, frozenset())
    with sqlite3.connect(index) as db:
        assert dict(db.execute("SELECT stem, en FROM de")) == {"haus": "hous", "bau": "build", "strass": "street"}
        assert dict(db.execute("SELECT word, en FROM zh")) == {"房子": "hous"}
    assert [p.name for p in index.parent.iterdir()] == ["lexicon.sqlite"]  # no temporary file left
    lex = Lexicon(index)
    assert [lex.is_german(w) for w in ("Häusern", "Hausbauen", "Street", "Siminoff")] == [True, True, False, False]
    assert [lex.is_english(w) for w in ("Street", "Houses", "Haus")] == [True, True, False]
    assert lex.translations("Häuser") == {"hous"} and lex.translations("Stadthaus") == frozenset()


def test_readers_skip_what_they_cannot_pair() -> None:
    # Senses that do not line up (two German, one English) are skipped, as are CEDICT variants.
    assert read_ding(["Bank {f} | Banken {pl} :: bank"], frozenset()) == {}
    assert read_cedict(["裏面 里面 [li3 mian4] /variant of 裡面|里面/"]) == {}
