"""The merge on its own: exact, fuzzy, new, obsolete, revived; and catalogs re-saved by other tools."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from l10n.catalog import Catalog, Entry, read_catalog, write_catalog
from l10n.cli import app
from l10n.merge import FUZZY_THRESHOLD, FuzzyIndex, merge, similarity

from .conftest import SEED_DOC

FIGURE_OLD = "Der Umsatz stieg im Jahr 2018 auf 19,7 Milliarden Euro."
FIGURE_NEW = "Der Umsatz stieg im Jahr 2018 auf 19,8 Milliarden Euro."
OTHER = "Die Firma hat ihren Sitz in Peking und beschäftigt viele Ingenieure."


def _old(*entries: Entry) -> Catalog:
    return Catalog({"Language": "en"}, entries)


def test_changed_figure_becomes_fuzzy_with_previous_msgid_and_old_translation():
    old = _old(Entry(FIGURE_OLD, "Revenue rose to 19.7 billion euros in 2018.", tcomment="checked by Ana"))
    result = merge(old, Catalog({}, (Entry(FIGURE_NEW),)), {})
    (entry,) = result.catalog.entries
    assert (entry.msgid, entry.fuzzy, entry.previous_msgid) == (FIGURE_NEW, True, FIGURE_OLD)
    assert entry.msgstr.startswith("Revenue rose") and entry.tcomment == "checked by Ana"
    assert (result.fuzzy_matched, result.new, result.obsoleted) == (1, 0, 0)


def test_unrelated_sentence_is_new_and_old_one_obsolete():
    assert similarity(FIGURE_OLD, OTHER) < FUZZY_THRESHOLD
    result = merge(_old(Entry(FIGURE_OLD, "Revenue ...")), Catalog({}, (Entry(OTHER),)), {})
    assert [(e.msgid, e.msgstr, e.obsolete) for e in result.catalog.entries] == [(OTHER, "", False), (FIGURE_OLD, "Revenue ...", True)]
    assert (result.new, result.obsoleted) == (1, 1)


def test_removed_sentence_comes_back_with_its_translation():
    gone = merge(_old(Entry(OTHER, "The firm ...")), Catalog({}, ()), {}).catalog
    assert gone.entries[0].obsolete
    back = merge(gone, Catalog({}, (Entry(OTHER, comment="paragraph, id x"),)), {})
    assert back.revived == 1 and back.catalog.entries == (Entry(OTHER, "The firm ...", comment="paragraph, id x"),)


def test_index_prefers_the_most_similar_and_uses_each_old_entry_once():
    pool = FuzzyIndex([Entry(OTHER, "x"), Entry(FIGURE_OLD, "y"), Entry(FIGURE_OLD.replace("2018", "2017"), "z")])
    assert pool.take(FIGURE_NEW).msgstr == "y"
    assert pool.take(FIGURE_NEW).msgstr == "z"
    assert pool.take(FIGURE_NEW) is None


@pytest.mark.skipif(shutil.which("msgcat") is None, reason="GNU gettext not installed")
def test_catalog_reformatted_by_msgcat_is_read_back_and_left_alone(project_dir: Path):
    po = project_dir / "locales" / "en" / f"{SEED_DOC}.po"
    catalog = read_catalog(po)
    # A translator reopened one entry for review and commented another, a tool set its headers ...
    entries = list(catalog.entries)
    entries[0] = replace(entries[0], fuzzy=not entries[0].fuzzy)
    entries[1] = replace(entries[1], tcomment="\n".join(filter(None, [entries[1].tcomment, "Translator: keep the brand names"])))
    header = {**catalog.header, "Last-Translator": "Ana <ana@example.org>", "Language-Team": "EN team <en@example.org>"}
    write_catalog(po, replace(catalog, header=header, entries=tuple(entries)))
    # ... then msgcat rewrapped everything at 50 columns and sorted the entries.
    subprocess.run(["msgcat", "--sort-output", "-w", "50", "-o", str(po), str(po)], check=True)
    before = po.read_bytes()
    assert read_catalog(po).entries != tuple(entries) and set(read_catalog(po).entries) == set(entries)

    result = CliRunner().invoke(app, ["translate", "-C", str(project_dir), "-l", "en", "-e", "pseudo"])
    assert result.exit_code == 0, result.output
    assert "Nothing to do" in result.output
    assert po.read_bytes() == before
    again = read_catalog(po)
    assert set(again.entries) == set(entries)
    assert (again.header["Last-Translator"], again.header["Language-Team"]) == ("Ana <ana@example.org>", "EN team <en@example.org>")


def test_changed_sentence_without_engine_keeps_old_translation_and_says_so(project_dir: Path):
    from l10n.errors import EngineError
    from l10n.project import Project
    from l10n.translate import translate_project

    po = project_dir / "locales" / "en" / f"{SEED_DOC}.po"
    catalog = read_catalog(po)
    write_catalog(po, replace(catalog, entries=tuple(replace(e, fuzzy=False) for e in catalog.entries)))
    src = project_dir / "source" / f"{SEED_DOC}.md"
    src.write_text(src.read_text(encoding="utf-8").replace("wurde 2003 in", "wurde 2004 in"), encoding="utf-8")

    def unavailable(name):
        raise EngineError("no model installed")

    (report,) = [r for r in translate_project(Project.open(project_dir), ["en"], engine_factory=unavailable) if r.lang]
    assert (report.fuzzy_matched, report.suggested, report.suggestions_skipped) == (1, 0, 1)
    changed = next(e for e in read_catalog(po).active if e.previous_msgid)
    assert "2004" in changed.msgid and "2003" in changed.previous_msgid and changed.msgstr and "mt-suggestion" not in changed.tcomment


@pytest.mark.skipif(shutil.which("msgmerge") is None, reason="GNU gettext not installed")
@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Xiaomi wurde 2010 in Peking gegründet.", "OPPO wurde 2004 in Dongguan gegründet."),
        ("Der Umsatz stieg um zehn Prozent.", "Der Gewinn sank um zwei Prozent."),
    ],
)
def test_where_msgmerge_pairs_unrelated_facts_l10n_does_not(tmp_path: Path, old: str, new: str):
    # msgmerge's threshold is 0.6: it offers the translation of another company's founding, or of a
    # rising revenue for a falling profit, as the starting point. A reviewer skimming a fuzzy entry
    # may keep the wrong fact; l10n's 0.75 makes these new sentences for the engine instead.
    header = {"Content-Type": "text/plain; charset=UTF-8"}
    write_catalog(tmp_path / "old.po", Catalog(header, (Entry(old, "TRANSLATION"),)))
    write_catalog(tmp_path / "new.pot", Catalog(header, (Entry(new),)))
    out = tmp_path / "gnu.po"
    subprocess.run(["msgmerge", "--previous", "-q", "-o", str(out), str(tmp_path / "old.po"), str(tmp_path / "new.pot")], check=True)
    assert read_catalog(out).get((None, new)).fuzzy  # msgmerge: paired
    ours = merge(read_catalog(tmp_path / "old.po"), read_catalog(tmp_path / "new.pot"), header).catalog
    assert ours.get((None, new)).msgstr == "" and ours.obsolete[0].msgstr == "TRANSLATION"
