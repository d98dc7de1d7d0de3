"""The press kit's PDFs: one per shipped page, printed by WeasyPrint with the CJK font embedded,
linked from the landing page and the status report. No renderer is one line, never a failed
release. The first page of the Chinese PDF goes to ``tests/output/presskit/zh-pdf.png`` (through
poppler's ``pdftoppm``) for a person to look at.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from l10n.kit import build_kit
from l10n.kit.pdf import PdfRenderer, kit_file
from l10n.project import Project

from .conftest import REPO, SEED_DOC
from .kit_support import SECOND_DOC, cli, reviewed_project, second_release
from .system_tools import require

OUTPUT = REPO / "tests" / "output" / "presskit"
KIT = Path("dist") / "presskit"


def poppler(*args: str) -> str:
    done = subprocess.run(list(args), capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def manifest(root: Path) -> dict:
    return json.loads((root / KIT / "manifest.json").read_text(encoding="utf-8"))


@pytest.fixture
def released(project_dir: Path) -> tuple[Path, str]:
    """The repository's release, reviewed in English and Chinese, and a second release (half
    English, no Chinese), with the [kit] section and logo, released through the CLI; returns the
    project and the command's output."""
    second_release(project_dir)
    result = cli("release", "-C", str(project_dir))
    assert result.exit_code == 0, result.output
    return project_dir, result.output


def test_every_shipped_page_has_a_pdf_with_the_chinese_font_embedded(released: tuple[Path, str]):
    require("pdffonts", "pdftotext", "pdfinfo", "pdftoppm", install="poppler-utils")
    root, output = released
    assert "no PDF" not in output
    data = manifest(root)
    assert data["pdf"]["renderer"].startswith("WeasyPrint ")
    for doc in data["documents"]:
        for lang, item in doc["languages"].items():
            expected = None if item["status"] == "omitted" else f"{lang}/{doc['name']}.pdf"
            assert item["pdf"] == expected and (expected is None or expected in item["files"]), (doc["name"], lang)
    assert data["documents"][0]["languages"]["en"]["pdf"] is None  # the second release: not yet in English
    zh = root / KIT / "zh" / f"{SEED_DOC}.pdf"
    assert zh.read_bytes().startswith(b"%PDF-")

    # pdffonts: the Chinese glyphs come from an embedded (subset) Noto CJK font, not Type 3 drawings.
    fonts = [line.split() for line in poppler("pdffonts", str(zh)).splitlines()[2:]]
    cjk = [f for f in fonts if "CJK" in f[0]]
    assert cjk and all(f[0].split("+")[1].startswith("Noto-Sans-CJK") and f[1:3] == ["CID", "Type"] for f in cjk), fonts
    assert all(f[-5:-2] == ["yes", "yes", "yes"] for f in fonts), fonts  # embedded, subset, with Unicode
    assert not any("Type 3" in " ".join(f) for f in fonts)
    # The words are text a reader can search and copy: title, dateline, contact.
    text = re.sub(r"\s+", "", poppler("pdftotext", "-layout", str(zh), "-"))
    title = data["documents"][1]["languages"]["zh"]["title"]
    for words in (title, "杜塞尔多夫讯", "新闻联系人", "JonasBerger,pressoffice", "BeispielAG"):
        assert words in text, words
    assert "其他语言版本" not in text  # the links to the other languages are screen-only
    info = poppler("pdfinfo", str(zh))
    assert re.search(r"Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)", info) and re.search(r"Tagged:\s+yes", info), info

    OUTPUT.mkdir(parents=True, exist_ok=True)
    shot = OUTPUT / "zh-pdf"
    shot.with_suffix(".png").unlink(missing_ok=True)
    poppler("pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(zh), str(shot))
    assert dark_share(shot.with_suffix(".png")) > 0.01  # ink on the page, not an empty sheet


def dark_share(png: Path) -> float:
    """The share of pixels darker than mid-grey."""
    from PIL import Image  # WeasyPrint's own dependency

    with Image.open(png) as image:
        grey = image.convert("L")
        histogram = grey.histogram()
    return sum(histogram[:128]) / (grey.width * grey.height)


def test_landing_page_and_status_report_link_each_pdf(released: tuple[Path, str]):
    root, _ = released
    index = (root / KIT / "index.html").read_text(encoding="utf-8")
    for lang, tag in (("de", "de"), ("en", "en"), ("zh", "zh-Hans")):
        assert f'<a href="{lang}/{SEED_DOC}.pdf" hreflang="{tag}" type="application/pdf">PDF</a>' in index
    # The second release is only half reviewed in English: its original ships, with its PDF.
    assert f'href="de/{SECOND_DOC}.pdf"' in index and f'href="en/{SECOND_DOC}.pdf"' not in index
    report = (root / "dist" / "presskit-status.html").read_text(encoding="utf-8")
    assert '<base href="presskit/">' in report and "PDFs printed by WeasyPrint" in report
    assert f'<td><a href="zh/{SEED_DOC}.pdf" type="application/pdf">PDF</a></td>' in report


def test_without_weasyprint_the_kit_ships_with_one_line_about_it(empty_project: Path, monkeypatch: pytest.MonkeyPatch):
    reviewed_project(empty_project)
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # import weasyprint raises ImportError
    result = cli("release", "-C", str(empty_project))
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if "PDF" in line]
    assert lines == ["press kit: no PDF: WeasyPrint is not installed (pip install weasyprint, or make install)"]
    assert not list((empty_project / KIT).rglob("*.pdf"))
    data = manifest(empty_project)
    assert data["pdf"] == {"renderer": None, "reason": "WeasyPrint is not installed (pip install weasyprint, or make install)"}
    assert {item["pdf"] for item in data["documents"][0]["languages"].values()} == {None}
    assert "application/pdf" not in (empty_project / KIT / "index.html").read_text(encoding="utf-8")
    assert "No PDFs: WeasyPrint is not installed" in (empty_project / "dist" / "presskit-status.html").read_text(encoding="utf-8")


