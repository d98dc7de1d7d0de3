"""The flow of a release through review: memory that is used, honest provenance, headers
translators own left alone (issue 14)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from l10n.catalog import read_catalog, write_catalog
from l10n.project import Project
from l10n.provenance import Provenance
from l10n.tm import TranslationUnit, write_tmx
from l10n.translate import translate_project

from .conftest import SEED_DOC
from .test_cli import run

NEW = ("Die Beispiel GmbH eröffnet ein Logistikzentrum in Dormagen.\n\n"
       "Pressekontakt: Jonas Berger, Telefon +49 211 1234-567, presse@example.de\n")
CONTACT = "Pressekontakt: Jonas Berger, Telefon +49 211 1234-567, presse@example.de"
CONTACT_EN = "Press contact: Jonas Berger, phone +49 211 1234-567, presse@example.de"


def poedit_save(path: Path) -> None:
    """Rewrite a catalog as Poedit does on a save that changes no entry: its own header fields, the
    translator's name, the revision date, and its own line wrapping (msgcat at 60 columns here)."""
    text = path.read_text(encoding="utf-8")
    fields = {"X-Generator": "Poedit 3.4.2", "PO-Revision-Date": "2026-11-30 09:12+0100",
              "Last-Translator": "Jane Doe <jane@example.com>", "Language-Team": "English <en@example.com>"}
    for name, value in fields.items():
        text = re.sub(rf'"{name}: [^"]*\\n"', f'"{name}: {value}\\\\n"', text)
    text = text.replace('"X-Generator: Poedit 3.4.2\\n"', '"X-Generator: Poedit 3.4.2\\n"\n"X-Poedit-SourceCharset: UTF-8\\n"')
    path.write_text(text, encoding="utf-8")
    if shutil.which("msgcat"):
        subprocess.run(["msgcat", "--width=60", "-o", str(path), str(path)], check=True)


def test_header_only_save_leaves_translate_silent(project_dir: Path) -> None:
    assert run("translate", "--engine", "pseudo", "-C", str(project_dir)).exit_code == 0
    path = project_dir / "locales" / "en" / f"{SEED_DOC}.po"
    poedit_save(path)
    before = path.read_bytes()
    assert b"Poedit 3.4.2" in before
    result = run("translate", "--engine", "pseudo", "-C", str(project_dir))
    assert result.exit_code == 0
    assert result.output == "Nothing to do: every catalog is up to date.\n"
    assert path.read_bytes() == before


def test_a_real_change_keeps_the_fields_translators_own(project_dir: Path) -> None:
    path = project_dir / "locales" / "en" / f"{SEED_DOC}.po"
    poedit_save(path)
    source = project_dir / "source" / f"{SEED_DOC}.md"
    source.write_text(source.read_text(encoding="utf-8") + "\nEin neuer Satz am Ende.\n", encoding="utf-8")
    result = run("translate", "--engine", "pseudo", "-C", str(project_dir))
    assert f"locales/en/{SEED_DOC}.po: 1 machine-translated" in result.output
    header = read_catalog(path).header
    assert header["Last-Translator"] == "Jane Doe <jane@example.com>" and header["X-Poedit-SourceCharset"] == "UTF-8"
    assert header["Language-Team"] == "English <en@example.com>"
    assert header["X-Generator"].startswith("l10n ") and header["PO-Revision-Date"] != "2026-11-30 09:12+0100"


def _new_release(project_dir: Path) -> Path:
    (project_dir / "source" / "neu.md").write_text(NEW, encoding="utf-8")
    assert run("translate", "--engine", "pseudo", "-C", str(project_dir)).exit_code == 0
    return project_dir / "locales" / "en" / "neu.po"


def test_tm_import_is_used_and_replaces_untouched_machine_suggestions(project_dir: Path, tmp_path: Path) -> None:
    path = _new_release(project_dir)
    catalog = read_catalog(path)
    # A translator edits the other machine suggestion: memory must not overwrite a person's work.
    first = catalog.active[0]
    edited = replace(first, msgstr="The Beispiel GmbH opens a logistics centre in Dormagen.")
    write_catalog(path, replace(catalog, entries=(edited, *catalog.entries[1:])), catalog)
    tmx = tmp_path / "agency.tmx"
    write_tmx(tmx, [TranslationUnit(CONTACT, CONTACT_EN, "en", "agency"), TranslationUnit(first.msgid, "Memory wording.", "en", "agency")], "de")

    result = run("tm", "import", str(tmx), "-C", str(project_dir))
    assert result.exit_code == 0
    assert result.output == "memory/imported.tmx: 2 translation units; l10n translate uses them (everything under memory/ is read)\n"
    result = run("translate", "--engine", "pseudo", "-C", str(project_dir))
    assert result.output == "locales/en/neu.po: 1 from memory\n"
    entries = {e.msgid: e for e in read_catalog(path).active}
    contact = entries[CONTACT]
    assert contact.msgstr == CONTACT_EN and contact.fuzzy  # imported memory: for review
    assert contact.provenance == Provenance.memory("memory/imported.tmx", CONTACT_EN)
    assert "# tm: memory/imported.tmx; sha=" in path.read_text(encoding="utf-8")
    assert entries[first.msgid].msgstr == edited.msgstr  # the person's text stays


