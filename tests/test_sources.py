"""Source readers: blocks, front matter, offsets, line numbers."""

from __future__ import annotations

from pathlib import Path

import pytest

from l10n.errors import SourceError
from l10n.segment import get_splitter
from l10n.sources import READERS, decode, parse_document, read_document

from .conftest import REPO, SEED_DOC


def parse(text: str, suffix: str = ".md"):
    fmt, reader = READERS[suffix]
    return parse_document(text, f"source/x{suffix}", fmt, reader, get_splitter("de"))


def test_seed_front_matter_headings_and_sentences():
    doc = read_document(REPO / "source" / f"{SEED_DOC}.md", REPO, get_splitter("de"))
    assert doc.metadata == {"date": "2019-10"}
    assert [b.kind for b in doc.blocks] == ["paragraph", "paragraph", "heading", "paragraph", "heading", "paragraph", "heading", "paragraph"]
    assert [doc.text[b.start : b.end] for b in doc.blocks if b.kind == "heading"] == ["Kurzporträt OPPO", "Kurzporträt VIVO", "Kurzporträt Xiaomi"]
    assert len(doc.segments) == 26
    assert doc.segments[0].text.startswith("DÜSSELDORF. Die chinesischen")
    for seg in doc.segments:
        assert doc.text[seg.start : seg.end] == seg.text
        assert doc.text.splitlines()[seg.line - 1].find(seg.text[:20]) >= 0


def test_markdown_markers_stay_outside_the_segments():
    doc = parse("# Titel hier\n\n- Erster Punkt.\n- Zweiter Punkt.\n\n```\ncode. Nicht übersetzen.\n```\n\nText. Mehr Text.\n")
    assert [(s.kind, s.text) for s in doc.segments] == [
        ("heading", "Titel hier"),
        ("list_item", "Erster Punkt."),
        ("list_item", "Zweiter Punkt."),
        ("paragraph", "Text."),
        ("paragraph", "Mehr Text."),
    ]
    assert [s.line for s in doc.segments] == [1, 3, 4, 10, 10]


def test_line_break_inside_paragraph_is_normalised_in_msgid_only():
    doc = parse("Ein Satz, der über\nzwei Zeilen geht. Zweiter.\n", ".txt")
    first = doc.segments[0]
    assert first.text == "Ein Satz, der über\nzwei Zeilen geht."
    assert first.msgid == "Ein Satz, der über zwei Zeilen geht."


def test_repeated_sentences_are_distinct_and_ids_come_from_text():
    doc = parse("Ja. Nein. Ja.\n\nNein.\n", ".txt")
    keys = [s.key for s in doc.segments]
    assert keys == [(None, "Ja."), (None, "Nein."), ("repeat 2", "Ja."), ("repeat 2", "Nein.")]
    assert len(set(keys)) == 4
    moved = parse("Vorweg. Ja.\n", ".txt")
    assert moved.segments[1].sid == doc.segments[0].sid  # position does not change the id


def test_crlf_and_bom_are_kept():
    text, bom = decode(b"\xef\xbb\xbfErster Satz.\r\n\r\nZweiter Satz.\r\n", "x.txt")
    assert bom and text.startswith("Erster")
    doc = parse(text, ".txt")
    assert [s.text for s in doc.segments] == ["Erster Satz.", "Zweiter Satz."]


def test_not_utf8_names_file_and_line():
    with pytest.raises(SourceError) as err:
        decode("Zeile eins\nGrüße\n".encode("cp1252"), "source/a.txt")
    assert "source/a.txt:2" in str(err.value) and "UTF-8" in str(err.value)


def test_empty_file_is_an_error(tmp_path: Path):
    (tmp_path / "source").mkdir()
    (tmp_path / "source" / "leer.md").write_text("\n  \n")
    with pytest.raises(SourceError, match="empty"):
        read_document(tmp_path / "source" / "leer.md", tmp_path, get_splitter("de"))
