"""The workflow with the cache: re-running costs no model call; the pivot is one batch."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Sequence

from l10n.engines import Translation
from l10n.project import Project
from l10n.translate import translate_project


class PairEngine:
    """Knows de->en and en->zh only, so German->Chinese must pivot; records every call."""

    name = "pair"

    def __init__(self) -> None:
        self.calls: list[tuple[str, str, int]] = []

    def supports(self, source: str, target: str) -> bool:
        return (source, target) in {("de", "en"), ("en", "zh")}

    def model_id(self, source: str, target: str) -> str:
        return f"pair-{source}{target} 1.0"

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[Translation]:
        self.calls.append((source, target, len(texts)))
        return [Translation(f"[{target}] {t}") for t in texts]


def _run(root: Path, engine: PairEngine, langs: list[str], use_cache: bool = True) -> None:
    translate_project(Project.open(root), langs, "pair", engine_factory=lambda _n: engine, use_cache=use_cache)


def test_pivot_batches_missing_english_and_cache_skips_rerun(empty_project: Path, no_network: None) -> None:
    first = PairEngine()
    _run(empty_project, first, ["zh"])  # no English catalog: the pivot English is machine-made
    assert [c[:2] for c in first.calls] == [("de", "en"), ("en", "zh")]  # one batch each, not per entry
    zh = (empty_project / "locales" / "zh").rglob("*.po")
    text = "".join(p.read_text(encoding="utf-8") for p in zh)
    assert "via en (machine)" in text
    assert (empty_project / ".l10n" / "mt-cache.sqlite3").exists()

    shutil.rmtree(empty_project / "locales")
    (empty_project / "locales").mkdir()
    again = PairEngine()
    _run(empty_project, again, ["zh"])
    assert again.calls == []  # everything came from the cache
    nocache = PairEngine()
    shutil.rmtree(empty_project / "locales")
    (empty_project / "locales").mkdir()
    _run(empty_project, nocache, ["zh"], use_cache=False)
    assert len(nocache.calls) == 2


def test_network_guard_blocks_connections(no_network: None) -> None:
    import socket

    import pytest

    with pytest.raises(OSError, match="blocked"):
        socket.create_connection(("127.0.0.1", 9))
