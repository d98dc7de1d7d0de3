"""System programs some tests need (poppler's pdftotext, LibreOffice's soffice, ...).

Missing on a developer's machine: the test skips, naming the package to install. Missing in CI
(``CI`` set, as ``.ci/run`` runs): the test fails, because ``.ci/run`` installs them and a skip
there would hide a broken install step.
"""

from __future__ import annotations

import os
import shutil

import pytest


def require(*programs: str, install: str) -> dict[str, str]:
    """The path of each program, or skip (fail in CI) naming the missing ones and ``install``."""
    found = {name: shutil.which(name) for name in programs}
    missing = [name for name, path in found.items() if path is None]
    if missing:
        message = f"{', '.join(missing)} not found (install {install}; .ci/run does)"
        if os.environ.get("CI"):
            pytest.fail(f"CI: {message}")
        pytest.skip(message)
    return {name: path for name, path in found.items() if path is not None}
