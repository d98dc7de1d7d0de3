"""Interruption and concurrency: real runs killed with SIGINT, SIGTERM and SIGKILL, and the lock.

A slow engine (the pseudo engine sleeping per batch, registered through the registry like any
plug-in) runs in a subprocess over a generated project with one document per chunk, so that
documents are written one after the other while the run is still going.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from l10n.catalog import read_catalog
from l10n.errors import L10nError
from l10n import lock as lock_module
from l10n.lock import LockedError, project_lock

from .conftest import REPO
from .test_robust import cli, snapshot

DOCS = 10
SENTENCES = 4
LANGS = ("en", "zh")

RUNNER = textwrap.dedent(
    """
    import json, sys, time
    root, delay, log_path = sys.argv[1:4]
    from l10n.engines import register
    from l10n.engines.pseudo import PseudoEngine

    class SlowEngine(PseudoEngine):
        name = "slow"

        def translate(self, texts, source, target):
            time.sleep(float(delay))
            out = super().translate(texts, source, target)
            with open(log_path, "a", encoding="utf-8") as log:  # what was really translated
                log.write(json.dumps([target, list(texts)]) + "\\n")
            return out

    register("slow")(lambda config: SlowEngine())
    from l10n.cli import main
    sys.argv = ["l10n", "translate", "-e", "slow", "-C", root]
    main()
    """
)


def make_project(root: Path) -> Path:
    (root / "source").mkdir(parents=True)
    (root / "l10n.toml").write_text('[project]\nname = "t"\n[translate]\nengine = "pseudo"\n', encoding="utf-8")
    for d in range(DOCS):
        body = " ".join(f"Satz {s} von Dokument {d} nennt die Firma {d * 10 + s} in Köln." for s in range(SENTENCES))
        (root / "source" / f"doc{d:02}.md").write_text(f"# Dokument {d}\n\n{body}\n", encoding="utf-8")
    return root


def start(root: Path, log: Path, delay: float = 0.1) -> subprocess.Popen:
    env = {**os.environ, "L10N_CHUNK_SENTENCES": "1", "SOURCE_DATE_EPOCH": "1700000000", "PYTHONPATH": str(REPO)}
    return subprocess.Popen(
        [sys.executable, "-c", RUNNER, str(root), str(delay), str(log)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def finished_docs(root: Path) -> int:
    return len(list((root / "locales" / "zh").glob("*.po"))) if (root / "locales" / "zh").is_dir() else 0


def wait_for(predicate, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def assert_old_or_new(root: Path) -> int:
    """Every catalog on disk parses and is either absent (old) or complete (new); return how many docs."""
    done = 0
    for d in range(DOCS):
        paths = [root / "locales" / lang / f"doc{d:02}.po" for lang in LANGS]
        for path in paths:
            if path.exists():
                catalog = read_catalog(path)
                assert len(catalog.active) == SENTENCES + 1 and all(e.msgstr for e in catalog.active), path
        done += all(p.exists() for p in paths)
    return done


def translated_texts(log: Path) -> list[tuple[str, str]]:
    if not log.exists():
        return []
    return [(lang, text) for line in log.read_text(encoding="utf-8").splitlines() for lang, texts in [json.loads(line)] for text in texts]


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> dict[str, bytes]:
    """The catalogs of an uninterrupted run, to compare resumed runs with, byte for byte."""
    root = make_project(tmp_path_factory.mktemp("reference"))
    proc = start(root, root / "log.jsonl", delay=0)
    assert proc.wait(60) == 0, proc.stderr.read()
    return snapshot(root / "locales")


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)], ids=["SIGINT", "SIGTERM"])
def test_interrupted_run_keeps_finished_documents_and_resumes(tmp_path: Path, reference, signum, code):
    root = make_project(tmp_path / "project")
    log = tmp_path / "log.jsonl"
    proc = start(root, log)
    wait_for(lambda: finished_docs(root) >= 3)
    proc.send_signal(signum)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == code, err
    assert "interrupted" in err and "run the command again" in err and "Traceback" not in err
    done = assert_old_or_new(root)
    assert 3 <= done < DOCS
    assert not list(root.rglob(".*.tmp"))
    first_run = translated_texts(log)

    log.unlink()
    proc = start(root, log, delay=0)
    assert proc.wait(60) == 0, proc.stderr.read()
    resumed = translated_texts(log)
    # Finished documents are not translated again: the re-run only does the rest.
    assert len(resumed) == (DOCS - done) * (SENTENCES + 1) * len(LANGS)
    finished = {f"Dokument {d}" for d in range(done)}
    assert not any(any(f"{name}" in text for name in finished) for _, text in resumed), resumed[:3]
    assert first_run  # the interrupted run did translate something
    assert snapshot(root / "locales") == reference


def test_kill_9_at_any_moment_leaves_every_catalog_old_or_new(tmp_path: Path, reference):
    root = make_project(tmp_path / "project")
    log = tmp_path / "log.jsonl"
    for kill_after in (1, 4, 7):
        proc = start(root, log, delay=0.02)
        wait_for(lambda: finished_docs(root) >= kill_after or proc.poll() is not None)
        proc.kill()
        proc.communicate(timeout=30)
        assert_old_or_new(root)
        # The kernel released the dead run's lock: the next run is not blocked.
    proc = start(root, log, delay=0)
    assert proc.wait(60) == 0, proc.stderr.read()
    assert assert_old_or_new(root) == DOCS
    assert snapshot(root / "locales") == reference


def test_second_translate_stops_with_a_clear_message_while_one_runs(capsys, tmp_path: Path):
    root = make_project(tmp_path / "project")
    proc = start(root, tmp_path / "log.jsonl", delay=0.2)
    try:
        wait_for(lambda: finished_docs(root) >= 1)
        before = snapshot(root)
        code, _, err = cli(capsys, "translate", "-e", "pseudo", "-C", str(root))
        assert code == 1
        assert "another run is working on this project" in err and f"pid {proc.pid}" in err and "--wait" in err
        assert finished_docs(root) < DOCS
        assert all(before[k] == v for k, v in snapshot(root).items() if k in before and "doc0" not in k)
    finally:
        proc.kill()
        proc.communicate()


def test_lock_waits_for_the_other_run_when_asked(capsys, monkeypatch, tmp_path: Path):
    """The holder lets go only once the waiting run has found the lock taken and begun to poll:
    event-driven, so no timing window decides what is tested."""
    root = make_project(tmp_path / "project")
    state = root / ".l10n"
    held, polling = threading.Event(), threading.Event()

    def poll(seconds: float) -> None:
        polling.set()
        time.sleep(seconds)

    monkeypatch.setattr(lock_module, "time", SimpleNamespace(monotonic=time.monotonic, sleep=poll))

    def hold() -> None:
        with project_lock(state):
            held.set()
            polling.wait(60)

    thread = threading.Thread(target=hold)
    thread.start()
    assert held.wait(60)
    with pytest.raises(LockedError, match="another run"):
        with project_lock(state):
            pass
    assert not polling.is_set()  # without --wait it stops at once
    code, _, err = cli(capsys, "translate", "-e", "pseudo", "--wait", "30", "-C", str(root))
    thread.join()
    assert polling.is_set() and code == 0, err
    assert finished_docs(root) == DOCS


def test_stale_lock_file_does_not_block(tmp_path: Path):
    state = tmp_path / ".l10n"
    state.mkdir()
    (state / "lock").write_text("l10n translate; pid 999999 on elsewhere\n", encoding="utf-8")
    with project_lock(state) as path:
        assert f"pid {os.getpid()}" in path.read_text(encoding="utf-8")


WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from l10n.fs import atomic_write
    path, a, b = Path(sys.argv[1]), Path(sys.argv[2]).read_bytes(), Path(sys.argv[3]).read_bytes()
    print("ready", flush=True)
    while True:
        atomic_write(path, a)
        atomic_write(path, b)
    """
)


