"""What the last ``translate`` left up to date, so a no-change re-run skips work like ``make`` does.

For each document, the run records the file stamps (inode, size, mtime and ctime in ns) of its
source, its template and its catalogs once they are written and complete. A later run with the same
settings skips a document whose files all still carry those stamps, without reading or parsing
anything. Any change (the source edited, a translator saving a catalog, ``l10n.toml`` or the
l10n version changing, another set of languages) makes the document go through the full workflow.
The state is saved after every chunk, so a run that was interrupted skips what it finished.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from . import __version__
from .fs import atomic_write
from .config import CONFIG_NAME
from .errors import L10nError
from .lock import refuse_link

STATE_NAME = "translate-state.json"
Stamp = list[list[int] | None]


def file_stamp(path: Path) -> list[int] | None:
    """What changes whenever a file is written or replaced; None if it does not exist."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    # ctime cannot be set back by a tool (touch -d can fake mtime), so an edit is always seen.
    return [st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns]


def settings_key(root: Path, engine: str, langs: Iterable[str], inputs: Iterable[Path] = ()) -> str:
    """A fingerprint of everything besides a document's own files that decides a run's output.

    ``inputs`` are the other files that do (abbreviation lists, the glossary, memory files): their
    stamps go in, so editing one makes every document go through the workflow again.
    """
    try:
        config = (root / CONFIG_NAME).read_bytes()
    except FileNotFoundError:
        config = b""
    stamps = [[str(p), file_stamp(p)] for p in inputs]
    material = json.dumps([__version__, engine, sorted(langs), hashlib.sha256(config).hexdigest(), stamps])
    return hashlib.sha256(material.encode()).hexdigest()[:16]


@dataclass
class TranslateState:
    """The up-to-date record of one project, for one settings key."""

    path: Path
    key: str
    docs: dict[str, Stamp] = field(default_factory=dict)
    _saved: bytes = field(default=b"", repr=False)

    @classmethod
    def load(cls, state_dir: Path, key: str) -> "TranslateState":
        """The saved state, or an empty one if there is none, it is unreadable or for other settings."""
        path = state_dir / STATE_NAME
        if path.is_dir():
            raise L10nError("a folder is in the place of l10n's state file", path=path, hint="remove it; it only records what is up to date")
        refuse_link(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls(path, key)  # a lost or damaged state only costs a full run
        if not isinstance(data, dict) or data.get("key") != key or not isinstance(data.get("docs"), dict):
            return cls(path, key)
        return cls(path, key, data["docs"], json.dumps(data, separators=(",", ":")).encode())

    def fresh(self, name: str, files: list[Path]) -> bool:
        """Whether document ``name``'s ``files`` are exactly as the last run left them."""
        recorded = self.docs.get(name)
        return recorded is not None and recorded == [file_stamp(p) for p in files]

    def record(self, name: str, files: list[Path]) -> None:
        self.docs[name] = [file_stamp(p) for p in files]

    def forget(self, name: str) -> None:
        self.docs.pop(name, None)

    def keep_only(self, names: set[str]) -> None:
        """Drop documents that no longer exist."""
        self.docs = {n: s for n, s in self.docs.items() if n in names}

    def save(self) -> None:
        """Write the state if it changed (a no-change run writes nothing at all)."""
        data = json.dumps({"key": self.key, "docs": self.docs}, separators=(",", ":")).encode()
        if data != self._saved:
            atomic_write(self.path, data)
            self._saved = data