def test_tm_import_into_an_unread_file_is_one_line(project_dir: Path, tmp_path: Path) -> None:
    tmx = tmp_path / "agency.tmx"
    write_tmx(tmx, [TranslationUnit(CONTACT, CONTACT_EN, "en", "agency")], "de")
    proc = subprocess.run([sys.executable, "-m", "l10n", "tm", "import", str(tmx),
                           "--into", "elsewhere/agency.tmx", "-C", str(project_dir)], capture_output=True, text=True)
    assert proc.returncode == 1
    assert proc.stderr == (f"error: {project_dir.resolve() / 'l10n.toml'}: --into elsewhere/agency.tmx: l10n translate would not "
                           "read it (import into memory/ (the default), or list the file in [memory] files)\n")
    assert not (project_dir / "elsewhere").exists()


def test_approved_text_of_the_project_replaces_a_machine_suggestion_approved(project_dir: Path) -> None:
    path = _new_release(project_dir)
    seed = project_dir / "locales" / "en" / f"{SEED_DOC}.po"
    seed_catalog = read_catalog(seed)
    # The seed release gets the same contact line, approved by its reviewers.
    source = project_dir / "source" / f"{SEED_DOC}.md"
    source.write_text(source.read_text(encoding="utf-8") + f"\n{CONTACT}\n", encoding="utf-8")
    translate_project(Project.open(project_dir), ["en"], "pseudo")
    seed_catalog = read_catalog(seed)
    entries = tuple(replace(e, msgstr=CONTACT_EN, fuzzy=False) if e.msgid == CONTACT else e for e in seed_catalog.entries)
    write_catalog(seed, replace(seed_catalog, entries=entries), seed_catalog)
    (project_dir / "source" / "neu.md").write_text(NEW + "\nNoch ein Satz.\n", encoding="utf-8")  # the release is worked on
    translate_project(Project.open(project_dir), ["en"], "pseudo")
    contact = read_catalog(path).get((None, CONTACT))
    assert contact.msgstr == CONTACT_EN and not contact.fuzzy
    assert contact.provenance.kind == "tm" and contact.provenance.origin == f"locales/en/{SEED_DOC}.po"


def test_an_edited_machine_suggestion_is_no_longer_machine_text(project_dir: Path) -> None:
    path = _new_release(project_dir)
    entry = read_catalog(path).active[0]
    assert entry.machine_text and entry.provenance.sha
    changed = replace(entry, msgstr=entry.msgstr + " (edited)")
    assert not changed.machine_text and changed.provenance == entry.provenance  # the comment stays; the claim goes


@pytest.mark.parametrize("line, machine", [
    ("mt: pseudo; pseudo-en v1; 2026-11-24", True),  # written before the hash: taken as the machine's
    ("mt: argos; translate-en_zh-1.9 (beam 4, lp 0.2, max 256); 2026-11-24; via en (reviewed)", True),
    ("mt: pseudo; pseudo-en v1; 2026-11-24; sha=00000000", False),
])
def test_old_and_new_provenance_lines_are_read(line: str, machine: bool) -> None:
    made = Provenance.parse(line)
    assert made.kind == "mt" and made.engine in ("pseudo", "argos") and made.is_machine_text("[Ĥéļļö]") is machine
    assert Provenance.parse(made.render()) == made


def test_tm_import_into_a_file_listed_in_memory_files_says_so(project_dir: Path, tmp_path: Path) -> None:
    with (project_dir / "l10n.toml").open("a", encoding="utf-8") as f:
        f.write('\n[memory]\nfiles = ["shared/agency.tmx"]\n')
    tmx = tmp_path / "agency.tmx"
    write_tmx(tmx, [TranslationUnit(CONTACT, CONTACT_EN, "en", "agency")], "de")
    result = run("tm", "import", str(tmx), "--into", "shared/agency.tmx", "-C", str(project_dir))
    assert result.output == "shared/agency.tmx: 1 translation units; l10n translate uses them (listed in [memory] files)\n"