def test_kill_9_during_writes_leaves_the_old_file_or_the_new_one(tmp_path: Path):
    # Two versions of a real catalog, of different sizes; a writer alternates them as fast as it
    # can and is killed at random moments. The file is always exactly one of the two.
    old = (REPO / "locales" / "zh" / "oppo-vivo-xiaomi-duesseldorf.po").read_bytes()
    new = old.replace(b"msgstr \"", b"msgstr \"~~~~~~~~~~~~~~~~~~~~", 40)
    (tmp_path / "a").write_bytes(old)
    (tmp_path / "b").write_bytes(new)
    target = tmp_path / "locales" / "x.po"
    target.parent.mkdir()
    target.write_bytes(old)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    for i in range(12):
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(target), str(tmp_path / "a"), str(tmp_path / "b")], env=env, stdout=subprocess.PIPE, text=True)
        assert proc.stdout.readline().strip() == "ready"
        time.sleep(0.005 * (i % 5))
        proc.kill()
        proc.communicate()
        assert target.read_bytes() in (old, new)
        read_catalog(target)


def test_lock_that_cannot_be_created_is_a_clear_error(tmp_path: Path):
    (tmp_path / ".l10n").write_text("a file where l10n wants its state folder", encoding="utf-8")
    with pytest.raises(L10nError, match="cannot create the project lock"):
        with project_lock(tmp_path / ".l10n"):
            pass


def test_bad_chunk_size_is_a_clear_error(capsys, tmp_path: Path, monkeypatch):
    root = make_project(tmp_path / "project")
    monkeypatch.setenv("L10N_CHUNK_SENTENCES", "many")
    code, _, err = cli(capsys, "translate", "-e", "pseudo", "-C", str(root))
    assert code == 1 and "L10N_CHUNK_SENTENCES='many' is not a whole number" in err
