"""The press kit of Word and HTML releases: each shipped language as its own format, a page and a
PDF; the page shows the words, never the inline markers; a web page as the source does not collide
with the kit's page; LibreOffice opens every Word file the kit holds."""

from __future__ import annotations

import json
import re
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from typer.testing import CliRunner

from l10n.cli import app
from tests.docx_builder import press_release
from tests.html_support import release
from tests.office import assert_opens_in_libreoffice
from tests.system_tools import require

# A closing or standalone marker, or an object placeholder (the sources hold an opening-marker
# shape as literal text, "kleiner als <1> Prozent", so an opening one alone proves nothing).
MARKER = re.compile(r"&lt;/\d+&gt;|&lt;\d+/&gt;|</\d+>|<\d+/>|\ufffc")


@pytest.fixture(scope="module")
def kit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project whose sources are a Word file and a web page, translated with pseudo, released as a draft."""
    root = tmp_path_factory.mktemp("formats")
    runner = CliRunner()
    assert runner.invoke(app, ["init", str(root)]).exit_code == 0
    source = root / "source"
    for path in source.iterdir():
        path.unlink()
    (source / "wort.docx").write_bytes(press_release())
    (source / "seite.html").write_text(release(), encoding="utf-8")
    done = runner.invoke(app, ["translate", "-C", str(root), "--engine", "pseudo"])
    assert done.exit_code == 0, done.output
    done = runner.invoke(app, ["release", "-C", str(root), "--include-fuzzy", "--threshold", "0"])
    assert done.exit_code == 0, done.output
    return root / "dist"


def test_each_language_ships_its_format_a_page_and_a_pdf(kit: Path) -> None:
    manifest = json.loads((kit / "presskit" / "manifest.json").read_text(encoding="utf-8"))
    for document in manifest["documents"]:
        assert set(document["languages"]) == {"de", "en", "zh"}
    for lang in ("de", "en", "zh"):
        folder = kit / "presskit" / lang
        assert (folder / "wort.docx").is_file() and (folder / "wort.pdf").read_bytes().startswith(b"%PDF-")
        assert (folder / "seite.web.html").is_file() and (folder / "seite.pdf").read_bytes().startswith(b"%PDF-")
        reopened = docx.Document(str(folder / "wort.docx"))
        assert reopened.paragraphs and reopened.tables  # structure kept
    # The web page as written by its format (lang set) beside the kit's own page of the same name.
    assert 'lang="zh' in (kit / "presskit" / "zh" / "seite.web.html").read_text(encoding="utf-8")
    names = zipfile.ZipFile(kit / "presskit.zip").namelist()
    assert len(names) == len(set(names))  # no entry written twice


def test_pages_show_words_not_markers(kit: Path) -> None:
    for page in (kit / "presskit").glob("*/*.html"):
        if page.name.endswith(".web.html"):
            continue
        text = page.read_text(encoding="utf-8")
        assert not MARKER.search(text), f"{page}: {MARKER.search(text).group()!r}"
    german = (kit / "presskit" / "de" / "wort.html").read_text(encoding="utf-8")
    assert "eröffnet heute eine neue Fabrik, siehe unsere Website." in german
    english = (kit / "presskit" / "en" / "wort.html").read_text(encoding="utf-8")
    assert "Ŵébšîţé" in english  # the linked words of the sentence are there, pseudo-localized


def test_the_kit_links_the_word_file_and_the_web_page(kit: Path) -> None:
    index = (kit / "presskit" / "index.html").read_text(encoding="utf-8")
    assert 'href="en/wort.docx"' in index and "Word" in index
    assert 'href="en/seite.web.html"' in index


def test_libreoffice_opens_every_word_file_of_the_kit(kit: Path) -> None:
    for path in sorted((kit / "presskit").glob("*/*.docx")):
        assert_opens_in_libreoffice(path)


def test_the_chinese_pdf_holds_the_page_headline(kit: Path) -> None:
    require("pdftotext", install="apt-get install poppler-utils")
    page = (kit / "presskit" / "zh" / "wort.html").read_text(encoding="utf-8")
    headline = re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S).group(1).strip()
    text = subprocess.run(["pdftotext", str(kit / "presskit" / "zh" / "wort.pdf"), "-"], capture_output=True, text=True, check=True).stdout
    flat = "".join(text.split())
    assert headline and "".join(headline.split()) in flat


def test_a_word_page_keeps_headline_and_list_once(kit: Path) -> None:
    page = (kit / "presskit" / "de" / "wort.html").read_text(encoding="utf-8")
    assert page.count("Neue Fabrik in Dormagen</h1>") == 1 and page.count("Neue Fabrik in Dormagen") <= 2  # <title> + <h1>
    assert re.search(r"<ul>\s*<li>Erster Punkt der Liste.</li>\s*<li>Zweiter Punkt", page)
