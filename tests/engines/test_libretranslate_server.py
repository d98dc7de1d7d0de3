"""A real LibreTranslate server, started by the test on 127.0.0.1, translating a project.

The server (``make libretranslate``: LibreTranslate 1.9.6 in ``.venv-lt/``, its own environment
because its pins clash with ours) serves the tiny copying Argos packages that
``tests/argos_builder.py`` builds, offline: each package carries a blank spaCy pipeline in
``spacy/`` and the server runs with ``ARGOS_CHUNK_TYPE=SPACY``, so argostranslate never fetches
its sentence splitter. The copying model's output is the German input: these tests follow the
mechanics (batches, provenance, masking, a dying server), never translation quality.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest

from l10n.catalog import read_catalog
from tests.argos_builder import build_package

REPO = Path(__file__).resolve().parents[2]
SERVER = Path(os.environ.get("L10N_LIBRETRANSLATE") or REPO / ".venv-lt" / "bin" / "libretranslate")

if not SERVER.exists():
    if os.environ.get("CI"):
        pytest.fail(f"{SERVER} is missing: CI must run 'make libretranslate' first", pytrace=False)
    pytest.skip(f"no LibreTranslate server at {SERVER} (run 'make libretranslate')", allow_module_level=True)

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lt_packages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """de→en and en→zh copying packages, unpacked with a blank spaCy pipeline each."""
    import spacy

    root = tmp_path_factory.mktemp("lt")
    folder = root / "packages"
    folder.mkdir()
    for source, target in (("de", "en"), ("en", "zh")):
        with zipfile.ZipFile(build_package(root, source, target, copy=True)) as archive:
            archive.extractall(folder)
    for package in folder.iterdir():
        spacy.blank("xx").to_disk(package / "spacy")
    return folder


class Server:
    def __init__(self, packages: Path, home: Path, port: int | None = None) -> None:
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "ARGOS_PACKAGES_DIR": str(packages), "ARGOS_CHUNK_TYPE": "SPACY", "HOME": str(home)}
        self.proc = subprocess.Popen(
            [str(SERVER), "--host", "127.0.0.1", "--port", str(self.port), "--disable-web-ui", "--disable-files-translation"],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )
        deadline = time.monotonic() + 180
        while True:
            assert self.proc.poll() is None, "the LibreTranslate server stopped while starting"
            try:
                with urllib.request.urlopen(self.url + "/languages", timeout=2) as answer:
                    json.load(answer)
                return
            except OSError:
                assert time.monotonic() < deadline, "the LibreTranslate server did not start in 180 s"
                time.sleep(0.5)

    def kill(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()


@pytest.fixture
def server(lt_packages: Path, tmp_path: Path):
    running = Server(lt_packages, tmp_path)
    yield running
    running.kill()


def use_server(root: Path, url: str, batch: int = 4) -> None:
    config = root / "l10n.toml"
    text = config.read_text(encoding="utf-8").replace('engine = "argos"', f'engine = "libretranslate"\nurl = "{url}"\nbatch_size = {batch}\ntimeout = 120')
    config.write_text(text, encoding="utf-8")


def l10n(root: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "l10n", *args, "-C", str(root)], capture_output=True, text=True,
                          env={**os.environ, **env}, timeout=300)


def test_a_project_is_translated_through_the_server(empty_project: Path, server: Server) -> None:
    use_server(empty_project, server.url)
    proc = l10n(empty_project, "translate")
    assert proc.returncode == 0, proc.stderr
    for lang in ("en", "zh"):
        catalog = read_catalog(next((empty_project / "locales" / lang).glob("*.po")))
        assert catalog.active and all(e.fuzzy and e.msgstr for e in catalog.active)
        # Engine and server in the provenance, no pivot: the server translates de→zh itself.
        assert {(e.provenance.engine, e.provenance.model, e.provenance.via) for e in catalog.active} == {
            ("libretranslate", f"libretranslate@127.0.0.1:{server.port}", None)}
        # The copying model gives the German back, with every glossary term restored exactly.
        assert any("OPPO" in e.msgstr and "Düsseldorf" in e.msgstr for e in catalog.active)
    again = l10n(empty_project, "translate")
    assert again.returncode == 0 and again.stdout.startswith("Nothing to do")


def many_documents(root: Path, count: int) -> None:
    shutil.rmtree(root / "source")
    (root / "source").mkdir()
    for i in range(count):
        (root / "source" / f"doc{i:02}.md").write_text(
            f"# Meldung {i}\n\nDie Firma {i} eröffnet ein Büro. Sie stellt {i + 2} Leute ein.\n", encoding="utf-8")


def test_a_server_killed_mid_run_is_one_line_and_a_second_run_finishes(empty_project: Path, lt_packages: Path, tmp_path: Path) -> None:
    many_documents(empty_project, 40)
    first = Server(lt_packages, tmp_path)
    use_server(empty_project, first.url, batch=1)
    run = subprocess.Popen([sys.executable, "-m", "l10n", "translate", "--no-cache", "-C", str(empty_project)],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                           env={**os.environ, "L10N_CHUNK_SENTENCES": "3"})
    zh = empty_project / "locales" / "zh"
    try:
        deadline = time.monotonic() + 120
        while not (zh / "doc01.po").exists():  # two documents finished in both languages
            assert run.poll() is None and time.monotonic() < deadline, "the run ended before the server could be killed"
            time.sleep(0.05)
    finally:
        first.kill()
    _, err = run.communicate(timeout=120)
    assert run.returncode == 1
    assert err.startswith(f"error: the LibreTranslate server at 127.0.0.1:{first.port} failed 3 times") and err.count("\n") == 1, err
    finished = sorted(p.name for p in zh.glob("*.po"))
    assert 2 <= len(finished) < 40
    for name in finished:  # every written catalog is whole: all entries machine-translated
        for lang in ("en", "zh"):
            assert all(e.msgstr and e.fuzzy for e in read_catalog(empty_project / "locales" / lang / name).active)

    second = Server(lt_packages, tmp_path, port=first.port)
    try:
        proc = l10n(empty_project, "translate", "--no-cache")
    finally:
        second.kill()
    assert proc.returncode == 0, proc.stderr
    assert not any(f"/{name}" in proc.stdout for name in finished)  # finished documents are not done again
    assert len(list(zh.glob("*.po"))) == 40
