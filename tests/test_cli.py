"""The command line end to end, in a temporary copy of the project."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from l10n.cli import app
from l10n.catalog import read_catalog

from .conftest import SEED_DOC

runner = CliRunner()


def run(*args: str, input: str | None = None):
    return runner.invoke(app, list(args), input=input, catch_exceptions=False)


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_pseudo_fills_every_entry_as_fuzzy_with_provenance(empty_project: Path):
    result = run("translate", "--engine", "pseudo", "-C", str(empty_project))
    assert result.exit_code == 0, result.output
    for lang in ("en", "zh"):
        catalog = read_catalog(empty_project / "locales" / lang / f"{SEED_DOC}.po")
        assert len(catalog.active) == 26
        assert all(e.fuzzy and e.msgstr for e in catalog.active)
        assert all(e.provenance and e.provenance.engine == "pseudo" for e in catalog.active)


def test_second_run_changes_no_byte(empty_project: Path):
    run("translate", "--engine", "pseudo", "-C", str(empty_project))
    before = files(empty_project / "locales")
    result = run("translate", "--engine", "pseudo", "-C", str(empty_project))
    assert "Nothing to do" in result.output
    assert files(empty_project / "locales") == before


def test_release_without_approved_entries_is_the_source_byte_for_byte(empty_project: Path):
    run("translate", "--engine", "pseudo", "-C", str(empty_project))
    result = run("release", "-C", str(empty_project))
    assert result.exit_code == 0, result.output
    source = (empty_project / "source" / f"{SEED_DOC}.md").read_bytes()
    for lang in ("en", "zh"):
        assert (empty_project / "dist" / lang / f"{SEED_DOC}.md").read_bytes() == source


def test_release_include_fuzzy_keeps_block_structure(empty_project: Path):
    run("translate", "--engine", "pseudo", "-C", str(empty_project))
    run("release", "--include-fuzzy", "-C", str(empty_project))
    source = (empty_project / "source" / f"{SEED_DOC}.md").read_text(encoding="utf-8")
    for lang in ("en", "zh"):
        text = (empty_project / "dist" / lang / f"{SEED_DOC}.md").read_text(encoding="utf-8")
        assert text != source
        # Same blocks: same blank-line structure, same headings markers, same front matter.
        assert text.count("\n\n") == source.count("\n\n")
        assert [ln[:3] for ln in text.splitlines() if ln.startswith("#")] == [ln[:3] for ln in source.splitlines() if ln.startswith("#")]
        assert text.startswith("---\ndate: 2019-10\n---\n")


def test_segment_json_from_stdin():
    result = run("segment", "--lang", "de", "--json", "-", input="Am 3. Oktober kam er. Dann ging er.")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data == {
        "sentences": [
            {"text": "Am 3. Oktober kam er.", "start": 0, "end": 21},
            {"text": "Dann ging er.", "start": 22, "end": 35},
        ]
    }


def test_status_json(empty_project: Path):
    run("translate", "--engine", "pseudo", "-C", str(empty_project))
    result = run("status", "--json", "-C", str(empty_project))
    rows = json.loads(result.output)
    assert {(r["lang"], r["entries"], r["fuzzy"], r["approved"]) for r in rows} == {("en", 26, 26, 0), ("zh", 26, 26, 0)}


def test_unknown_engine_is_one_clear_line(empty_project: Path):
    from l10n.cli import main
    import subprocess, sys

    proc = subprocess.run(
        [sys.executable, "-m", "l10n", "translate", "--engine", "nope", "-C", str(empty_project)],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 1
    assert proc.stderr.strip().startswith("error: unknown engine 'nope'")
    assert "Traceback" not in proc.stderr
    from importlib.metadata import entry_points

    (script,) = [ep for ep in entry_points(group="console_scripts") if ep.name == "l10n"]
    assert script.load() is main  # the console script runs the same app


def test_missing_model_waits_and_missing_source_folder_is_a_clear_error(empty_project: Path, tmp_path: Path):
    import os
    import shutil
    import subprocess
    import sys

    # No model: one line per language pair, exit 0, templates and catalogs written untranslated.
    env = {**os.environ, "ARGOS_PACKAGES_DIR": str(tmp_path / "no-packages")}
    proc = subprocess.run([sys.executable, "-m", "l10n", "translate", "-C", str(empty_project)], capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stderr
    waits = [ln for ln in proc.stdout.splitlines() if "wait" in ln]  # the per-file lines say "updated"
    assert waits == [
        "de→en: 26 sentences wait for a translation model (no Argos model installed for de→en); get one with "
        "'l10n models install FILE.argosmodel', or preview with 'l10n translate --engine pseudo'",
        "de→zh: 26 sentences wait for a translation model (no Argos model installed for de→zh); get one with "
        "'l10n models install FILE.argosmodel', or preview with 'l10n translate --engine pseudo'",
    ]
    assert proc.stderr == ""
    for lang in ("en", "zh"):
        catalog = read_catalog(empty_project / "locales" / lang / f"{SEED_DOC}.po")
        assert len(catalog.active) == 26 and not any(e.msgstr for e in catalog.active)

    shutil.rmtree(empty_project / "source")
    proc = subprocess.run([sys.executable, "-m", "l10n", "status", "-C", str(empty_project)], capture_output=True, text=True)
    assert proc.returncode == 1
    assert proc.stderr.startswith("error: ") and "source folder not found" in proc.stderr
