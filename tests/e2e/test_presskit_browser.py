"""The press kit in a real browser: headless Chromium opens index.html, follows the link to each
language and reads the rendered page. Screenshots go to ``tests/output/presskit/`` for a person to
look at: the landing page and the Chinese page of the seed (is the Chinese text drawn, not boxes?),
and, on a second release with a headline, a list and a partial language, the landing page, a full
page, a partial page and a draft page.

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
from ..kit_support import REVIEWED, SECOND_DOC, TITLES, reviewed_project, second_release

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
OUTPUT = REPO / "tests" / "output" / "presskit"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars"]

pytestmark = [pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium; .ci/run does)"), pytest.mark.slow]


class _Dom(HTMLParser):
    """What the test reads from a rendered DOM: html lang, <title>, <h1>, and links with hreflang."""

    def __init__(self) -> None:
        super().__init__()
        self.lang = None
        self.links: list[tuple[str, str]] = []
        self.texts: dict[str, str] = {"title": "", "h1": "", "h2": ""}
        self.count: dict[str, int] = {}
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.count[tag] = self.count.get(tag, 0) + 1
        if tag == "html":
            self.lang = attrs.get("lang")
        if tag == "a" and attrs.get("hreflang") and attrs.get("href", "").endswith(".html"):
            self.links.append((attrs["hreflang"], attrs["href"]))
        if tag in self.texts and not (tag == "h2" and self.texts["h2"]):  # the first h2 only
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


def shoot(profile: Path, url: str, name: str, height: int = 1400) -> None:
    OUTPUT.mkdir(parents=True, exist_ok=True)
    target = OUTPUT / name
    target.unlink(missing_ok=True)
    chromium(profile, f"--screenshot={target}", f"--window-size=1024,{height}", url)
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_second_release_pages_render_as_a_journalist_reads_them(project_dir: Path, tmp_path: Path):
    """The repository's reviewed release and a new one: the landing page lists the new release
    first; its English page is partial (half reviewed), its Chinese one omitted; a draft kit built
    beside it shows the machine text with a banner."""
    root = second_release(project_dir)
    project = Project.open(root)
    build_kit(project, threshold=50)
    build_kit(project, root / "draft", include_fuzzy=True)
    profile = tmp_path / "chromium-profile"
    kit = root / "dist" / "presskit"

    index, _ = read(profile, (kit / "index.html").as_uri())
    assert index.texts["h2"] == "Neues Forschungszentrum im Chempark Dormagen"  # newest first
    assert index.texts["h1"] == "Press releases" and index.count["h1"] == 1
    partial, html = read(profile, (kit / "en" / f"{SECOND_DOC}.html").as_uri())
    assert partial.count["h1"] == 1 and partial.texts["h1"] == "New research centre at Chempark Dormagen"
    assert "Translation in progress" in html and '<li lang="de" class="fallback">eine Pilotanlage' in html
    draft = (root / "draft" / "presskit" / "en" / f"{SECOND_DOC}.html").read_text(encoding="utf-8")
    assert draft.count("<h1") == 1 and "Draft: machine translation, not reviewed" in draft

    shoot(profile, (kit / "index.html").as_uri(), "second-index.png", 1300)
    shoot(profile, (kit / "en" / "oppo-vivo-xiaomi-duesseldorf.html").as_uri(), "second-full.png", 1000)
    shoot(profile, (kit / "en" / f"{SECOND_DOC}.html").as_uri(), "second-partial.png", 1000)
    shoot(profile, (root / "draft" / "presskit" / "en" / f"{SECOND_DOC}.html").as_uri(), "second-draft.png", 1000)
