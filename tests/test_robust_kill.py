"""``kill -9`` at 30 random moments of ``translate`` and ``release`` on a project of 100 documents.

After every kill each catalog still passes ``msgfmt -c`` and every entry a reviewer approved is
still there, approved, with its translation; at the end a full ``translate`` and ``release`` run
cleanly. Real subprocesses, the pseudo engine, small documents and small chunks (so that catalogs
are being written during most of a run), new sentences before every ``translate`` so that each run
has work to do.
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from l10n.catalog import read_catalog

from .conftest import REPO

DOCS = 100
KILLS = 30


def make_project(root: Path) -> None:
    (root / "source").mkdir(parents=True)
    (root / "l10n.toml").write_text('[project]\nname = "k"\n[translate]\nengine = "pseudo"\n', encoding="utf-8")
    for d in range(DOCS):
        text = f"# Meldung {d}\n\nDie Firma {d} eröffnet ein Büro in Köln. Sie stellt {d + 3} Leute ein.\n"
        (root / "source" / f"doc{d:03}.md").write_text(text, encoding="utf-8")


def l10n(root: Path, *args: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(REPO), "SOURCE_DATE_EPOCH": "1700000000", "L10N_CHUNK_SENTENCES": "40"}
    return subprocess.Popen([sys.executable, "-m", "l10n", *args, "-C", str(root)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def finish(root: Path, *args: str) -> float:
    start = time.monotonic()
    proc = l10n(root, *args)
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    return time.monotonic() - start


def approve_half(root: Path) -> None:
    """A reviewer approves the entries of every other document (clears the fuzzy flag)."""
    for po in sorted((root / "locales").glob("*/doc*.po")):
        if int(po.stem[3:]) % 2 == 0:
            text = po.read_text(encoding="utf-8")
            po.write_text(text.replace("#, fuzzy\n", "").replace(", fuzzy", ""), encoding="utf-8")


def approved(po: Path) -> dict[tuple[str | None, str], str]:
    return {(e.msgctxt, e.msgid): e.msgstr for e in read_catalog(po).entries if e.approved and not e.obsolete}


def digests(root: Path) -> dict[Path, str]:
    return {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted((root / "locales").glob("*/*.po"))}


def add_sentences(root: Path, rng: random.Random, run: int) -> None:
    """New sentences in a quarter of the documents: the next ``translate`` has work to do."""
    for d in rng.sample(range(DOCS), DOCS // 4):
        with (root / "source" / f"doc{d:03}.md").open("a", encoding="utf-8") as f:
            f.write(f"\nNeu in Lauf {run}: die Firma {d} wächst weiter.\n")


@pytest.mark.slow
def test_kill_9_at_30_random_moments_keeps_every_approved_entry(tmp_path: Path):
    root = tmp_path / "project"
    make_project(root)
    finish(root, "translate")
    approve_half(root)
    rng = random.Random(15)
    kept = {po: approved(po) for po in digests(root)}
    assert sum(map(len, kept.values())) >= 3 * DOCS  # title and two sentences, half the documents, two languages
    add_sentences(root, rng, -1)
    durations = {"translate": finish(root, "translate"), "release": finish(root, "release", "--include-fuzzy")}
    checked = digests(root)
    moments = []
    for kill in range(KILLS):
        command = ("translate",) if kill % 2 == 0 else ("release", "--include-fuzzy")
        if command == ("translate",):
            add_sentences(root, rng, kill)
        moment = rng.uniform(0.2, 1.0) * durations[command[0]]
        proc = l10n(root, *command)
        time.sleep(moment)
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=60)
        moments.append((command[0], round(moment, 2), proc.returncode))
        now = digests(root)
        for po in [p for p, digest in now.items() if checked.get(p) != digest]:
            check = subprocess.run(["msgfmt", "-c", "-o", os.devnull, str(po)], capture_output=True, text=True)
            assert check.returncode == 0, (moments[-1], po, check.stderr)
            after = approved(po)
            lost = {k: v for k, v in kept.get(po, {}).items() if after.get(k) != v}
            assert not lost, (moments[-1], po, list(lost.items())[:3])
        assert set(kept) <= set(now), moments[-1]  # no catalog disappeared
        checked = now
    print(f"{KILLS} kills: {moments}")
    assert sum(1 for _, _, code in moments if code == -signal.SIGKILL) >= KILLS // 2, moments  # most were really killed mid-run

    finish(root, "translate")
    finish(root, "release", "--include-fuzzy")
    assert all(approved(po).items() >= entries.items() for po, entries in kept.items())
    assert (root / "dist" / "en" / "doc000.md").is_file()
    shutil.rmtree(root)
