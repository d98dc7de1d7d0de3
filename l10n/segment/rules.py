"""The rule engine shared by the space-separated languages (German, English).

One compiled regex finds every *candidate* boundary (a run of ``. ! ? …`` with its closing quotes,
brackets and footnote marks, or a line break); each candidate is then judged by a few set lookups
on the word before it and the character after it. There is no per-character Python loop, and
:meth:`RuleSplitter.iter_spans` is a generator, so memory stays flat however long the text is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from typing import Iterable, Iterator

from ..model import Span

# Closing quotes/brackets and footnote marks that belong to the sentence before a boundary.
_CLOSERS = "\"'“”‘’»«)\\]›‹」』¹²³⁴⁵⁶⁷⁸⁹⁰*"
# Possessive and anchored at the start of a run of marks, so long runs of dots or quotes stay linear.
_CANDIDATE = re.compile(rf"(?<![.!?…])[.!?…]++(?:[{_CLOSERS}]|\[\d{{1,3}}\])*+(?=\s|\Z)|\n")
# Where the next sentence may start: an upper-case letter, a digit, an opening quote or bracket,
# or a list bullet. A lower-case letter after "z. B." or "usw." continues the sentence.
_STARTS = frozenset("\"'„“‚‘»«([¿¡•·▪‣◦–—-*§#&@")
_LIST_ITEM = re.compile(r"[ \t]*(?:[•·▪‣◦*–—-]|\d{1,3}[.)])\s")
_BLANK_LINE = re.compile(r"[ \t\r\f\v]*\n")
_NONSPACE = re.compile(r"\S")
_LONGEST = 48
_OPENERS = "\"'„“‚‘»«([{-–—/•·"
_ROMAN = re.compile(r"(?:X{0,3})(?:IX|IV|V?I{0,3})")

# A line break inside a paragraph is a soft wrap when the line before it looks wrapped (between
# these lengths); a shorter line is a heading/address line, a longer one was never wrapped.
WRAP_MIN, WRAP_MAX = 60, 100


def load_list(name: str) -> frozenset[str]:
    """Read a bundled one-entry-a-line data file from ``data/``; ``#`` starts a comment."""
    text = resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")
    return parse_list(text.splitlines())


def parse_list(lines: Iterable[str]) -> frozenset[str]:
    """Entries of a one-a-line list: stripped, without blanks and ``#`` comments."""
    return frozenset(s for line in lines if (s := line.strip()) and not s.startswith("#"))


def abbreviation_parts(entries: Iterable[str]) -> frozenset[str]:
    """Entries like ``"z. B."``, ``"u.a."`` or ``"Dr."`` as the parts that precede a full stop.

    >>> sorted(abbreviation_parts(["z. B.", "Dr.", "u.a."]))
    ['B', 'Dr', 'a', 'u', 'z']
    """
    return frozenset(p.lstrip("-") for e in entries for p in re.split(r"[.\s]+", e) if p.lstrip("-"))


@dataclass(frozen=True)
class Rules:
    """What a language's splitter knows.

    ``abbreviations`` never end a sentence before an upper-case word ("Dr. Meyer");
    ``final_abbreviations`` may ("… usw. Dann"). ``ordinals`` makes "3. Oktober" one sentence
    (German writes ordinals with a full stop); ``datelines`` keeps "DÜSSELDORF." with its sentence.
    """

    abbreviations: frozenset[str]
    final_abbreviations: frozenset[str] = frozenset()
    ordinals: bool = False
    datelines: bool = False


