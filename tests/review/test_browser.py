"""``l10n review`` in a real browser: Playwright drives Debian's Chromium against the real server
(uvicorn on 127.0.0.1, a free port). A reviewer ignores a finding, edits, approves, moves with the
keyboard and meets a change made on disk; after each step the PO file on disk is read back and
passes ``msgfmt --check``. Screenshots go to ``tests/output/review/`` for a person to look at.

Skips when Chromium or Playwright is missing; ``.ci/run`` installs both, so CI runs it.
"""

from __future__ import annotations

import shutil
import threading
from dataclasses import replace
from pathlib import Path

import pytest

from l10n.catalog import read_catalog, write_catalog
from l10n.project import Project
from l10n.review.server import ReviewServer
from l10n.review.store import entry_id

from ..conftest import REPO, SEED_DOC
from .support import MARKUP, MARKUP_TEXT, SECOND_DOC, UNTRANSLATED, WRONG_FIGURE, catalog_path, entry, msgfmt_check

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
OUTPUT = REPO / "tests" / "output" / "review"
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e '.[test]')")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium; .ci/run does)")
# Generous: the first catalog view runs every check of every entry, slow on a busy 2-core machine.
WAIT_MS = 30_000
sync_api.expect.set_options(timeout=WAIT_MS)


@pytest.fixture
def server(reviewing: Path):
    """The review server on a free local port, serving in a thread."""
    running = ReviewServer.bind(Project.open(reviewing), "127.0.0.1", 0)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    running.wait_started()
    yield running
    running.stop()
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
        yield chromium
        chromium.close()


def select(page, root: Path, index: int, lang: str = "en") -> None:
    """Click the queue item of the ``index``-th sentence and wait until the editor shows it."""
    wanted = entry(root, lang, index)
    page.click(f'#queue-list a[href$="/{entry_id(wanted)}"]')
    sync_api.expect(page.locator("#source")).to_have_text(wanted.msgid)


