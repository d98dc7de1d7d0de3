"""Reassembly of localized documents."""

from __future__ import annotations

from l10n.sources.rebuild import localize
from l10n.segment import get_splitter
from l10n.sources import READERS, parse_document


def doc(text: str):
    fmt, reader = READERS[".md"]
    return parse_document(text, "source/x.md", fmt, reader, get_splitter("de"))


def test_empty_table_gives_the_source_back():
    d = doc("---\ndate: 2019-10\n---\n\n# Titel\n\nEins. Zwei.\nDrei.\n")
    assert localize(d, "en", {}) == (d.text, 0)


def test_chinese_drops_spaces_between_translated_sentences_only():
    d = doc("Eins. Zwei. Drei.\n\nVier.\n")
    table = {(None, "Eins."): "一。", (None, "Zwei."): "二。", (None, "Vier."): "四。"}
    text, count = localize(d, "zh", table)
    assert text == "一。二。 Drei.\n\n四。\n"
    assert count == 3
    en, _ = localize(d, "en", {(None, "Eins."): "One.", (None, "Zwei."): "Two."})
    assert en == "One. Two. Drei.\n\nVier.\n"


def test_repeated_sentences_keep_their_own_translations():
    d = doc("Ja. Nein. Ja.\n")
    text, _ = localize(d, "en", {(None, "Ja."): "Yes.", ("repeat 2", "Ja."): "Indeed."})
    assert text == "Yes. Nein. Indeed.\n"
