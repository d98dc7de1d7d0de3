"""Our PO files judged by the real GNU gettext tools."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from l10n.project import Project
from l10n.translate import translate_project

pytestmark = pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext not installed")


def test_every_catalog_passes_msgfmt_check_and_msgcat(empty_project: Path):
    translate_project(Project.open(empty_project), engine_name="pseudo")
    paths = sorted((empty_project / "locales").rglob("*.po*"))
    assert len(paths) == 3
    for path in paths:
        proc = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True)
        assert proc.returncode == 0, proc.stderr
        proc = subprocess.run(["msgcat", str(path)], capture_output=True, text=True)
        assert proc.returncode == 0 and "warning" not in proc.stderr, proc.stderr


def test_repository_catalogs_pass_msgfmt_check():
    root = Path(__file__).resolve().parent.parent / "locales"
    for path in sorted(root.rglob("*.po")):
        proc = subprocess.run(["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(path)], capture_output=True, text=True)
        assert proc.returncode == 0, proc.stderr
