"""Translation memory: reuse across documents, the [memory] switch, TMX and PO import/export."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from l10n.catalog import read_catalog, write_catalog
from l10n.cli import app
from l10n.errors import CatalogError, ConfigError
from l10n.project import Project
from l10n.tm import build_memory, read_tmx
from l10n.translate import translate_project

from .conftest import SEED_DOC


def _approve_en(root: Path) -> dict[str, str]:
    po = root / "locales" / "en" / f"{SEED_DOC}.po"
    catalog = read_catalog(po)
    write_catalog(po, replace(catalog, entries=tuple(replace(e, fuzzy=False, msgstr=f"EN {i}") for i, e in enumerate(catalog.entries))))
    return {e.msgid: f"EN {i}" for i, e in enumerate(catalog.entries)}


def _second_doc(root: Path, approved: dict[str, str]) -> str:
    sentence = next(iter(approved))
    (root / "source" / "second.md").write_text(f"{sentence}\n\nEin völlig neuer Satz über Düsseldorf.\n", encoding="utf-8")
    return sentence


@pytest.mark.parametrize("exact_approved", [False, True])
def test_approved_sentence_is_reused_in_another_document(project_dir: Path, exact_approved: bool):
    approved = _approve_en(project_dir)
    sentence = _second_doc(project_dir, approved)
    with (project_dir / "l10n.toml").open("a", encoding="utf-8") as f:
        f.write(f"\n[memory]\nexact_approved = {str(exact_approved).lower()}\n")
    reports = translate_project(Project.open(project_dir), ["en"], "pseudo")
    second = read_catalog(project_dir / "locales" / "en" / "second.po")
    reused = second.get((None, sentence))
    # The project's own approved sentence enters approved, whatever exact_approved says (that is
    # for imported memory, see tests/test_flow.py).
    assert reused.msgstr == approved[sentence] and not reused.fuzzy
    assert f"tm: locales/en/{SEED_DOC}.po" in reused.tcomment
    other = next(e for e in second.active if e.msgid != sentence)
    assert other.provenance and other.provenance.engine == "pseudo"  # the engine filled the rest
    assert [r.memory for r in reports if r.path.endswith("second.po")] == [1]


def test_tmx_export_import_round_trip(project_dir: Path, tmp_path: Path):
    approved = _approve_en(project_dir)
    runner = CliRunner()
    out = tmp_path / "out.tmx"
    result = runner.invoke(app, ["tm", "export", "--format", "tmx", "-C", str(project_dir), "-l", "en", str(out)])
    assert result.exit_code == 0, result.output
    root = ET.parse(out).getroot()
    assert root.get("version") == "1.4" and root.find("header").get("srclang") == "de"
    assert {(u.source, u.target, u.lang) for u in read_tmx(out, "de")} == {(k, v, "en") for k, v in approved.items()}

    # A fresh project imports it, lists it in [memory] and gets the translations back.
    shutil.rmtree(project_dir / "locales")
    result = runner.invoke(app, ["tm", "import", "-C", str(project_dir), str(out)])
    assert result.exit_code == 0, result.output
    with (project_dir / "l10n.toml").open("a", encoding="utf-8") as f:
        f.write('\n[memory]\nfiles = ["memory/imported.tmx"]\n')
    translate_project(Project.open(project_dir), ["en"], "pseudo")
    catalog = read_catalog(project_dir / "locales" / "en" / f"{SEED_DOC}.po")
    assert {e.msgid: e.msgstr for e in catalog.active} == approved


def test_po_file_is_read_as_memory(project_dir: Path):
    approved = _approve_en(project_dir)
    memory_file = project_dir / "memory" / "old.po"
    memory_file.parent.mkdir()
    shutil.copy(project_dir / "locales" / "en" / f"{SEED_DOC}.po", memory_file)
    shutil.rmtree(project_dir / "locales")
    with (project_dir / "l10n.toml").open("a", encoding="utf-8") as f:
        f.write('\n[memory]\nfiles = ["memory/old.po"]\n')
    memory = build_memory(Project.open(project_dir), ["en"])
    assert len(memory) == len(approved) and memory.lookup("en", next(iter(approved))).origin == "memory/old.po"


def test_broken_tmx_names_file_and_line(tmp_path: Path):
    bad = tmp_path / "bad.tmx"
    bad.write_text("<tmx version='1.4'>\n<body>\n<tu>\n</body></tmx>\n", encoding="utf-8")
    with pytest.raises(CatalogError) as info:
        read_tmx(bad, "de")
    assert info.value.line == 4  # the line of </body>, where the unclosed <tu> is found
    assert str(info.value).startswith(f"{bad}:4: broken TMX")


def test_memory_section_is_checked(project_dir: Path):
    with (project_dir / "l10n.toml").open("a", encoding="utf-8") as f:
        f.write('\n[memory]\nfiles = "one.tmx"\n')
    with pytest.raises(ConfigError, match=r"l10n.toml:\d+: \[memory\] files: must be a list of strings"):
        translate_project(Project.open(project_dir), ["en"], "pseudo")


def test_close_match_in_another_document_is_offered_to_the_reviewer(project_dir: Path):
    approved = _approve_en(project_dir)
    sentence = next(s for s in approved if "2003" in s)
    (project_dir / "source" / "second.md").write_text(sentence.replace("2003", "2004") + "\n", encoding="utf-8")
    translate_project(Project.open(project_dir), ["en"], "pseudo")
    (entry,) = read_catalog(project_dir / "locales" / "en" / "second.po").active
    assert entry.provenance.engine == "pseudo" and entry.fuzzy  # the engine translated it ...
    hint = next(ln for ln in entry.tcomment.splitlines() if ln.startswith("tm-close:"))
    assert approved[sentence] in hint and f"locales/en/{SEED_DOC}.po" in hint  # ... and the reviewer sees the old one