class RuleSplitter:
    """Splits text by :class:`Rules`; pieces are trimmed and the gaps between them whitespace."""

    def __init__(self, rules: Rules) -> None:
        self.rules = rules

    def split(self, text: str) -> list[Span]:
        """All sentence spans of ``text``, in order."""
        return list(self.iter_spans(text))

    def iter_spans(self, text: str) -> Iterator[Span]:
        """Sentence spans of ``text`` one at a time (constant memory beyond the text itself)."""
        return spans_between(text, self._cuts(text))

    def _cuts(self, text: str) -> Iterator[int]:
        start = 0
        for match in _CANDIDATE.finditer(text):
            end = match.end()
            if match.group() == "\n":
                if not self._line_break(text, start, match.start(), end):
                    continue
            elif not self._boundary(text, start, match.start(), end):
                continue
            yield end
            start = end

    def _boundary(self, text: str, start: int, stop: int, end: int) -> bool:
        nxt = _next_char(text, end)
        if nxt is None:
            return True
        if not (nxt.isupper() or nxt.isdigit() or nxt in _STARTS):
            return False  # "z. B. ist", "Hilfe! rief er"
        if text[stop] != "." or text.startswith("..", stop):
            return True  # ! ? … and "..." end a sentence before a capital
        return not self._abbreviation(text, start, stop)

    def _abbreviation(self, text: str, start: int, stop: int) -> bool:
        """Whether the full stop at ``stop`` belongs to the word before it."""
        # The word before the full stop; one longer than _LONGEST is no abbreviation, and looking
        # no further back keeps a long run of abbreviations linear.
        lo = max(start, stop - _LONGEST)
        before = text[lo:stop]
        raw = before.split()[-1] if before and not before[-1].isspace() else ""
        if lo > start and len(raw) == len(before):
            return False  # a word too long to be an abbreviation
        word = raw.lstrip(_OPENERS)
        rules = self.rules
        if word in rules.final_abbreviations:
            return False  # "… usw. Dann": it ends here, since a capital follows
        if word in rules.abbreviations or (len(word) == 1 and word.isalpha()):
            return True  # "Dr. Meyer", initials "J. Smith", "S. 5", "e. V."
        if "." in word:  # "u.a.", "z.B.", "Dipl.-Ing."
            parts = [p.lstrip("-") for p in word.split(".")]
            return all(p in rules.abbreviations or len(p) == 1 for p in parts)
        if rules.ordinals and word.isdigit() and len(word) <= 2:
            return True  # "am 1. Januar", "im 19. Jahrhundert", "1. -3. Jahrhundert"
        if rules.ordinals and len(word) > 1 and _ROMAN.fullmatch(word):
            return True  # "Friedrich II."
        if rules.datelines and start == 0 and word == raw and word.isupper() and len(word) > 1:
            first = _NONSPACE.search(text)  # "DÜSSELDORF. Die …": a dateline, not a sentence
            return first is not None and first.start() == stop - len(word)
        return False

    def _line_break(self, text: str, start: int, stop: int, end: int) -> bool:
        """Whether the line break at ``stop`` ends a sentence (it is not a soft wrap)."""
        if _BLANK_LINE.match(text, end) or _LIST_ITEM.match(text, end):
            return True  # a paragraph break, or a list item on the next line
        nxt = _next_char(text, end)
        if nxt is None or not (nxt.isupper() or nxt.isdigit() or nxt in _STARTS):
            return False
        # The whole line counts, also when a sentence began in it: "… erobern. Der\nStart …" is wrapped.
        length = len(text[text.rfind("\n", 0, stop) + 1 : stop].strip())
        return bool(length) and not WRAP_MIN <= length <= WRAP_MAX


def _next_char(text: str, end: int) -> str | None:
    """The first non-whitespace character at or after ``end``."""
    match = _NONSPACE.search(text, end)
    return match.group() if match else None


def spans_between(text: str, cuts: Iterable[int]) -> Iterator[Span]:
    """The trimmed, non-empty pieces of ``text`` between ascending cut offsets."""
    start = 0
    for end in cuts:
        if (span := trim(text, start, end)) is not None:
            yield span
        start = end
    if (span := trim(text, start, len(text))) is not None:
        yield span


def trim(text: str, start: int, end: int) -> Span | None:
    """``text[start:end]`` without surrounding whitespace, or None when it is all whitespace."""
    piece = text[start:end]
    stripped = piece.strip()
    if not stripped:
        return None
    lead = len(piece) - len(piece.lstrip())
    return Span(start + lead, start + lead + len(stripped))
