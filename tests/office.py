"""Does LibreOffice open a .docx? For every .docx l10n writes, the tests ask the real program.

``assert_opens_in_libreoffice(path)`` converts the file with ``soffice --headless --convert-to
pdf`` and asserts that LibreOffice loaded it: exit 0, nothing on its error stream, a PDF written,
and text in that PDF (``pdftotext``), including any ``expect``-ed words. It returns the PDF's text,
so a test can check more, and with ``shot="name"`` leaves the first page as
``tests/output/office/name.png`` for a person to look at.

soffice exits 0 even when it cannot load a file (it prints "Error: source file could not be
loaded" and writes nothing), so the exit code alone proves nothing; the written PDF does.

Each call runs its own soffice with a profile of this test session (``-env:UserInstallation``),
so it neither touches the user's LibreOffice settings nor waits for a running LibreOffice.
"""

from __future__ import annotations

import subprocess
import tempfile
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from .conftest import REPO
from .system_tools import require

OUTPUT = REPO / "tests" / "output" / "office"
INSTALL = "libreoffice-writer-nogui and poppler-utils"


@cache
def _profile() -> Path:
    """One LibreOffice profile for the session (the first start creates it, a few seconds)."""
    return Path(tempfile.mkdtemp(prefix="l10n-tests-soffice-"))


def assert_opens_in_libreoffice(path: Path, *, expect: Iterable[str] = (), shot: str | None = None) -> str:
    """Open ``path`` in LibreOffice (converted to PDF); assert it loaded; return the PDF's text."""
    tools = require("soffice", "pdftotext", *(["pdftoppm"] if shot else []), install=INSTALL)
    with tempfile.TemporaryDirectory(prefix="l10n-soffice-out-") as out:
        done = subprocess.run(
            [tools["soffice"], f"-env:UserInstallation={_profile().as_uri()}", "--headless", "--norestore", "--nolockcheck",
             "--convert-to", "pdf", "--outdir", out, str(path)],
            capture_output=True, text=True, timeout=240, stdin=subprocess.DEVNULL,
        )
        pdf = Path(out) / f"{path.stem}.pdf"
        said = f"soffice on {path.name}: exit {done.returncode}\n{done.stdout}{done.stderr}"
        assert done.returncode == 0, said
        assert "Error" not in done.stderr and "Error" not in done.stdout, said
        assert pdf.is_file() and pdf.read_bytes().startswith(b"%PDF-"), said
        text = subprocess.run([tools["pdftotext"], "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert text.strip(), f"LibreOffice made an empty PDF of {path.name}"
        flat = " ".join(text.split())
        for words in expect:
            assert " ".join(words.split()) in flat, f"{words!r} not in LibreOffice's PDF of {path.name}:\n{text}"
        if shot:
            OUTPUT.mkdir(parents=True, exist_ok=True)
            (OUTPUT / f"{shot}.png").unlink(missing_ok=True)
            subprocess.run([tools["pdftoppm"], "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(OUTPUT / shot)], check=True)
    return text
