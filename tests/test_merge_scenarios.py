"""Source edits to the seed press release, judged against GNU ``msgmerge --previous``.

Each scenario approves the English catalog, edits the German source, runs ``l10n translate`` and
checks that every approved translation survives and that the sets of fuzzy-matched, new and
obsolete sentences equal msgmerge's for the same old catalog and new template.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from l10n.catalog import read_catalog, write_catalog
from l10n.project import Project
from l10n.translate import translate_project

from .conftest import SEED_DOC

pytestmark = pytest.mark.skipif(shutil.which("msgmerge") is None, reason="GNU gettext not installed")

FIRST = "DÜSSELDORF. Die chinesischen Technologiekonzerne OPPO, VIVO und Xiaomi eröffnen Niederlassungen in Düsseldorf."


def _edit(text: str, scenario: str) -> str:
    paragraphs = text.split("\n\n")
    vivo = next(i for i, p in enumerate(paragraphs) if p.startswith("VIVO Communication"))
    if scenario == "change a figure":
        assert "wurde 2003 in Dongguan" in text
        return text.replace("wurde 2003 in Dongguan", "wurde 2004 in Dongguan")
    if scenario == "insert a paragraph":
        paragraphs.insert(vivo, "Die Landeshauptstadt begrüßt die Ansiedlung der drei Konzerne ausdrücklich.")
    elif scenario == "delete a paragraph":
        del paragraphs[vivo - 1 : vivo + 1]  # the VIVO heading and its paragraph
    elif scenario == "move a paragraph":
        section = paragraphs[vivo - 1 : vivo + 1]
        del paragraphs[vivo - 1 : vivo + 1]
        paragraphs[-1:-1] = section
    elif scenario == "duplicate a sentence":
        paragraphs.append(FIRST)
    return "\n\n".join(paragraphs)


def _classes(catalog) -> dict[str, set[str]]:
    """Fuzzy-matched (has a previous msgid), new and obsolete msgids."""
    return {
        "fuzzy": {e.msgid for e in catalog.active if e.fuzzy and e.previous_msgid},
        "new": {e.msgid for e in catalog.active if not e.previous_msgid and (not e.msgstr or e.provenance or "tm:" in e.tcomment)},
        "obsolete": {e.msgid for e in catalog.obsolete},
    }


@pytest.mark.parametrize("scenario", ["change a figure", "insert a paragraph", "delete a paragraph", "move a paragraph", "duplicate a sentence"])
def test_scenario_matches_msgmerge(project_dir: Path, tmp_path: Path, scenario: str):
    po = project_dir / "locales" / "en" / f"{SEED_DOC}.po"
    seeded = read_catalog(po)
    approved = replace(seeded, entries=tuple(replace(e, fuzzy=False) for e in seeded.entries))
    write_catalog(po, approved)
    old_copy = tmp_path / "old.po"
    shutil.copy(po, old_copy)
    src = project_dir / "source" / f"{SEED_DOC}.md"
    src.write_text(_edit(src.read_text(encoding="utf-8"), scenario), encoding="utf-8")

    translate_project(Project.open(project_dir), ["en"], "pseudo")

    ours = read_catalog(po)
    survivors = {e.msgstr for e in ours.entries}
    assert all(e.msgstr in survivors for e in approved.entries), "an approved translation was lost"
    for e in ours.active:
        old = approved.get(e.key)
        if old is not None:
            assert (e.msgstr, e.fuzzy) == (old.msgstr, False), "an approved entry was changed"
    pot = project_dir / "locales" / "templates" / f"{SEED_DOC}.pot"
    theirs_path = tmp_path / "msgmerge.po"
    subprocess.run(["msgmerge", "--previous", "-q", "-o", str(theirs_path), str(old_copy), str(pot)], check=True)
    theirs = read_catalog(theirs_path)
    expected = _classes(theirs)
    if scenario == "duplicate a sentence":
        # msgmerge pairs the repeat (msgctxt "repeat 2") with the first occurrence as a fuzzy
        # match on context. l10n fills it from translation memory instead: the same approved
        # text, marked "tm:" with its origin, so the reviewer sees where it came from.
        repeat = next(e for e in ours.active if e.msgctxt == "repeat 2")
        assert (repeat.msgstr, repeat.fuzzy) == (approved.get((None, FIRST)).msgstr, True) and "tm:" in repeat.tcomment
        expected["fuzzy"].discard(FIRST)
        expected["new"].add(FIRST)
    assert _classes(ours) == expected
    for e in ours.active:
        if e.previous_msgid:  # a changed sentence starts from its old translation, old German shown
            twin = theirs.get(e.key)
            assert (e.previous_msgid, e.msgstr, e.fuzzy) == (twin.previous_msgid, twin.msgstr, True)
            assert "mt-suggestion: [" in e.tcomment  # the pseudo engine's fresh rendering of the new German
    if scenario != "move a paragraph":
        assert any(_classes(ours).values()), "the edit changed nothing: the scenario tests nothing"
