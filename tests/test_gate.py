"""`l10n check` gates on what ships; `#, ignore-<check>` flags silence one check on one entry."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from l10n.catalog import read_catalog
from l10n.project import Project
from l10n.translate import translate_project

from .test_cli import run

HEADER = 'msgid ""\nmsgstr ""\n"Language: en\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
WRONG_NUMBER = 'msgid "VIVO hat 10.000 Mitarbeiter."\nmsgstr "VIVO has 1,000 employees."\n'


def write_po(project: Path, body: str) -> Path:
    po = project / "locales" / "en" / "x.po"
    po.parent.mkdir(parents=True, exist_ok=True)
    po.write_text(HEADER + body, encoding="utf-8")
    return po


def test_errors_in_unreviewed_entries_are_to_review_and_do_not_fail(empty_project: Path) -> None:
    write_po(empty_project, "#, fuzzy\n" + WRONG_NUMBER)
    result = run("check", "-C", str(empty_project))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()  # stderr may hold a note (no dictionary for `content`)
    assert lines[0] == "to review (unreviewed suggestions, not in a release):"
    assert lines[1].startswith("  locales/en/x.po:6: error: [numbers] number 10.000")
    assert lines[-1] == "0 errors, 0 warnings; to review: 2 errors, 0 warnings"
    # --all gates on everything.
    assert run("check", "--all", "-C", str(empty_project)).exit_code == 1
    data = json.loads(run("check", "--json", "-C", str(empty_project)).stdout)
    assert {f["group"] for f in data["findings"]} == {"review"}
    assert data["summary"]["error"] == 0 and data["to_review"]["error"] == 2 and data["gate"] == "approved"


def test_errors_in_approved_entries_fail(empty_project: Path) -> None:
    write_po(empty_project, WRONG_NUMBER)
    result = run("check", "--json", "-C", str(empty_project))
    assert result.exit_code == 1
    assert {f["group"] for f in json.loads(result.stdout)["findings"]} == {"approved"}


def test_ignore_flag_silences_one_check_on_one_entry(empty_project: Path) -> None:
    write_po(empty_project, "#, ignore-numbers, ignore-numbers-extra\n" + WRONG_NUMBER + "\n"
             'msgid "OPPO hat 20.000 Mitarbeiter."\nmsgstr "OPPO has 2,000 employees."\n')
    result = run("check", "-C", str(empty_project))
    assert result.exit_code == 1  # the other entry still has its error
    assert [ln.split(": error")[0] for ln in result.stdout.splitlines() if ": error" in ln] == ["locales/en/x.po:10", "locales/en/x.po:10"]


@pytest.mark.parametrize("escape", ['\\"', "\\n", "\\a", "\\x41", "\\101", "\\t"])
def test_findings_in_entries_with_gettext_escapes_name_their_line(empty_project: Path, escape: str) -> None:
    # Line 6 is clean; the entry with the escape begins at line 9, under a comment.
    write_po(empty_project, WRONG_NUMBER.replace("1,000", "10,000") + "\n# Pressestelle\n"
             f'msgid "OPPO hat {escape}20.000 Mitarbeiter."\nmsgstr "OPPO has {escape}2,000 employees."\n')
    result = run("check", "-C", str(empty_project))
    assert result.exit_code == 1
    found = [ln.split(": ")[0] for ln in result.stdout.splitlines()[:-1]]  # the last line is the summary
    assert len(found) >= 2 and set(found) == {"locales/en/x.po:9"}, result.output


def test_unknown_ignore_flag_is_a_warning_naming_file_and_line(empty_project: Path) -> None:
    write_po(empty_project, "#, ignore-numbres\n" + WRONG_NUMBER.replace("1,000", "10,000"))
    result = run("check", "-C", str(empty_project))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "locales/en/x.po:6: warning: [flags] unknown flag 'ignore-numbres': there is no check 'numbres' (did you mean ignore-numbers?)",
        "0 errors, 1 warning",
    ]


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="gettext not installed")
def test_ignore_flags_pass_msgfmt_and_survive_merge_and_translate(project_dir: Path, tmp_path: Path) -> None:
    po = next((project_dir / "locales" / "en").glob("*.po"))
    text = po.read_text(encoding="utf-8")
    entry_start = text.index("#: source/")
    line_end = text.index("\n", entry_start)
    text = text[: line_end + 1] + "#, ignore-untranslated, ignore-length\n" + text[line_end + 1 :]
    po.write_text(text, encoding="utf-8")
    proc = subprocess.run(["msgfmt", "--check", "-o", str(tmp_path / "x.mo"), str(po)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    # A new release and a changed source sentence: merge and machine translation keep the flags.
    (project_dir / "source" / "neu.md").write_text("Ein neuer Satz für die Presse.\n", encoding="utf-8")
    translate_project(Project.open(project_dir), ["en"], "pseudo")
    flagged = [e for e in read_catalog(po).active if "ignore-untranslated" in e.flags]
    assert len(flagged) == 1 and "ignore-length" in flagged[0].flags and not flagged[0].fuzzy
