"""A persistent translation cache, as an engine wrapper.

Sentences are keyed by source text, language pair and the engine's ``model_id`` (which names the
model package, its version and decoding options), so re-running a project, or moving a sentence to
another document, costs no model call. The cache is one SQLite file under the project's state
folder; SQLite gives atomic commits, so an interrupted run never leaves a half-written cache.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from .engines import Engine, Translation
from .environment import CHUNK_SENTENCES
from .errors import L10nError
from .lock import refuse_link

CACHE_FILE = "mt-cache.sqlite3"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS mt (
    engine TEXT NOT NULL, model TEXT NOT NULL, source TEXT NOT NULL, target TEXT NOT NULL,
    text TEXT NOT NULL, output TEXT NOT NULL, flags TEXT NOT NULL,
    PRIMARY KEY (engine, model, source, target, text)
)
"""


class CacheError(L10nError):
    """The cache file cannot be opened or is not an l10n cache."""


@dataclass
class TranslationCache:
    """SQLite-backed store of machine translations; one file, opened lazily."""

    path: Path
    _db: sqlite3.Connection | None = field(default=None, init=False, repr=False)

    @classmethod
    def for_state(cls, state_path: Path) -> "TranslationCache":
        return cls(state_path / CACHE_FILE)

    def _conn(self) -> sqlite3.Connection:
        if self._db is None:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                refuse_link(self.path)
                self._db = sqlite3.connect(self.path)
                self._db.execute(_SCHEMA)
            except sqlite3.Error as exc:
                self.close()
                raise self._error(exc) from None
            except OSError as exc:
                raise self._error(sqlite3.Error(exc.strerror)) from None
        return self._db

    def get(self, key: tuple[str, str, str, str], texts: Sequence[str]) -> dict[str, Translation]:
        """Cached outputs for those of ``texts`` already translated under ``key``."""
        db, found = self._conn(), {}
        try:
            for text in dict.fromkeys(texts):
                row = db.execute(
                    "SELECT output, flags FROM mt WHERE engine=? AND model=? AND source=? AND target=? AND text=?",
                    (*key, text)).fetchone()
                if row:
                    if not all(isinstance(v, str) for v in row):
                        raise sqlite3.DatabaseError("a row that is not text")
                    found[text] = Translation(row[0], tuple(f for f in row[1].split(",") if f))
        except sqlite3.Error as exc:
            raise self._error(exc) from None
        return found

    def put(self, key: tuple[str, str, str, str], pairs: dict[str, Translation]) -> None:
        db = self._conn()
        try:
            with db:  # one transaction: all of a batch or nothing
                db.executemany(
                    "INSERT OR REPLACE INTO mt VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [(*key, text, t.text, ",".join(t.flags)) for text, t in pairs.items()])
        except sqlite3.Error as exc:
            raise self._error(exc) from None

    def _error(self, exc: sqlite3.Error) -> CacheError:
        """A damaged, foreign or read-only cache file: one line, and how to go on."""
        return CacheError(f"not a usable translation cache ({exc})", path=self.path,
                          hint="run `l10n cache clear`, or translate with --no-cache")

    def clear(self) -> int:
        """Delete the cache file; return how many translations it held."""
        if not self.path.exists():
            return 0
        try:
            count = self._conn().execute("SELECT COUNT(*) FROM mt").fetchone()[0]
        except (CacheError, sqlite3.DatabaseError):
            count = 0  # a damaged cache is exactly what clearing is for
        self.close()
        self.path.unlink()
        return count

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


@dataclass
class CachedEngine:
    """Wraps an :class:`Engine`: only sentences missing from the cache reach the model."""

    engine: Engine
    cache: TranslationCache
    chunk: int = CHUNK_SENTENCES  # sentences per engine call and cache commit: the unit of writing

    @property
    def name(self) -> str:
        return self.engine.name

    def supports(self, source: str, target: str) -> bool:
        return self.engine.supports(source, target)

    def model_id(self, source: str, target: str) -> str:
        return self.engine.model_id(source, target)

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[Translation]:
        key = (self.engine.name, self.engine.model_id(source, target), source, target)
        known = self.cache.get(key, texts)
        missing = [t for t in dict.fromkeys(texts) if t not in known]
        # Chunks are committed as they finish, so an interrupted run keeps what the model already
        # did (translate hands over at most a chunk of documents at a time; one long document is
        # more). The engine decodes each chunk in batches of the model's own size.
        for start in range(0, len(missing), self.chunk):
            part = missing[start : start + self.chunk]
            fresh = dict(zip(part, self.engine.translate(part, source, target)))
            self.cache.put(key, fresh)
            known.update(fresh)
        return [known[t] for t in texts]
