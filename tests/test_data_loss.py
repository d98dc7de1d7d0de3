"""Issue 15, data loss: nothing a translator wrote is lost, whatever the config or the files look like."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from l10n.catalog import read_catalog

from .conftest import SEED_DOC
from .test_robust import cli, fails_cleanly, snapshot

RELEASE_CONFIG = '[project]\ntarget_languages = ["en", "zh"]\n[release]\nout_dir = "{out}"\nkit_name = "{kit}"\n'


@pytest.mark.parametrize(
    ("out", "kit", "expected"),
    [
        (".", "locales", "[release] kit_name"),
        (".", "source", "[release] kit_name"),
        (".", ".l10n", "[release] kit_name"),
        ("locales", "presskit", "[release] out_dir"),
        ("source", "presskit", "[release] out_dir"),
        ("source/sub", "presskit", "[release] out_dir"),
        (".", "l10n.toml", "[release] kit_name"),
    ],
)
def test_release_never_overlaps_the_project(capsys, project_dir: Path, out: str, kit: str, expected: str):
    (project_dir / "l10n.toml").write_text(RELEASE_CONFIG.format(out=out, kit=kit), encoding="utf-8")
    before = snapshot(project_dir)
    code, _, err = cli(capsys, "release", "-C", str(project_dir))
    assert code == 1 and err.startswith("error: ") and err.count("\n") == 1, err
    assert expected in err, err
    assert snapshot(project_dir) == before


def test_release_never_replaces_files_git_tracks(capsys, project_dir: Path):
    subprocess.run(["git", "init", "-q", str(project_dir)], check=True)
    (project_dir / "notes").mkdir()
    (project_dir / "notes" / "todo.txt").write_text("keep me\n")
    subprocess.run(["git", "-C", str(project_dir), "add", "notes/todo.txt"], check=True)
    (project_dir / "l10n.toml").write_text(RELEASE_CONFIG.format(out=".", kit="notes"), encoding="utf-8")
    code, _, err = cli(capsys, "release", "-C", str(project_dir))
    assert code == 1 and "[release] kit_name" in err and "not a press kit" in err, err
    assert (project_dir / "notes" / "todo.txt").read_text() == "keep me\n"


def test_release_in_the_project_root_still_works(capsys, project_dir: Path):
    (project_dir / "l10n.toml").write_text(RELEASE_CONFIG.format(out=".", kit="kit"), encoding="utf-8")
    code, out, err = cli(capsys, "release", "--include-fuzzy", "-C", str(project_dir))
    assert code == 0, err
    assert (project_dir / "kit" / "index.html").exists() and (project_dir / "kit.zip").exists()
    assert read_catalog(project_dir / "locales" / "en" / f"{SEED_DOC}.po").active


# --- CR-only line ends ------------------------------------------------------------------------------


def test_cr_only_catalog_is_read_correctly(capsys, project_dir: Path):
    path = project_dir / "locales" / "en" / f"{SEED_DOC}.po"
    lf = read_catalog(path)
    status = cli(capsys, "status", "-C", str(project_dir))
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r"))
    cr = read_catalog(path)
    assert [(e.msgid, e.msgstr, e.fuzzy) for e in cr.entries] == [(e.msgid, e.msgstr, e.fuzzy) for e in lf.entries]
    assert len(cr.active) > 20
    assert cli(capsys, "status", "-C", str(project_dir)) == status


def test_cr_only_catalog_keeps_its_approved_entries(capsys, project_dir: Path):
    path = project_dir / "locales" / "en" / f"{SEED_DOC}.po"
    approved = {e.key: e.msgstr for e in read_catalog(path).active if e.approved}
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r"))
    assert cli(capsys, "translate", "-e", "pseudo", "-C", str(project_dir))[0] == 0
    after = read_catalog(path)
    assert {k: after.get(k).msgstr for k in approved if after.get(k) and after.get(k).approved} == approved


def test_cr_only_source_is_read_by_paragraphs(capsys, empty_project: Path):
    text = "# Titel\n\nDie Firma eröffnet ein Büro in Düsseldorf. Sie stellt zehn Leute ein.\n\nZweiter Absatz hier.\n"
    (empty_project / "source" / "mac.md").write_bytes(text.replace("\n", "\r").encode())
    assert cli(capsys, "translate", "-e", "pseudo", "-C", str(empty_project))[0] == 0
    msgids = [e.msgid for e in read_catalog(empty_project / "locales" / "en" / "mac.po").active]
    assert msgids == ["Titel", "Die Firma eröffnet ein Büro in Düsseldorf.", "Sie stellt zehn Leute ein.", "Zweiter Absatz hier."] or \
        all("\r" not in m for m in msgids) and len(msgids) == 4, msgids


# --- x.md and x.txt ----------------------------------------------------------------------------------


def test_two_sources_sharing_a_catalog_name_are_refused(capsys, project_dir: Path):
    (project_dir / "source" / f"{SEED_DOC}.txt").write_text("Ein Satz.\n", encoding="utf-8")
    err = fails_cleanly(capsys, project_dir, f"{SEED_DOC}.md", f"{SEED_DOC}.txt")
    assert "one catalog" in err
    for command in (("release",), ("status",)):
        fails_cleanly(capsys, project_dir, f"{SEED_DOC}.txt", command=command)


# --- the lock and state files --------------------------------------------------------------------


@pytest.mark.parametrize("name", ["lock", "translate-state.json"])
def test_state_files_that_are_links_are_never_followed(capsys, project_dir: Path, name: str):
    catalog = project_dir / "locales" / "en" / f"{SEED_DOC}.po"
    before = catalog.read_bytes()
    state = project_dir / ".l10n"
    state.mkdir()
    (state / name).symlink_to(catalog)
    code, out, err = cli(capsys, "translate", "-e", "pseudo", "-C", str(project_dir))
    assert catalog.read_bytes() == before
    assert code == 1 and err.count("\n") == 1 and "link" in err and name in err, err


# --- check every input before writing ------------------------------------------------------------


def test_a_bad_catalog_stops_the_run_before_any_file_of_the_document_is_written(capsys, empty_project: Path):
    (empty_project / "source" / "doc.md").write_text("Erster Satz hier. Zweiter Satz hier.\n", encoding="utf-8")
    assert cli(capsys, "translate", "-e", "pseudo", "-C", str(empty_project))[0] == 0
    (empty_project / "source" / "doc.md").write_text("Erster Satz hier. Zweiter Satz hier. Dritter Satz.\n", encoding="utf-8")
    zh = empty_project / "locales" / "zh" / "doc.po"
    lines = zh.read_text(encoding="utf-8").split("\n")
    at = next(i for i, ln in enumerate(lines) if ln.startswith("msgstr") and i > 20)
    lines[at] = 'msgstr "坏\x04的"'
    zh.write_text("\n".join(lines), encoding="utf-8")
    err = fails_cleanly(capsys, empty_project, f"locales/zh/doc.po:{at + 1}:", "EOT")
    assert "source/doc.md" not in err


def test_write_catalogs_checks_every_file_before_writing_the_first(tmp_path: Path):
    from l10n.catalog import Catalog, Entry, write_catalogs
    from l10n.errors import CatalogError

    good, bad = Catalog({}, (Entry("Satz.", "Sentence."),)), Catalog({}, (Entry("Satz.", "坏\x04"),))
    with pytest.raises(CatalogError, match="EOT"):
        write_catalogs([(tmp_path / "a.pot", good, None), (tmp_path / "b.po", bad, None)])
    assert not list(tmp_path.iterdir())


# --- entries l10n did not create -----------------------------------------------------------------

HAND_ADDED = '''
# Hand-added by a translator.
#, c-format
msgctxt "ctx"
msgid "%d Datei"
msgid_plural "%d Dateien"
msgstr[0] "%d file"
msgstr[1] "%d files"

msgctxt "nur"
msgid "Kontext."
msgstr "Context."
'''


def test_hand_added_entries_are_kept_as_gettext_keeps_them(capsys, project_dir: Path):
    path = project_dir / "locales" / "en" / f"{SEED_DOC}.po"
    path.write_text(path.read_text(encoding="utf-8") + HAND_ADDED, encoding="utf-8")
    subprocess.run(["msgfmt", "-c", "-o", os.devnull, str(path)], check=True)
    # What GNU msgmerge makes of the file: the entries are not in the template, so they become
    # obsolete (#~), translator comment, flags and every plural form kept.
    pot = project_dir / "locales" / "templates" / f"{SEED_DOC}.pot"
    merged = subprocess.run(["msgmerge", "-q", "-o", "-", str(path), str(pot)], check=True, capture_output=True, text=True).stdout
    for _ in range(2):  # and again: an obsolete plural entry survives the next run too
        assert cli(capsys, "translate", "-e", "pseudo", "-C", str(project_dir))[0] == 0
        text = path.read_text(encoding="utf-8")
        subprocess.run(["msgfmt", "-c", "-o", os.devnull, str(path)], check=True)
        for block in ('#~ msgctxt "ctx"\n#~ msgid "%d Datei"\n#~ msgid_plural "%d Dateien"\n#~ msgstr[0] "%d file"\n'
                      '#~ msgstr[1] "%d files"', '#~ msgctxt "nur"\n#~ msgid "Kontext."\n#~ msgstr "Context."',
                      "# Hand-added by a translator.\n#, c-format\n#~ msgctxt"):
            assert block in text and block in merged, block
    catalog = read_catalog(path)
    plural = next(e for e in catalog.obsolete if e.msgctxt == "ctx")
    assert plural.msgid_plural == "%d Dateien" and plural.msgstr_plural == ((0, "%d file"), (1, "%d files"))


# --- what a killed run leaves behind ------------------------------------------------------------


def dead_pid() -> int:
    child = subprocess.Popen(["true"])
    child.wait()
    return child.pid


def test_stale_temporary_files_of_a_killed_run_are_removed(capsys, project_dir: Path):
    from l10n.fs import temp_prefix

    pid = dead_pid()
    en = project_dir / "locales" / "en"
    left = [en / f".{SEED_DOC}.po.l10n{pid}-abc123.tmp", project_dir / ".l10n" / f".translate-state.json.l10n{pid}-x.tmp",
            project_dir / "dist" / f".presskit.l10n{pid}-k9", project_dir / "dist" / f".presskit.zip.l10n{pid}-z.tmp",
            project_dir / "dist" / "en" / f".{SEED_DOC}.md.l10n{pid}-q.tmp"]
    live = en / f"{temp_prefix(SEED_DOC + '.po')}live.tmp"  # this process: a live run's file
    mine = en / ".my-notes"  # not l10n's naming: never touched
    for path in left[1:2] + left[:1]:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("half")
    for path in (live, mine):
        path.write_text("keep")
    assert cli(capsys, "translate", "-e", "pseudo", "-C", str(project_dir))[0] == 0
    assert not any(p.exists() for p in left[:2]) and live.exists() and mine.exists()
    for path in left[2:]:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.mkdir() if path.name.startswith(".presskit.l10n") else path.write_text("half")
    assert cli(capsys, "release", "--include-fuzzy", "-C", str(project_dir))[0] == 0
    assert not any(p.exists() for p in left)


# --- translation memory export ---------------------------------------------------------------------


def test_tm_export_of_control_characters_is_valid_xml_and_reads_back(capsys, project_dir: Path, tmp_path: Path):
    import xml.etree.ElementTree as ET

    from l10n.catalog import write_catalog
    from l10n.tm import read_tmx

    path = project_dir / "locales" / "en" / f"{SEED_DOC}.po"
    catalog = read_catalog(path)
    odd = "\x07Bell, escape\x1b, CR\r and form feed\x0c kept.\x01"
    entries = tuple(e if i else e.__class__(**{**e.__dict__, "msgstr": odd}) for i, e in enumerate(catalog.active))
    first = entries[0]
    write_catalog(path, catalog.__class__(catalog.header, entries + tuple(catalog.obsolete), catalog.header_comment))
    out = tmp_path / "all.tmx"
    assert cli(capsys, "tm", "export", str(out), "-C", str(project_dir))[0] == 0
    ET.parse(out)  # well-formed XML 1.0
    assert subprocess.run(["python3", "-c", f"import xml.dom.minidom as m; m.parse({str(out)!r})"]).returncode == 0
    units = {(u.lang, u.source): u.target for u in read_tmx(out, "de")}
    assert units[("en", first.msgid)] == odd
    # l10n imports its own export: the same units come back.
    code, _, err = cli(capsys, "tm", "import", str(out), "--into", "memory/back.tmx", "-C", str(project_dir))
    assert code == 0, err
    assert {(u.lang, u.source): u.target for u in read_tmx(project_dir / "memory" / "back.tmx", "de")} == units


# --- every input in the no-change key ------------------------------------------------------------

EXTRA_INPUTS = '\n[segment]\nabbreviation_files = ["abbrev.txt"]\n[memory]\nfiles = ["memory/mem.tmx"]\n'


@pytest.mark.parametrize("edit", ["abbrev.txt", "glossary.csv", "memory/mem.tmx", "l10n.toml"])
def test_editing_any_input_makes_translate_look_again(project_dir: Path, edit: str):
    from l10n.project import Project
    from l10n.tm import TranslationUnit, write_tmx
    from l10n.translate import translate_project

    config = project_dir / "l10n.toml"
    config.write_text(config.read_text(encoding="utf-8") + EXTRA_INPUTS, encoding="utf-8")
    (project_dir / "abbrev.txt").write_text("Bürgerm.\n", encoding="utf-8")
    (project_dir / "memory").mkdir()
    write_tmx(project_dir / "memory" / "mem.tmx", [TranslationUnit("Ein Satz.", "A sentence.", "en", "x")], "de")

    def run() -> list:  # a report for each file of each document the run went through
        return translate_project(Project.open(project_dir), engine_name="pseudo")

    run()
    assert run() == []  # nothing changed: every document skipped unread
    path = project_dir / edit
    if edit == "memory/mem.tmx":
        write_tmx(path, [TranslationUnit("Ein anderer Satz.", "Another sentence.", "en", "x")], "de")
    elif edit == "l10n.toml":
        path.write_text(path.read_text(encoding="utf-8") + "[checks]\n", encoding="utf-8")
    else:
        path.write_text(path.read_text(encoding="utf-8") + ("Stadtdir.\n" if edit == "abbrev.txt" else "Düsseldorf,,,city\n"), encoding="utf-8")
    assert run() != []


def test_a_new_abbreviation_changes_the_catalog_at_once(capsys, project_dir: Path):
    config = project_dir / "l10n.toml"
    config.write_text(config.read_text(encoding="utf-8") + '\n[segment]\nabbreviation_files = ["abbrev.txt"]\n', encoding="utf-8")
    (project_dir / "abbrev.txt").write_text("Bürgerm.\n", encoding="utf-8")
    (project_dir / "source" / "abk.md").write_text("Der Stadtdir. Müller kommt heute. Er bleibt lange.\n", encoding="utf-8")
    for _ in range(2):
        code, out, _ = cli(capsys, "translate", "-e", "pseudo", "-C", str(project_dir))
    assert "Nothing to do" in out
    (project_dir / "abbrev.txt").write_text("Bürgerm.\nStadtdir.\n", encoding="utf-8")
    code, out, _ = cli(capsys, "translate", "-e", "pseudo", "-C", str(project_dir))
    assert code == 0 and "abk.pot: template updated" in out, out
    assert "Der Stadtdir. Müller kommt heute." in [e.msgid for e in read_catalog(project_dir / "locales" / "en" / "abk.po").active]


# --- nothing from outside the kit --------------------------------------------------------------------


def test_external_images_never_ship_in_a_release(capsys, project_dir: Path):
    from l10n.catalog import write_catalog

    path = project_dir / "locales" / "en" / f"{SEED_DOC}.po"
    catalog = read_catalog(path)
    first = catalog.active[1]
    tracked = first.__class__(**{**first.__dict__, "msgstr": first.msgstr + " ![](https://evil.example/t.png) ![logo](//cdn.example/l.png)"})
    entries = tuple(tracked if e is first else e for e in catalog.entries)
    write_catalog(path, catalog.__class__(catalog.header, entries, catalog.header_comment))
    # An external image in a source is not loaded by the kit's pages either.
    (project_dir / "source" / "bild.md").write_text("# Bild\n\nDas Büro. ![Foto](http://example.org/f.jpg)\n", encoding="utf-8")
    assert cli(capsys, "release", "--include-fuzzy", "-C", str(project_dir))[0] == 0
    released = (project_dir / "dist" / "en" / f"{SEED_DOC}.md").read_text(encoding="utf-8")
    assert "](https://evil.example/t.png)" in released and "![](https://" not in released and "![logo](//" not in released
    pages = [p.read_text(encoding="utf-8") for p in (project_dir / "dist" / "presskit").rglob("*.html")]
    assert any("evil.example/t.png" in page for page in pages) and any("example.org/f.jpg" in page for page in pages)
    import re

    for page in pages:
        assert not re.search(r"""src\s*=\s*["']?(?:[a-z][a-z0-9+.-]*:|//)""", page, re.I), page


def test_a_cache_file_that_is_a_link_is_never_opened(tmp_path: Path):
    from l10n.cache import TranslationCache
    from l10n.errors import L10nError

    target = tmp_path / "catalog.po"
    target.write_bytes(b"msgid \"\"\nmsgstr \"\"\n")
    (tmp_path / "state").mkdir()
    (tmp_path / "state" / "mt-cache.sqlite3").symlink_to(target)
    with pytest.raises(L10nError, match="symbolic link"):
        TranslationCache.for_state(tmp_path / "state").get(("e", "m", "de", "en"), ["Satz."])
    assert target.read_bytes() == b"msgid \"\"\nmsgstr \"\"\n"


def test_status_counts_a_hand_added_plural_entry_as_translated(tmp_path: Path):
    from l10n.status import catalog_stats

    path = tmp_path / "x.po"
    path.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n' + HAND_ADDED, encoding="utf-8")
    stats = catalog_stats(read_catalog(path), "x", "en", "x.po")
    assert (stats.entries, stats.approved, stats.untranslated) == (2, 2, 0)
