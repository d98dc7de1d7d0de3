"""Issue 14's acceptance: a team's second release from start to finish, no model, no network.

The commands are those of ``make presskit`` (translate, check, release: read from the Makefile, so
this test follows it), run as the installed CLI in subprocesses whose sockets refuse to connect:

1. a new release next to the reviewed one: the kit builds (exit 0), the reviewed release ships,
   the new one is listed, its translations in progress;
2. pseudo suggestions: the kit still builds, `check` lists their problems "to review";
3. an approved English translation, contact line and link included, passes `check`;
4. the English page ships: one <h1>, the dateline with its place, the release listed first;
5. a Poedit save that changes only header fields leaves `translate` silent and the file as it was.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from l10n.catalog import read_catalog, write_catalog

from ..conftest import REPO, SEED_DOC
from ..test_flow import poedit_save

RELEASE = """---
date: 2026-11-12
---

# Beispiel GmbH eröffnet Logistikzentrum in Dormagen

DORMAGEN. Die Beispiel GmbH eröffnet in Dormagen ein neues Logistikzentrum mit 150 Arbeitsplätzen.

„Dormagen liegt ideal zwischen Köln und Düsseldorf“, sagt Geschäftsführerin Anna Schmidt.

- Baubeginn im Frühjahr 2026
- Inbetriebnahme im Herbst 2027

