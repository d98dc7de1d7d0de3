"""The press kit in a real browser: headless Chromium opens index.html, follows the link to each
language and reads the rendered page. Screenshots of the landing page and the Chinese page go to
``tests/output/presskit/`` for a person to look at (is the Chinese text drawn, not boxes?).

Skips when Chromium is not installed; ``.ci/run`` installs Debian's ``chromium`` so CI runs it.
"""

from __future__ import annotations

import shutil
import subprocess
from html import escape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import pytest

from l10n.kit import build_kit
from l10n.project import Project

from ..conftest import REPO
from ..kit_support import REVIEWED, TITLES, reviewed_project

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
OUTPUT = REPO / "tests" / "output" / "presskit"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars"]

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium; .ci/run does)")


class _Dom(HTMLParser):
    """What the test reads from a rendered DOM: html lang, <title>, <h1>, and links with hreflang."""

    def __init__(self) -> None:
        super().__init__()
        self.lang = None
        self.links: list[tuple[str, str]] = []
        self.texts: dict[str, str] = {"title": "", "h1": ""}
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        if tag == "a" and attrs.get("hreflang") and attrs.get("href", "").endswith(".html"):
            self.links.append((attrs["hreflang"], attrs["href"]))
        if tag in self.texts:
            self._in = tag

    def handle_endtag(self, tag):
        if tag == self._in:
            self._in = None

    def handle_data(self, data):
        if self._in:
            self.texts[self._in] += data


def chromium(profile: Path, *args: str) -> str:
    done = subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def read(profile: Path, url: str) -> tuple[_Dom, str]:
    html = chromium(profile, "--dump-dom", url)
    dom = _Dom()
    dom.feed(html)
    return dom, html


def test_index_links_to_every_language_and_pages_render(empty_project: Path, tmp_path: Path):
    reviewed_project(empty_project)
    build_kit(Project.open(empty_project))
    profile = tmp_path / "chromium-profile"
    index_url = (empty_project / "dist" / "presskit" / "index.html").as_uri()

    index, _ = read(profile, index_url)
    assert index.lang == "en"
    links = dict(index.links)  # hreflang -> href; the title links and the source-format links agree
    assert sorted(links) == ["de", "en", "zh-Hans"]
    for tag, lang in (("de", "de"), ("en", "en"), ("zh-Hans", "zh")):
        page, html = read(profile, urljoin(index_url, links[tag]))
        assert page.lang == tag
        assert page.texts["h1"] == TITLES[lang]
        # The <script> typed into the English catalog is text, so it never ran.
        assert page.texts["title"] == TITLES[lang]
        assert {t for t, _ in page.links} == {"de", "en", "zh-Hans"} - {tag}
        for text in REVIEWED.get(lang, {}).values():
            assert escape(text, quote=False) in html, text

    OUTPUT.mkdir(parents=True, exist_ok=True)
    shots = {"index.png": index_url, "zh.png": urljoin(index_url, links["zh-Hans"])}
    for name, url in shots.items():
        target = OUTPUT / name
        target.unlink(missing_ok=True)
        chromium(profile, f"--screenshot={target}", "--window-size=1024,1400", url)
        assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
