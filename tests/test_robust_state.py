"""The no-change fast path of ``translate`` never hides a change: any edit brings a document back."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from l10n.catalog import read_catalog, render
from l10n.errors import CatalogError
from l10n.state import STATE_NAME
from l10n.project import Project
from l10n.translate import translate_project

from .conftest import SEED_DOC


def run(root: Path) -> list[str]:
    """Translate with the pseudo engine; return the paths of the catalogs the run looked at."""
    return [r.path for r in translate_project(Project.open(root), engine_name="pseudo")]


def test_unchanged_documents_are_skipped_unread(empty_project: Path):
    (empty_project / "source" / "zweites.md").write_text("Die Firma eröffnet ein Büro. Sie stellt Leute ein.\n", encoding="utf-8")
    assert len(run(empty_project)) == 6
    assert run(empty_project) == []
    # A catalog broken after the last run is still seen at once: its stamp changed.
    po = empty_project / "locales" / "en" / "zweites.po"
    po.write_text(po.read_text(encoding="utf-8") + "\nmsgid broken\n", encoding="utf-8")
    with pytest.raises(CatalogError, match=r"zweites\.po:\d+: broken catalog"):
        run(empty_project)


def test_a_translator_edit_is_seen(empty_project: Path):
    run(empty_project)
    path = empty_project / "locales" / "en" / f"{SEED_DOC}.po"
    catalog = read_catalog(path)
    cleared = catalog.active[0]
    entries = tuple(e.__class__(**{**e.__dict__, "msgstr": "", "fuzzy": False}) if e is cleared else e for e in catalog.entries)
    path.write_text(render(catalog.__class__(catalog.header, entries, catalog.header_comment)), encoding="utf-8")
    assert run(empty_project) == [f"locales/templates/{SEED_DOC}.pot", f"locales/en/{SEED_DOC}.po", f"locales/zh/{SEED_DOC}.po"]
    assert read_catalog(path).get(cleared.key).msgstr  # filled again


def test_source_and_settings_changes_are_seen(empty_project: Path):
    run(empty_project)
    source = empty_project / "source" / f"{SEED_DOC}.md"
    source.write_text(source.read_text(encoding="utf-8") + "\nEin neuer Satz steht am Ende.\n", encoding="utf-8")
    run(empty_project)
    assert read_catalog(empty_project / "locales" / "zh" / f"{SEED_DOC}.po").get((None, "Ein neuer Satz steht am Ende.")).msgstr
    assert run(empty_project) == []
    config = empty_project / "l10n.toml"
    config.write_text(config.read_text(encoding="utf-8").replace('"l10n press releases"', '"renamed"'), encoding="utf-8")
    assert run(empty_project)
    assert read_catalog(empty_project / "locales" / "templates" / f"{SEED_DOC}.pot").header["Project-Id-Version"] == "renamed"


def test_a_lost_or_damaged_state_only_costs_a_full_run(empty_project: Path):
    run(empty_project)
    state = empty_project / ".l10n" / STATE_NAME
    state.write_text("{not json", encoding="utf-8")
    assert len(run(empty_project)) == 3
    os.remove(state)
    assert len(run(empty_project)) == 3
    assert run(empty_project) == []


def test_a_no_change_run_writes_nothing_not_even_its_state(empty_project: Path):
    run(empty_project)
    state = empty_project / ".l10n" / STATE_NAME
    before = state.stat()
    assert run(empty_project) == []
    after = state.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