Weitere Informationen: [www.example.de](https://www.example.de)

Pressekontakt: Jonas Berger, Telefon +49 211 1234-567, presse@example.de
"""
ENGLISH = {
    "Beispiel GmbH eröffnet Logistikzentrum in Dormagen": "Beispiel GmbH opens logistics centre in Dormagen",
    "DORMAGEN. Die Beispiel GmbH eröffnet in Dormagen ein neues Logistikzentrum mit 150 Arbeitsplätzen.":
        "DORMAGEN. Beispiel GmbH is opening a new logistics centre with 150 jobs in Dormagen.",
    "„Dormagen liegt ideal zwischen Köln und Düsseldorf“, sagt Geschäftsführerin Anna Schmidt.":
        "“Dormagen lies ideally between Cologne and Düsseldorf,” says managing director Anna Schmidt.",
    "Baubeginn im Frühjahr 2026": "Construction starts in spring 2026",
    "Inbetriebnahme im Herbst 2027": "Operations begin in autumn 2027",
    "Weitere Informationen: [www.example.de](https://www.example.de)": "More information: [www.example.de](https://www.example.de)",
    "Pressekontakt: Jonas Berger, Telefon +49 211 1234-567, presse@example.de":
        "Press contact: Jonas Berger, phone +49 211 1234-567, presse@example.de",
}
# Any attempt to open a network connection fails the command (and so the test).
NO_NETWORK = """import socket
def _refuse(*args, **kwargs):
    raise OSError("network access in a test that must run offline")
socket.socket.connect = _refuse
socket.create_connection = _refuse
"""


def presskit_commands() -> list[list[str]]:
    """The l10n commands of `make presskit`, in order (so this test follows the Makefile)."""
    text = (REPO / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^presskit:.*\n((?:\t.*\n)+)", text, re.M).group(1)
    return [line.split("$(BIN)/l10n ", 1)[1].split() for line in recipe.splitlines() if "$(BIN)/l10n " in line]


@pytest.fixture(scope="module")
def cycle(tmp_path_factory: pytest.TempPathFactory):
    tmp_path = tmp_path_factory.mktemp("cycle")
    root = tmp_path / "project"
    root.mkdir()
    for name in ("l10n.toml", "glossary.csv"):
        shutil.copy(REPO / name, root / name)
    for name in ("source", "locales"):
        shutil.copytree(REPO / name, root / name)
    guard = tmp_path / "no-network"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(NO_NETWORK, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(guard), "ARGOS_PACKAGES_DIR": str(tmp_path / "no-models"),
           "SOURCE_DATE_EPOCH": "1795000000"}

    def l10n(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "l10n", *args, "-C", str(root)], capture_output=True, text=True, env=env, timeout=300)

    return root, l10n


def presskit(l10n) -> list[subprocess.CompletedProcess]:
    runs = []
    for command in presskit_commands():
        done = l10n(*command)
        assert done.returncode == 0, (command, done.stdout[-3000:], done.stderr[-3000:])
        assert "Traceback" not in done.stderr
        runs.append(done)
    return runs


def manifest(root: Path) -> dict:
    data = json.loads((root / "dist" / "presskit" / "manifest.json").read_text(encoding="utf-8"))
    return {doc["name"]: doc["languages"] for doc in data["documents"]}


def approve_english(root: Path) -> None:
    path = root / "locales" / "en" / "neu.po"
    catalog = read_catalog(path)
    assert {e.msgid for e in catalog.active} == set(ENGLISH)  # the release is segmented as written here
    entries = tuple(e if e.obsolete else replace(e, msgstr=ENGLISH[e.msgid], fuzzy=False) for e in catalog.entries)
    write_catalog(path, replace(catalog, entries=entries), catalog)


def test_commands_are_the_makefiles() -> None:
    assert [c[0] for c in presskit_commands()] == ["translate", "check", "release"]


@pytest.mark.slow
def test_second_release_from_start_to_finish(cycle) -> None:
    root, l10n = cycle
    (root / "source" / "neu.md").write_text(RELEASE, encoding="utf-8")
    kit = root / "dist" / "presskit"

    # 1. No model: the kit builds; the reviewed release ships, the new one waits.
    translate, check, release = presskit(l10n)
    waits = [ln for ln in translate.stdout.splitlines() if "wait for a translation model" in ln]
    assert [ln.split(":")[0] for ln in waits] == ["de→en", "de→zh"] and translate.stderr == ""
    shipped = manifest(root)
    assert shipped[SEED_DOC]["en"]["status"] == "complete" and (kit / "en" / f"{SEED_DOC}.html").is_file()
    assert shipped["neu"]["en"]["status"] == "omitted" and not (kit / "en" / "neu.html").exists()
    assert "neu.html" in (kit / "index.html").read_text(encoding="utf-8")  # listed, in German

    # 2. Pseudo suggestions: still exit 0; their problems are for the reviewer.
    done = l10n("translate", "--engine", "pseudo")
    assert done.returncode == 0 and "locales/en/neu.po: 7 machine-translated" in done.stdout
    translate, check, release = presskit(l10n)
    assert "to review (unreviewed suggestions, not in a release):" in check.stdout
    assert check.stdout.splitlines()[-1].startswith("0 errors, ")
    assert manifest(root)["neu"]["en"]["status"] == "omitted"

    # 3. The approved English, contact line and link included, passes the check.
    approve_english(root)
    done = l10n("check", "--lang", "en")
    assert done.returncode == 0, done.stdout
    findings = [ln for ln in done.stdout.splitlines() if "/neu.po:" in ln and not ln.startswith("  ")]
    assert findings == [], findings

    # 4. The English page ships.
    presskit(l10n)
    assert manifest(root)["neu"]["en"]["status"] == "complete"
    page = (kit / "en" / "neu.html").read_text(encoding="utf-8")
    assert "Press contact: Jonas Berger, phone +49 211 1234-567" in page  # its parts: the next test

    # 5. A Poedit save that changes only the header: translate writes nothing and says nothing.
    po = root / "locales" / "en" / "neu.po"
    poedit_save(po)
    before = po.read_bytes()
    done = l10n("translate")
    assert done.returncode == 0 and done.stderr == ""
    assert done.stdout == "Nothing to do: every catalog is up to date.\n" and po.read_bytes() == before


def test_english_page_has_its_dateline_and_the_release_comes_first(cycle) -> None:
    """The page parts issue 14 asks of the kit (built by its pages work, l10n/kit/), on the kit the
    cycle above built."""
    root, l10n = cycle
    kit = root / "dist" / "presskit"
    if not (kit / "en" / "neu.html").exists():  # run on its own: the short way to the approved release
        (root / "source" / "neu.md").write_text(RELEASE, encoding="utf-8")
        assert l10n("translate").returncode == 0
        approve_english(root)
        presskit(l10n)
    page = (kit / "en" / "neu.html").read_text(encoding="utf-8")
    dateline = re.search(r'<p class="dateline">(.*?)</p>', page, re.S)
    assert dateline and re.sub(r"<[^>]+>", "", dateline.group(1)) == "DORMAGEN, 2026-11-12"
    assert page.count("<h1") == 1 and "Beispiel GmbH opens logistics centre in Dormagen" in page
    index = (kit / "index.html").read_text(encoding="utf-8")
    assert index.index("en/neu.html") < index.index(f"en/{SEED_DOC}.html")  # newest first
    assert "translation in progress" in index  # the Chinese of the new release, in a journalist's words
