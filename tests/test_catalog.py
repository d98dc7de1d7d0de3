"""Catalog reading and writing (the polib layer)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from l10n.catalog import Catalog, Entry, read_catalog, render, write_catalog
from l10n.errors import CatalogError
from l10n.extract import build_template
from l10n.provenance import Provenance
from l10n.segment import get_splitter
from l10n.sources import READERS, parse_document

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


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


def test_every_entry_keeps_its_line(tmp_path: Path):
    path = tmp_path / "x.po"
    path.write_text(HEADER + '# Kommentar\n#, fuzzy\nmsgid "Eins."\nmsgstr "One."\n\n'
                    'msgid "Zwei \\"x\\"\\n\\a."\nmsgstr "Two \\"x\\"\\n\\a."\n\n#~ msgid "Alt."\n#~ msgstr "Old."\n', encoding="utf-8")
    assert [(e.msgid, e.line) for e in read_catalog(path).entries] == [("Eins.", 5), ('Zwei "x"\n\a.', 10), ("Alt.", 13)]


class _CountingPofile:
    """polib.pofile, counting its calls."""

    def __init__(self, real):
        self.real, self.calls = real, 0

    def __call__(self, *args, **kwargs):
        self.calls += 1
        return self.real(*args, **kwargs)


@pytest.fixture
def pofile_calls(monkeypatch: pytest.MonkeyPatch) -> _CountingPofile:
    import polib

    counter = _CountingPofile(polib.pofile)
    monkeypatch.setattr(polib, "pofile", counter)
    return counter


def test_reading_a_catalog_parses_it_once(tmp_path: Path, pofile_calls: _CountingPofile):
    path = tmp_path / "x.po"
    path.write_text(HEADER + 'msgid "Eins \\x41."\nmsgstr "One \\x41."\n\nmsgid "Zwei."\nmsgstr ""\n', encoding="utf-8")
    assert len(read_catalog(path).entries) == 2
    assert pofile_calls.calls == 1


def test_a_duplicate_is_found_in_the_same_parse(tmp_path: Path, pofile_calls: _CountingPofile):
    path = tmp_path / "x.po"
    path.write_text(HEADER + 'msgid "Eins."\nmsgstr "One."\n\nmsgid "Zwei."\nmsgstr ""\n\nmsgid "Eins."\nmsgstr "Uno."\n', encoding="utf-8")
    with pytest.raises(CatalogError) as err:
        read_catalog(path)
    assert (err.value.line, err.value.message) == (11, "duplicate entry 'Eins.' (first at line 5)")
    assert pofile_calls.calls == 1


def test_check_parses_each_catalog_once(project_dir: Path, pofile_calls: _CountingPofile):
    from l10n.checks import check_project
    from l10n.project import Project

    catalogs = sorted((project_dir / "locales").glob("*/*.po"))
    assert len(catalogs) >= 2
    english = next(p for p in catalogs if p.parent.name == "en")
    text = english.read_text(encoding="utf-8")
    english.write_text(text + '\nmsgid "VIVO hat 10.000 Mitarbeiter.\\a"\nmsgstr "VIVO has 1,000 employees.\\a"\n', encoding="utf-8")
    findings = check_project(Project.find(project_dir))
    assert pofile_calls.calls == len(catalogs)
    assert {(f.check, f.line) for f in findings} == {("numbers", text.count("\n") + 2), ("numbers-extra", text.count("\n") + 2)}



def test_only_the_po_module_imports_polib():
    import ast

    import l10n

    package = Path(l10n.__file__).parent
    importers = set()
    for module in package.rglob("*.py"):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            if any(name.split(".")[0] == "polib" for name in names):
                importers.add(module.relative_to(package).as_posix())
    assert importers == {"catalog/po.py"}
