"""The values l10n works on: documents, blocks and sentence segments. No I/O here.

Offsets are indices into ``Document.text`` (the decoded source, line ends as they were), so
``text[seg.start:seg.end] == seg.text`` and a document can be rebuilt exactly.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

_WS = re.compile(r"\s+")


def normalize_space(text: str) -> str:
    """Collapse every run of whitespace to one space and trim the ends.

    >>> normalize_space("  Ein  Satz\\nmit Umbruch. ")
    'Ein Satz mit Umbruch.'
    """
    return _WS.sub(" ", text).strip()


def segment_id(text: str) -> str:
    """A stable id for a sentence, derived from its normalised text (not its position)."""
    return hashlib.sha1(normalize_space(text).encode("utf-8")).hexdigest()[:10]


@dataclass(frozen=True)
class Span:
    """A trimmed piece of text: ``text[start:end]``."""

    start: int
    end: int


@dataclass(frozen=True)
class Block:
    """A structural unit: heading, paragraph or list item. Offsets cover its translatable text."""

    kind: str
    start: int
    end: int
    line: int


@dataclass(frozen=True)
class Segment:
    """One sentence of a document, the unit of translation.

    ``msgid`` is the sentence with whitespace normalised (a line break inside a paragraph becomes a
    space); ``occurrence`` counts identical sentences in the same document (1 for the first), so
    repeated sentences stay distinct catalog entries.
    """

    text: str
    start: int
    end: int
    line: int
    block: int
    kind: str
    occurrence: int = 1

    @property
    def msgid(self) -> str:
        return normalize_space(self.text)

    @property
    def msgctxt(self) -> str | None:
        # Only repeated sentences get a context, and it counts repeats, not positions: inserting a
        # paragraph elsewhere changes nothing, so msgmerge keeps the entries exact.
        return None if self.occurrence == 1 else f"repeat {self.occurrence}"

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.msgctxt, self.msgid)

    @property
    def sid(self) -> str:
        base = segment_id(self.text)
        return base if self.occurrence == 1 else f"{base}-{self.occurrence}"


@dataclass(frozen=True)
class Document:
    """A source document, segmented.

    ``path`` is relative to the project root with forward slashes (``source/release.md``) and is
    what ``#:`` references show. ``name`` (its path inside the source folder, without suffix) names
    its catalogs: ``locales/<lang>/<name>.po``.

    For a text format ``text`` is the file itself. A format with markup that cannot be cut by
    offsets (Word, HTML) keeps the file's bytes in ``original`` and makes ``text`` from it: the
    translatable texts, one block each, inline markup as numbered markers; its writer rebuilds
    the file from ``original``.
    """

    path: str
    name: str
    format: str
    text: str
    blocks: tuple[Block, ...]
    segments: tuple[Segment, ...]
    metadata: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    bom: bool = False
    original: bytes | None = field(default=None, repr=False, compare=False)

    @property
    def filename(self) -> str:
        return self.path.rsplit("/", 1)[-1]

    def encode(self) -> bytes:
        """The document's bytes as read (BOM included if it had one)."""
        if self.original is not None:
            return self.original
        return ("\ufeff" if self.bom else "").encode("utf-8") + self.text.encode("utf-8")