def shoot(page, name: str) -> None:
    OUTPUT.mkdir(parents=True, exist_ok=True)
    target = OUTPUT / name
    target.unlink(missing_ok=True)
    page.screenshot(path=str(target), full_page=True)
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_review_a_release_in_the_browser(server: ReviewServer, browser, reviewing: Path):
    expect = sync_api.expect
    page = browser.new_page(viewport={"width": 1440, "height": 1000})
    page.set_default_timeout(WAIT_MS)
    page.goto(server.url)
    expect(page.locator("#catalog-table tbody tr")).to_have_count(4)
    assert "token" not in page.url  # the token went into an HttpOnly cookie
    shoot(page, "overview.png")

    page.click(f'#catalog-table a[href="#/en/{SEED_DOC}"]')  # the English row of the release
    expect(page.locator("#queue-list a")).to_have_count(26)
    expect(page.locator("#queue-list .queue-group")).to_have_text(["With errors (11)", "Need review (4)", "Untranslated (2)", "Approved (9)"])
    first = page.locator("#queue-list a").first
    expect(first).to_have_class("queue-item state-error")
    expect(first).to_have_attribute("aria-current", "true")

    # Markup typed into a translation is text: in the box, in the queue, never run.
    select(page, reviewing, MARKUP)
    expect(page.locator("#target")).to_have_value(MARKUP_TEXT)
    assert page.locator("#editor b, .work b, #queue-list b, .work script").count() == 0
    assert page.title().startswith("Review")

    # Ignore a finding: the flag lands in the PO file and the finding leaves the list.
    select(page, reviewing, WRONG_FIGURE)
    numbers = page.locator("#findings li", has_text="[numbers]")
    expect(numbers).to_have_count(1)
    shoot(page, "queue-and-sentence-en.png")
    page.set_viewport_size({"width": 1440, "height": 2300})  # tall enough for the whole queue
    page.locator("#queue").screenshot(path=str(OUTPUT / "queue-en.png"))
    page.set_viewport_size({"width": 1440, "height": 1000})
    numbers.get_by_role("button", name="Ignore").click()
    expect(page.locator("#save-state")).to_have_text("numbers ignored for this sentence")
    expect(numbers).to_have_count(0)
    assert "ignore-numbers" in entry(reviewing, "en", WRONG_FIGURE).flags
    msgfmt_check(catalog_path(reviewing, "en"))

    # Edit an untranslated sentence: findings follow the typing; Ctrl+S saves it for review.
    select(page, reviewing, UNTRANSLATED[1])  # "Ende 2018 besaß OPPO über 5.000 Patente."
    page.fill("#target", "At the end of 2019, OPPO held more than 5,000 patents.")
    expect(page.locator("#findings li", has_text="[numbers]")).to_have_count(1)
    page.fill("#target", "At the end of 2018, OPPO held more than 5,000 patents.")
    expect(page.locator("#findings li", has_text="[numbers]")).to_have_count(0)
    page.keyboard.press("Control+s")
    expect(page.locator("#save-state")).to_contain_text("Saved")
    saved = entry(reviewing, "en", UNTRANSLATED[1])
    assert (saved.msgstr, saved.fuzzy) == ("At the end of 2018, OPPO held more than 5,000 patents.", True)
    msgfmt_check(catalog_path(reviewing, "en"))

    # Approve it (Ctrl+Enter): fuzzy cleared on disk, the next sentence opens, the preview shows it.
    # The queue re-sorts after the save (re-read from disk); wait for that before asking what follows.
    expect(page.locator("#queue-list a[aria-current] .badge")).not_to_have_text("Untranslated")
    following = page.locator("#queue-list a[aria-current]").locator("xpath=following::a[1]").get_attribute("href")
    page.keyboard.press("Control+Enter")
    expect(page).to_have_url(f"http://{server.address}/{following}")  # the sentence after it in the queue
    approved = entry(reviewing, "en", UNTRANSLATED[1])
    assert approved.approved and approved.msgstr == saved.msgstr
    msgfmt_check(catalog_path(reviewing, "en"))
    expect(page.frame_locator("#preview").locator("body")).to_contain_text(saved.msgstr)

    # Keyboard: j and k walk the queue when the text box is not focused.
    here = page.url
    page.locator("#target").blur()
    page.keyboard.press("j")
    expect(page).not_to_have_url(here)
    page.keyboard.press("k")
    expect(page).to_have_url(here)
    page.focus("#target")  # Alt+arrows work while typing too
    page.keyboard.press("Alt+ArrowDown")
    expect(page).not_to_have_url(here)
    page.keyboard.press("Alt+ArrowUp")
    expect(page).to_have_url(here)

    check_conflict(page, reviewing)

    # A machine suggestion and a memory match from the other release; Ctrl+M copies the suggestion.
    second = entry(reviewing, "en", 1, SECOND_DOC)
    page.goto(f"http://{server.address}/#/en/{SECOND_DOC}/{entry_id(second)}")
    expect(page.locator("#memory li").first).to_contain_text("More than 200 million")
    expect(page.locator("#suggestion")).to_contain_text("pseudo")
    page.fill("#target", "")
    page.keyboard.press("Control+m")
    expect(page.locator("#target")).to_have_value(second.msgstr)
    shoot(page, "suggestion-and-memory-en.png")
    page.keyboard.press("Control+s")
    expect(page.locator("#save-state")).to_contain_text("Saved")

    page.goto(f"http://{server.address}/#/zh/{SEED_DOC}/{entry_id(entry(reviewing, 'zh', WRONG_FIGURE))}")
    expect(page.locator("#source")).to_have_text(entry(reviewing, "zh", WRONG_FIGURE).msgid)
    expect(page.locator("#target")).to_have_value(entry(reviewing, "zh", WRONG_FIGURE).msgstr)
    shoot(page, "sentence-zh.png")
    page.close()


def check_conflict(page, root: Path) -> None:
    """A sentence changed on disk (Poedit) while the page is open: the page shows it, nothing is lost."""
    expect = sync_api.expect
    select(page, root, UNTRANSLATED[0])
    path = catalog_path(root, "en")
    catalog = read_catalog(path)
    wanted = entry(root, "en", UNTRANSLATED[0]).msgid
    changed = tuple(replace(e, msgstr="Poedit's text.", fuzzy=False) if e.msgid == wanted else e for e in catalog.entries)
    write_catalog(path, replace(catalog, entries=changed), catalog)
    page.fill("#target", "The browser's text.")
    page.keyboard.press("Control+s")
    expect(page.locator("#conflict")).to_be_visible()
    expect(page.locator("#conflict-text")).to_have_text("Poedit's text.")
    assert entry(root, "en", UNTRANSLATED[0]).msgstr == "Poedit's text."
    page.click("#take-theirs")
    expect(page.locator("#target")).to_have_value("Poedit's text.")
    expect(page.locator("#conflict")).to_be_hidden()
    msgfmt_check(path)
