"""Catalog reading and writing (the polib layer)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from l10n.catalog import Catalog, Entry, build_template, read_catalog, render, write_catalog
from l10n.errors import CatalogError
from l10n.provenance import Provenance
from l10n.segment import get_splitter
from l10n.sources import READERS, parse_document


def template_for(text: str) -> Catalog:
    fmt, reader = READERS[".md"]
    return build_template(parse_document(text, "source/x.md", fmt, reader, get_splitter("de")), "Projekt")


def test_template_entries_references_and_comments():
    cat = template_for("# Titel\n\nErster Satz. Zweiter Satz.\n")
    assert [(e.msgid, e.occurrences) for e in cat.entries] == [
        ("Titel", (("source/x.md", "1"),)),
        ("Erster Satz.", (("source/x.md", "3"),)),
        ("Zweiter Satz.", (("source/x.md", "3"),)),
    ]
    assert cat.entries[0].comment.startswith("heading, id ")
    assert cat.header["Content-Type"] == "text/plain; charset=UTF-8"
    assert cat.header["Project-Id-Version"] == "Projekt"


def test_round_trip_keeps_everything(tmp_path: Path):
    entry = Entry(
        msgid='Er sagte: „Hallo“ \\ "zitiert"',
        msgstr="他说：“你好”",
        fuzzy=True,
        flags=("no-wrap",),
        comment="paragraph, id 0123456789",
        tcomment="Bitte prüfen\nmt: pseudo; pseudo-zh v1; 2026-11-24",
        occurrences=(("source/x.md", "3"),),
        previous_msgid="Er sagte: Hallo",
    )
    cat = Catalog({"Language": "zh_CN", "Content-Type": "text/plain; charset=UTF-8"}, (entry, replace(entry, msgid="Alt.", obsolete=True, occurrences=(), comment="", previous_msgid=None)))
    path = tmp_path / "x.po"
    assert write_catalog(path, cat)
    back = read_catalog(path)
    assert back.entries == cat.entries
    assert back.entries[0].provenance == Provenance("mt", "pseudo", "pseudo-zh v1", "2026-11-24")  # an old line, without hash
    assert not write_catalog(path, back, back)  # same content: no write


def test_syntax_error_names_file_and_line(tmp_path: Path):
    path = tmp_path / "bad.po"
    path.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "a"\nmsgstr "b"\nmsgsrt "c"\n', encoding="utf-8")
    with pytest.raises(CatalogError) as err:
        read_catalog(path)
    assert str(path) in str(err.value) and ":7:" in str(err.value)


def test_wrong_charset_is_refused(tmp_path: Path):
    path = tmp_path / "latin.po"
    path.write_bytes('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=ISO-8859-1\\n"\n'.encode())
    with pytest.raises(CatalogError, match="charset ISO-8859-1"):
        read_catalog(path)


def test_render_is_stable():
    cat = template_for("Erster Satz. Zweiter Satz.\n")
    assert render(cat) == render(read_catalog_from_text(render(cat)))


def read_catalog_from_text(text: str) -> Catalog:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.pot"
        path.write_text(text, encoding="utf-8")
        return read_catalog(path)