def test_pdf_false_in_the_config_turns_them_off_without_a_word(empty_project: Path):
    reviewed_project(empty_project)
    config = empty_project / "l10n.toml"
    config.write_text(config.read_text(encoding="utf-8").replace("[release]\n", "[release]\npdf = false\n"), encoding="utf-8")
    result = cli("release", "-C", str(empty_project))
    assert result.exit_code == 0 and "PDF" not in result.output, result.output
    assert not list((empty_project / KIT).rglob("*.pdf"))
    assert manifest(empty_project)["pdf"] == {"renderer": None, "reason": "turned off ([release] pdf = false in l10n.toml)"}


def test_a_page_the_renderer_fails_on_ships_without_its_pdf(empty_project: Path, monkeypatch: pytest.MonkeyPatch):
    reviewed_project(empty_project)
    printed = PdfRenderer.render

    def render(self: PdfRenderer, html: str, kit: Path, rel: str) -> bytes:
        if rel.startswith("zh/"):
            raise RuntimeError("no room for this page\nsecond line")
        return printed(self, html, kit, rel)

    monkeypatch.setattr(PdfRenderer, "render", render)
    report = build_kit(Project.open(empty_project))
    assert report.notes == (f"no PDF of zh/{SEED_DOC}.html: {manifest(empty_project)['pdf']['renderer']} failed (RuntimeError: no room for this page)",)
    languages = manifest(empty_project)["documents"][0]["languages"]
    assert (languages["de"]["pdf"], languages["zh"]["pdf"]) == (f"de/{SEED_DOC}.pdf", None)
    assert sorted(p.name for p in (empty_project / KIT).rglob("*.pdf")) == [f"{SEED_DOC}.pdf"] * 2


def test_a_page_loads_kit_files_and_nothing_else(tmp_path: Path):
    """The fetcher behind every PDF: files of the kit folder, never outside it, never the network."""
    pytest.importorskip("weasyprint")
    from l10n.kit.pdf import _kit_fetcher

    kit = tmp_path / "kit"
    (kit / "en").mkdir(parents=True)
    (kit / "logo.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("not for the kit", encoding="utf-8")
    fetcher = _kit_fetcher(kit)
    logo = fetcher.fetch("file:///logo.svg")
    assert logo.read().startswith(b"<svg") and logo.content_type == "image/svg+xml"
    assert fetcher.fetch("data:text/plain,hi").read() == b"hi"
    for url in ("file:///../secret.txt", "file:///en/../../secret.txt", f"file://{tmp_path}/secret.txt", "https://example.com/pixel.png", "file:///missing.png"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    assert kit_file(kit, "file:///en/../logo.svg") == (kit / "logo.svg").resolve()
