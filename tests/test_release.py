"""``l10n release`` as one pass (issue 16): each source and catalog read once, the plain release and
the kit from the same bytes, the same inputs giving the same bytes."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from l10n.project import Project
from l10n.release import release, translations
from l10n.sources import localize_document

from .conftest import SEED_DOC, copy_project
from .kit_support import SECOND_DOC, cli, reviewed_project, second_release
from .test_robust import cli as robust_cli

# Every file opened while ``_OPENS`` is a list: (path, mode or None, os.open flags). The audit
# event "open" is raised for open(), io.open(), Path.open/read_bytes and os.open alike.
_OPENS: list | None = None


def _audit(event: str, args: tuple) -> None:
    if event == "open" and _OPENS is not None and isinstance(args[0], (str, bytes, os.PathLike)):
        _OPENS.append(args)


sys.addaudithook(_audit)


def _reads(opens: list, root: Path) -> Counter:
    """How often each file under ``root``'s source/ and locales/ was opened for reading."""
    counts: Counter = Counter()
    for path, mode, flags in opens:
        reading = (flags & os.O_ACCMODE) == os.O_RDONLY if mode is None else not any(c in str(mode) for c in "wax+")
        rel = os.path.relpath(os.fsdecode(path), root)
        if reading and rel.split(os.sep)[0] in ("source", "locales") and not rel.endswith(os.sep):
            counts[rel.replace(os.sep, "/")] += 1
    return counts


@pytest.fixture(scope="module")
def two_documents(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed (reviewed) and a second release (half reviewed in English): 2 documents x 2 languages."""
    return second_release(reviewed_project(copy_project(tmp_path_factory.mktemp("two") / "project", catalogs=False)))


def _copy(project: Path, target: Path) -> Path:
    shutil.copytree(project, target, ignore=shutil.ignore_patterns("dist*", ".l10n"))
    return target


def _hashes(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_release_reads_each_source_and_catalog_once(two_documents: Path, tmp_path: Path):
    global _OPENS
    root = _copy(two_documents, tmp_path / "p")
    expected = {f"source/{doc}.md" for doc in (SEED_DOC, SECOND_DOC)} | {f"locales/{lang}/{doc}.po" for lang in ("en", "zh") for doc in (SEED_DOC, SECOND_DOC)}
    _OPENS = []
    try:
        result = cli("release", "--threshold", "0", "-C", str(root))
        opens, _OPENS = _OPENS, None
    finally:
        _OPENS = None
    assert result.exit_code == 0, result.output
    reads = _reads(opens, root)
    assert set(reads) == expected, reads  # the templates are not read; nothing else is
    assert set(reads.values()) == {1}, reads
    # What the counts stand for: every file went into the kit, checksummed from those bytes.
    kit = json.loads((root / "dist" / "presskit" / "manifest.json").read_text(encoding="utf-8"))
    for document in kit["documents"]:
        assert document["source_sha256"] == hashlib.sha256((root / document["source"]).read_bytes()).hexdigest()
        for lang in ("en", "zh"):
            item = document["languages"][lang]
            assert item["catalog_sha256"] == hashlib.sha256((root / item["catalog"]).read_bytes()).hexdigest()
            assert item["files"]


@pytest.mark.skipif(shutil.which("strace") is None, reason="strace is not installed")
def test_release_opens_each_file_once_seen_by_strace(two_documents: Path, tmp_path: Path):
    """The same count at the system call level, for the installed command."""
    root = _copy(two_documents, tmp_path / "p")
    trace = tmp_path / "trace"
    l10n = Path(sys.executable).with_name("l10n")
    if not l10n.exists():
        pytest.skip("the l10n command is not installed beside this Python")
    run = subprocess.run(["strace", "-f", "-qq", "-e", "trace=openat", "-o", str(trace), str(l10n), "release", "-C", str(root)],
                         capture_output=True, text=True)
    if run.returncode != 0 and not (root / "dist").exists():
        pytest.skip(f"strace cannot trace here: {run.stderr.strip()[:200]}")
    assert run.returncode == 0, run.stderr
    opened = Counter()
    for line in trace.read_text().splitlines():
        if "openat(" in line and "O_RDONLY" in line and "ENOENT" not in line:
            path = line.split('"')[1]
            if path.startswith(f"{root}/source/") or path.startswith(f"{root}/locales/"):
                opened[os.path.relpath(path, root)] += 1
    assert len(opened) == 6 and set(opened.values()) == {1}, opened


def test_same_inputs_give_the_same_bytes_and_dist_is_what_the_format_writes(two_documents: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    first = _copy(two_documents, tmp_path / "a")
    second = _copy(two_documents, tmp_path / "b")
    for root in (first, second):
        done = release(Project.open(root), include_fuzzy=True, threshold=0)
    hashes = _hashes(first / "dist")
    assert hashes == _hashes(second / "dist")
    assert {"presskit.zip", "presskit-status.html", f"en/{SECOND_DOC}.md", f"presskit/zh/{SEED_DOC}.html"} <= set(hashes)
    # Rebuilt in place, over the first build: the same bytes again.
    release(Project.open(first), include_fuzzy=True, threshold=0)
    assert _hashes(first / "dist") == hashes

    project = Project.open(first)
    assert [(f.lang, f.path) for f in done.files] == [(lang, f"dist/{lang}/{doc}.md") for doc in (SECOND_DOC, SEED_DOC) for lang in ("en", "zh")]
    for path in project.source_files():
        doc = project.load(path)
        for lang in ("en", "zh"):
            table = translations(project.read(project.catalog_path(doc.name, lang), lang), include_fuzzy=True)
            data, _ = localize_document(doc, lang, table)
            assert (first / "dist" / lang / f"{doc.name}.md").read_bytes() == data
            assert (first / "dist" / "presskit" / lang / f"{doc.name}.md").read_bytes() == data
        assert (first / "dist" / "presskit" / "de" / f"{doc.name}.md").read_bytes() == path.read_bytes()


def test_settings_are_checked_before_anything_is_written(capsys, two_documents: Path, tmp_path: Path):
    root = _copy(two_documents, tmp_path / "p")
    (root / "assets" / "logo.svg").unlink()  # [kit] logo names a file that is gone
    code, _, err = robust_cli(capsys, "release", "-C", str(root))
    assert (code, err) == (1, f"error: {root / 'l10n.toml'}: [kit] logo 'assets/logo.svg': file not found (name an image file inside the project)\n")
    assert not (root / "dist").exists()  # before, the plain release was written first
