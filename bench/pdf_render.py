"""The press kit's PDF renderer: WeasyPrint (what l10n uses) against Chromium's print-to-PDF.

Run from the repository root:  python bench/pdf_render.py [--repeat 2]

Builds the repository's press kit without PDFs into a temporary folder, then prints each of its
pages (de, en, zh) with both renderers in the same run: WeasyPrint in this process, as
l10n/kit/pdf.py does (after one warm-up page), and Chromium as one ``chromium --headless
--print-to-pdf`` process per page. For each it reports seconds a page (wall clock), whether the
Chinese page's fonts are embedded as real fonts (``pdffonts``: no Type 3), and whether printing the
same page twice gives the same bytes. Exits 1 when WeasyPrint misses a target: a page no slower
than Chromium's, CJK embedded as CID fonts without Type 3, the same bytes twice.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from l10n.kit import build_kit  # noqa: E402
from l10n.kit.pdf import PdfRenderer, find_renderer  # noqa: E402
from l10n.project import Project  # noqa: E402

DOC = "oppo-vivo-xiaomi-duesseldorf"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def kit_pages(root: Path) -> Path:
    """The repository's project copied to ``root`` and its kit built there, without PDFs."""
    for name in ("source", "locales"):
        shutil.copytree(REPO / name, root / name)
    for name in ("l10n.toml", "glossary.csv"):
        shutil.copy(REPO / name, root / name)
    config = root / "l10n.toml"
    config.write_text(config.read_text(encoding="utf-8").replace("[release]\n", "[release]\npdf = false\n"), encoding="utf-8")
    build_kit(Project.open(root))
    return root / "dist" / "presskit"


def fonts(pdf: Path) -> list[str]:
    return subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]


def weasyprint(renderer: PdfRenderer, kit: Path, out: Path, repeat: int) -> tuple[float, list[bytes]]:
    pages = {lang: (kit / lang / f"{DOC}.html").read_text(encoding="utf-8") for lang in ("de", "en", "zh")}
    renderer.render(pages["de"], kit, f"de/{DOC}.html")  # warm-up: fontconfig, the fonts
    start, outputs = time.perf_counter(), []
    for _ in range(repeat):
        for lang, html in pages.items():
            outputs.append(renderer.render(html, kit, f"{lang}/{DOC}.html"))
            (out / f"weasyprint-{lang}.pdf").write_bytes(outputs[-1])
    return (time.perf_counter() - start) / (3 * repeat), outputs


def chromium(kit: Path, out: Path, repeat: int) -> tuple[float, list[bytes]]:
    profile = Path(tempfile.mkdtemp(prefix="bench-chromium-"))
    start, outputs = time.perf_counter(), []
    for _ in range(repeat):
        for lang in ("de", "en", "zh"):
            target = out / f"chromium-{lang}.pdf"
            subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                            "--disable-component-update", "--disable-sync", f"--user-data-dir={profile}", "--no-pdf-header-footer",
                            f"--print-to-pdf={target}", (kit / lang / f"{DOC}.html").as_uri()], capture_output=True, check=True, timeout=120)
            outputs.append(target.read_bytes())
    shutil.rmtree(profile, ignore_errors=True)
    return (time.perf_counter() - start) / (3 * repeat), outputs


def report(name: str, seconds: float, outputs: list[bytes], zh: Path) -> tuple[bool, bool]:
    lines = fonts(zh)
    type3 = sum("Type 3" in line for line in lines)
    cid = [line.split()[0] for line in lines if "CID" in line and "CJK" in line]
    same = len(outputs) >= 6 and outputs[:3] == outputs[3:6]
    print(f"{name:11} {seconds:6.2f} s a page   zh fonts: {len(cid)} CJK CID, {type3} Type 3   same bytes twice: {'yes' if same else 'no'}")
    return bool(cid) and type3 == 0, same


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2, help="times each page is printed (>= 2 to compare bytes)")
    repeat = max(2, parser.parse_args().repeat)
    found = find_renderer()
    if not isinstance(found, PdfRenderer) or CHROMIUM is None or not shutil.which("pdffonts"):
        print("needs WeasyPrint (with Pango), chromium and poppler-utils' pdffonts")
        return 1
    with tempfile.TemporaryDirectory(prefix="bench-pdf-") as tmp:
        kit, out = kit_pages(Path(tmp) / "project"), Path(tmp) / "out"
        out.mkdir()
        print(f"3 pages of the seed kit, each printed {repeat} times; {found.name}, {subprocess.run([CHROMIUM, '--version'], capture_output=True, text=True).stdout.strip()}")
        wp_time, wp_out = weasyprint(found, kit, out, repeat)
        cr_time, cr_out = chromium(kit, out, repeat)
        wp_fonts, wp_same = report("WeasyPrint", wp_time, wp_out, out / "weasyprint-zh.pdf")
        report("Chromium", cr_time, cr_out, out / "chromium-zh.pdf")
    print(f"WeasyPrint takes {wp_time / cr_time:.2f}x Chromium's time a page (target <= 1)")
    missed = [what for what, ok in (("speed", wp_time <= cr_time), ("CJK fonts embedded", wp_fonts), ("same bytes", wp_same)) if not ok]
    if missed:
        print(f"MISSED: {', '.join(missed)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
