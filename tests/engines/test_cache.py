"""The SQLite translation cache: hits cost no model call, keys separate models and pairs."""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

import pytest

from l10n.cache import CacheError, CachedEngine, TranslationCache
from l10n.engines import Translation


class CountingEngine:
    """Upper-cases text and records every batch it is given."""

    name = "counting"

    def __init__(self, model: str = "m1") -> None:
        self.model = model
        self.batches: list[list[str]] = []

    def supports(self, source: str, target: str) -> bool:
        return True

    def model_id(self, source: str, target: str) -> str:
        return f"{self.model}:{source}-{target}"

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[Translation]:
        self.batches.append(list(texts))
        return [Translation(f"{self.model}:{t.upper()}", ("long",) if len(t) > 5 else ()) for t in texts]


def test_second_run_makes_no_model_call(tmp_path: Path) -> None:
    inner = CountingEngine()
    first = CachedEngine(inner, TranslationCache.for_state(tmp_path))
    out1 = first.translate(["a", "bbbbbb", "a"], "de", "en")
    assert inner.batches == [["a", "bbbbbb"]]  # duplicates are sent once
    # A fresh wrapper over the same file: persistence, not memory.
    again = CountingEngine()
    out2 = CachedEngine(again, TranslationCache.for_state(tmp_path)).translate(["bbbbbb", "a"], "de", "en")
    assert again.batches == []
    assert out2 == [out1[1], out1[0]]
    assert out2[0].flags == ("long",)


def test_key_includes_pair_and_model(tmp_path: Path) -> None:
    cache = TranslationCache.for_state(tmp_path)
    CachedEngine(CountingEngine("m1"), cache).translate(["x"], "de", "en")
    other_pair = CountingEngine("m1")
    CachedEngine(other_pair, cache).translate(["x"], "de", "fr")
    other_model = CountingEngine("m2")
    out = CachedEngine(other_model, cache).translate(["x", "y"], "de", "en")
    assert other_pair.batches == [["x"]]
    assert other_model.batches == [["x", "y"]]
    assert out[0].text == "m2:X"


def test_clear_and_corrupt_file(tmp_path: Path) -> None:
    cache = TranslationCache.for_state(tmp_path)
    CachedEngine(CountingEngine(), cache).translate(["x", "y"], "de", "en")
    assert cache.clear() == 2
    assert not cache.path.exists()
    cache.path.write_bytes(b"not a database at all" * 10)
    with pytest.raises(CacheError, match="mt-cache"):
        CachedEngine(CountingEngine(), TranslationCache(cache.path)).translate(["x"], "de", "en")
    assert cache.path.exists()  # never deleted behind the user's back
    assert TranslationCache(cache.path).clear() == 0
    assert not cache.path.exists()


class InterruptedEngine(CountingEngine):
    """Stops (as Ctrl-C does) in its second batch."""

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[Translation]:
        if self.batches:
            raise KeyboardInterrupt
        return super().translate(texts, source, target)


def test_interrupted_run_keeps_finished_batches(tmp_path: Path) -> None:
    texts = [f"sentence {i}" for i in range(10)]
    cache = TranslationCache.for_state(tmp_path)
    with pytest.raises(KeyboardInterrupt):
        CachedEngine(InterruptedEngine(), cache, chunk=4).translate(texts, "de", "en")
    cache.close()
    # The re-run asks the model only for what the interrupted one had not finished.
    inner = CountingEngine()
    out = CachedEngine(inner, TranslationCache.for_state(tmp_path), chunk=4).translate(texts, "de", "en")
    assert [t for batch in inner.batches for t in batch] == texts[4:]
    assert [t.text for t in out] == [f"m1:{t.upper()}" for t in texts]
