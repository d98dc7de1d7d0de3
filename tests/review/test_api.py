"""The review API, through Starlette's TestClient: safety, writes, conflicts, escaping."""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from l10n.catalog import read_catalog, write_catalog

from ..conftest import SEED_DOC
from .conftest import TOKEN
from .support import MARKUP, MARKUP_TEXT, UNTRANSLATED, WRONG_FIGURE, catalog_path, entry, msgfmt_check

EN = f"/api/catalogs/en/{SEED_DOC}"


def entries(client) -> list[dict]:
    answer = client.get(EN)
    assert answer.status_code == 200, answer.text
    return answer.json()["entries"]


def test_every_request_needs_the_token(client):
    for path in ("/", "/api/catalogs", EN, "/static/review.js", f"/preview/en/{SEED_DOC}"):
        answer = client.get(path, headers={"Authorization": ""})
        assert answer.status_code == 401, path
    assert client.get("/api/catalogs", headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert client.get("/api/catalogs").status_code == 200
    put = client.put(f"{EN}/entries/x", json={}, headers={"Authorization": ""})
    assert put.status_code == 401


def test_token_in_the_address_sets_a_strict_cookie(client):
    assert client.get("/?token=wrong", headers={"Authorization": ""}, follow_redirects=False).status_code == 401
    answer = client.get(f"/?token={TOKEN}", headers={"Authorization": ""}, follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == "/"
    cookie = answer.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie.replace("Strict", "strict")
    client.headers.pop("Authorization")
    assert client.get("/api/catalogs").status_code == 200  # the cookie alone is enough now


def test_a_foreign_host_or_origin_is_refused(client, reviewing: Path):
    assert client.get("/api/catalogs", headers={"Host": "evil.example:8765"}).status_code == 403
    assert client.get("/api/catalogs", headers={"Host": "127.0.0.1:9999"}).status_code == 403
    view = entries(client)[0]
    put = client.put(f"{EN}/entries/{view['id']}", json={"msgstr": "x", "approved": True, "revision": view["revision"]},
                     headers={"Origin": "http://evil.example"})
    assert put.status_code == 403
    assert entry(reviewing, "en", 0).msgstr == view["msgstr"]


def test_catalogs_list_counts_and_release_status(client):
    data = client.get("/api/catalogs").json()
    rows = {(r["document"], r["lang"]): r for r in data["catalogs"]}
    row = rows[(SEED_DOC, "en")]
    counts = row["counts"]
    assert (counts["entries"], counts["approved"], counts["fuzzy"], counts["untranslated"]) == (26, 10, 14, 2)
    assert counts["errors"] >= counts["entries_with_errors"] >= 2 and row["release"]["status"] == "omitted" and "below the threshold" in row["release"]["reason"]
    assert set(data["languages"]) == {"de", "en", "zh"} and data["threshold"] == 100
    assert row["title"] == "Die chinesischen Technologiekonzerne OPPO, VIVO und Xiaomi eröffnen Niederlassungen in Düsseldorf."


def test_catalog_entries_and_queue_order(client):
    data = client.get(EN).json()
    views = data["entries"]
    wrong = views[WRONG_FIGURE]
    assert wrong["state"] == "error" and {"numbers", "numbers-extra"} <= {f["check"] for f in wrong["findings"]}
    assert [views[i]["state"] for i in UNTRANSLATED] == ["untranslated", "untranslated"]
    ranks = {"error": 0, "fuzzy": 1, "untranslated": 2, "approved": 3}
    order = [ranks[next(v for v in views if v["id"] == i)["state"]] for i in data["queue"]]
    assert order == sorted(order) and len(order) == 26
    fuzzy = next(v for v in views if v["state"] == "fuzzy")
    assert fuzzy["suggestion"]["kind"] == "machine" and "pseudo" in fuzzy["suggestion"]["provenance"]
    assert views[1]["neighbours"]["previous"]["msgid"] == views[0]["msgid"]
    first = views[0]
    assert {t["source"] for t in first["glossary"]} == {"OPPO", "VIVO", "Xiaomi"} and all(t["used"] for t in first["glossary"])


def test_memory_offers_a_close_match_from_another_release(client):
    views = client.get("/api/catalogs/en/oppo-kurz").json()["entries"]
    matches = views[1]["memory"]
    assert matches and matches[0]["target"].startswith("More than 200 million") and 75 <= matches[0]["score"] < 100


def test_approve_and_edit_write_the_po_file(client, reviewing: Path):
    views = entries(client)
    fuzzy = next(v for v in views if v["state"] == "fuzzy")
    answer = client.put(f"{EN}/entries/{fuzzy['id']}", json={"msgstr": fuzzy["msgstr"], "approved": True, "revision": fuzzy["revision"]})
    assert answer.status_code == 200 and answer.json()["entry"]["approved"]
    on_disk = entry(reviewing, "en", fuzzy["index"])
    assert not on_disk.fuzzy and on_disk.msgstr == fuzzy["msgstr"] and on_disk.provenance  # machine origin kept
    msgfmt_check(catalog_path(reviewing, "en"))

    empty = views[UNTRANSLATED[0]]
    answer = client.put(f"{EN}/entries/{empty['id']}", json={"msgstr": "Typed by a reviewer.", "approved": False, "revision": empty["revision"]})
    assert answer.status_code == 200
    on_disk = entry(reviewing, "en", UNTRANSLATED[0])
    assert on_disk.msgstr == "Typed by a reviewer." and on_disk.fuzzy  # saved, not yet approved
    msgfmt_check(catalog_path(reviewing, "en"))


def test_a_stale_revision_gets_409_with_the_current_entry(client, reviewing: Path):
    view = entries(client)[0]
    url = f"{EN}/entries/{view['id']}"
    first = client.put(url, json={"msgstr": "First tab's text.", "approved": True, "revision": view["revision"]})
    assert first.status_code == 200
    second = client.put(url, json={"msgstr": "Second tab's text.", "approved": True, "revision": view["revision"]})
    assert second.status_code == 409
    assert second.json()["entry"]["msgstr"] == "First tab's text."
    assert second.json()["entry"]["revision"] == first.json()["entry"]["revision"]
    assert entry(reviewing, "en", 0).msgstr == "First tab's text."


def test_a_file_edited_on_disk_while_the_page_is_open(client, reviewing: Path):
    views = entries(client)  # what the page holds
    path = catalog_path(reviewing, "en")
    catalog = read_catalog(path)  # Poedit changes entry 0 and saves
    changed = tuple(replace(e, msgstr="Poedit's text.") if e.msgid == views[0]["msgid"] else e for e in catalog.entries)
    write_catalog(path, replace(catalog, entries=changed), catalog)

    other = views[1]  # another sentence of the same file: merged, nothing lost
    answer = client.put(f"{EN}/entries/{other['id']}", json={"msgstr": "Browser's text.", "approved": True, "revision": other["revision"]})
    assert answer.status_code == 200
    assert (entry(reviewing, "en", 0).msgstr, entry(reviewing, "en", 1).msgstr) == ("Poedit's text.", "Browser's text.")

    same = views[0]  # the sentence Poedit changed: refused, and the page is shown Poedit's text
    answer = client.put(f"{EN}/entries/{same['id']}", json={"msgstr": "Browser overwrites?", "approved": True, "revision": same["revision"]})
    assert answer.status_code == 409 and answer.json()["entry"]["msgstr"] == "Poedit's text."
    assert entry(reviewing, "en", 0).msgstr == "Poedit's text."
    msgfmt_check(path)


def test_lines_added_above_an_entry_leave_its_revision(client, reviewing: Path):
    views = entries(client)
    path = catalog_path(reviewing, "en")
    catalog = read_catalog(path)  # Poedit adds a two-line comment to entry 0: every later entry moves down
    noted = tuple(replace(e, tcomment="Checked with the press office.\nKeep the figures.") if e.msgid == views[0]["msgid"] else e
                  for e in catalog.entries)
    write_catalog(path, replace(catalog, entries=noted), catalog)
    moved = {e.msgid: e.line for e in read_catalog(path).active}
    assert moved[views[1]["msgid"]] == catalog.get((None, views[1]["msgid"])).line + 2

    other = views[1]
    answer = client.put(f"{EN}/entries/{other['id']}", json={"msgstr": "Browser's text.", "approved": True, "revision": other["revision"]})
    assert answer.status_code == 200, answer.text
    assert entry(reviewing, "en", 1).msgstr == "Browser's text."


def test_ignore_a_finding_writes_the_flag(client, reviewing: Path):
    view = entries(client)[WRONG_FIGURE]
    url = f"{EN}/entries/{view['id']}"
    answer = client.post(f"{url}/ignore", json={"check": "numbers", "revision": view["revision"]})
    assert answer.status_code == 200
    assert "ignore-numbers" in entry(reviewing, "en", WRONG_FIGURE).flags
    after = entries(client)[WRONG_FIGURE]
    assert "numbers" not in {f["check"] for f in after["findings"]} and after["ignored"] == ["numbers"]
    assert "numbers-extra" in {f["check"] for f in after["findings"]}
    from l10n.checks import check_project
    from l10n.project import Project

    by_check = {f.check for f in check_project(Project.open(reviewing), langs=["en"]) if f.msgid == view["msgid"]}
    assert "numbers" not in by_check and "numbers-extra" in by_check  # `l10n check` reads the same flag
    msgfmt_check(catalog_path(reviewing, "en"))
    assert client.post(f"{url}/ignore", json={"check": "no-such-check", "revision": after["revision"]}).status_code == 400
    stale = client.post(f"{url}/ignore", json={"check": "numbers-extra", "revision": view["revision"]})
    assert stale.status_code == 409 and stale.json()["entry"]["flags"] == ["ignore-numbers"]


def test_live_check_of_typed_text(client):
    view = entries(client)[WRONG_FIGURE]
    url = f"{EN}/entries/{view['id']}/check"
    wrong = client.post(url, json={"msgstr": view["msgstr"]}).json()["findings"]
    assert "numbers" in {f["check"] for f in wrong}
    fixed = view["msgstr"].replace("17.9", "19.7")
    assert "numbers" not in {f["check"] for f in client.post(url, json={"msgstr": fixed}).json()["findings"]}


def test_markup_in_a_msgstr_is_text_everywhere(client):
    view = entries(client)[MARKUP]
    assert view["msgstr"] == MARKUP_TEXT  # JSON carries the text as it is
    page = client.get("/")
    assert page.status_code == 200 and "<script>document.title" not in page.text
    assert "script-src 'self'" in page.headers["content-security-policy"]
    approve = client.put(f"{EN}/entries/{view['id']}", json={"msgstr": MARKUP_TEXT, "approved": True, "revision": view["revision"]})
    assert approve.status_code == 200
    preview = client.get(f"/preview/en/{SEED_DOC}").text
    assert "&lt;script&gt;document.title" in preview and "<script>" not in preview and "<b>" not in preview


def test_bad_requests(client, reviewing: Path):
    view = entries(client)[UNTRANSLATED[1]]
    url = f"{EN}/entries/{view['id']}"
    assert client.put(url, json={"msgstr": "", "approved": True, "revision": view["revision"]}).status_code == 400
    assert client.put(url, json={"msgstr": 3, "approved": True, "revision": view["revision"]}).status_code == 400
    assert client.put(url, content=b"not json").status_code == 400
    assert client.put(f"{EN}/entries/000000000000", json={"msgstr": "x", "approved": True, "revision": "r"}).status_code == 404
    assert client.get("/api/catalogs/fr/" + SEED_DOC).status_code == 404
    assert client.get("/api/catalogs/en/../../l10n.toml").status_code == 404
    assert entry(reviewing, "en", UNTRANSLATED[1]).msgstr == ""


def test_a_running_translate_holds_the_lock(client, reviewing: Path, monkeypatch: pytest.MonkeyPatch):
    from l10n.lock import project_lock
    from l10n.review import store

    monkeypatch.setattr(store, "LOCK_WAIT", 0.2)
    view = entries(client)[0]
    with project_lock(reviewing / ".l10n", what="l10n translate"):
        answer = client.put(f"{EN}/entries/{view['id']}", json={"msgstr": "x", "approved": True, "revision": view["revision"]})
    assert answer.status_code == 503 and "l10n translate" in answer.json()["error"]
    assert entry(reviewing, "en", 0).msgstr == view["msgstr"]


def test_the_command_prints_a_local_address_with_a_token(reviewing: Path):
    import time
    from urllib.error import HTTPError, URLError
    from urllib.request import Request, urlopen

    server = subprocess.Popen([sys.executable, "-m", "l10n", "review", "--no-browser", "--port", "0", "-C", str(reviewing)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = server.stdout.readline()
        url = re.search(r"http://127\.0\.0\.1:(\d+)/\?token=([\w-]+)", line)
        assert url, line + server.stderr.read()
        base = f"http://127.0.0.1:{url.group(1)}"
        deadline = time.monotonic() + 60
        while True:
            try:
                page = urlopen(Request(f"{base}/", headers={"Authorization": f"Bearer {url.group(2)}"}), timeout=60)
                break
            except URLError:
                assert time.monotonic() < deadline
                time.sleep(0.1)
        assert page.status == 200 and "l10n review" in page.read().decode()
        with pytest.raises(HTTPError) as refused:
            urlopen(f"{base}/", timeout=60)
        assert refused.value.code == 401
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_a_port_in_use_is_one_clear_line(reviewing: Path):
    import socket

    from l10n.errors import L10nError
    from l10n.project import Project
    from l10n.review.server import ReviewServer

    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen(1)
    try:
        with pytest.raises(L10nError, match=r"cannot listen on 127\.0\.0\.1:\d+.*another --port"):
            ReviewServer.bind(Project.open(reviewing), "127.0.0.1", taken.getsockname()[1])
    finally:
        taken.close()


def test_a_broken_catalog_is_named_in_the_overview(client, reviewing: Path):
    path = catalog_path(reviewing, "zh")
    path.write_text(path.read_text(encoding="utf-8").replace('msgid "', 'msgid broken "', 1), encoding="utf-8")
    rows = {(r["document"], r["lang"]): r for r in client.get("/api/catalogs").json()["catalogs"]}
    assert "syntax error" in rows[(SEED_DOC, "zh")]["broken"] and "broken" not in rows[(SEED_DOC, "en")]
    answer = client.get(f"/api/catalogs/zh/{SEED_DOC}")
    assert answer.status_code == 422 and "locales/zh/" in answer.json()["error"]


def test_the_page_escapes_the_project_name(reviewing: Path):
    from starlette.testclient import TestClient

    from l10n.project import Project
    from l10n.review.app import create_app

    config = reviewing / "l10n.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text(re.sub(r'(?m)^name = .*$', 'name = "<b>Press</b> & <script>x()</script>"', text, count=1), encoding="utf-8")
    app = create_app(Project.open(reviewing), TOKEN, frozenset({"127.0.0.1:8765"}))
    with TestClient(app, base_url="http://127.0.0.1:8765", headers={"Authorization": f"Bearer {TOKEN}"}) as client:
        page = client.get("/").text
    assert "&lt;b&gt;Press&lt;/b&gt; &amp; &lt;script&gt;x()&lt;/script&gt;" in page and "<script>x()" not in page


def test_the_browser_opens_the_address_once_the_server_listens(reviewing: Path, monkeypatch: pytest.MonkeyPatch):
    import threading

    from l10n.project import Project
    from l10n.review import server as module

    opened = threading.Event()
    seen: list[str] = []
    monkeypatch.setattr(module.webbrowser, "open", lambda url: (seen.append(url), opened.set()))
    running = module.ReviewServer.bind(Project.open(reviewing), "127.0.0.1", 0)
    thread = threading.Thread(target=running.run, kwargs={"open_browser": True}, daemon=True)
    thread.start()
    try:
        assert opened.wait(60)
        assert seen == [running.url] and running.url.startswith(f"http://127.0.0.1:{running.port}/?token=")
    finally:
        running.stop()
        thread.join(timeout=10)
