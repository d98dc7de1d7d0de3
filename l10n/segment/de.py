"""A first German sentence splitter: rule based, abbreviation list from ``data/``."""

from __future__ import annotations

import re
from importlib import resources

from ..model import Span

# A sentence may end at . ! ? or … , followed by closing quotes/brackets, then whitespace.
_END = re.compile(r"[.!?…]+[\"'“”»«’)\]]*(?=\s)")
_NEXT = re.compile(r"\s+[\"'„“»«(\[]?[A-ZÄÖÜ0-9]")
_WORD_BEFORE = re.compile(r"(\S+?)\.$")


def load_list(name: str) -> frozenset[str]:
    """Read a one-entry-a-line data file; ``#`` starts a comment."""
    text = resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


class GermanSplitter:
    """Splits German prose. ``extra`` abbreviations extend the bundled list."""

    def __init__(self, extra: tuple[str, ...] = ()) -> None:
        self.abbreviations = load_list("de_abbreviations.txt") | {a.rstrip(".") for a in extra}

    def split(self, text: str) -> list[Span]:
        spans: list[Span] = []
        start = 0
        for match in _END.finditer(text):
            end = match.end()
            if not _NEXT.match(text, end) or not self._is_boundary(text, start, match.start(), end):
                continue
            spans.append(Span(start, end))
            start = end
        spans.append(Span(start, len(text)))
        return [trimmed for span in spans if (trimmed := _trim(text, span))]

    def _is_boundary(self, text: str, start: int, stop: int, end: int) -> bool:
        if text[stop] != ".":
            return True
        token = text[start:stop].split()[-1:] or [""]
        word = token[0].lstrip("„\"'(»«[")
        if word in self.abbreviations:
            return False
        if word.isdigit() and len(word) <= 2:
            return False  # an ordinal: "am 3. Oktober"
        if len(word) == 1 and word.isalpha():
            return False  # an initial: "J. Smith"
        if re.fullmatch(r"[IVXLC]+", word) and len(word) <= 4 and word != "I":
            return False  # a regnal number: "Friedrich II."
        if start == 0 and word.isupper() and text[:stop].strip() == word:
            return False  # a dateline: "DÜSSELDORF. Die …"
        return True


def _trim(text: str, span: Span) -> Span | None:
    piece = text[span.start : span.end]
    stripped = piece.strip()
    if not stripped:
        return None
    lead = len(piece) - len(piece.lstrip())
    return Span(span.start + lead, span.start + lead + len(stripped))
