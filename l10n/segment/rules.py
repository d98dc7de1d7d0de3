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

from ..languages import char_class
from ..model import Span

# A candidate boundary: end marks, then the closing quotes/brackets and footnote marks that belong to
# the sentence (the language's ``closers``), or a line break. Possessive and anchored at the start
# of a run of marks, so long runs of dots or quotes stay linear.
_CANDIDATE = r"(?<![.!?…])[.!?…]++(?:[{closers}]|\[\d{{1,3}}\])*+(?=\s|\Z)|\n"
# Where the next sentence may start: an upper-case letter, a digit, an opening quote or bracket,
# or a list bullet. A lower-case letter after "z. B." or "usw." continues the sentence.
_STARTS = frozenset("\"'„“‚‘»«([¿¡•·▪‣◦–—-*§#&@")
# A list item or an answer option opening a line: "• ", "- ", "1. ", "2) ", "(3) ", "a) ", "(b) ", "A: ".
_LIST_ITEM = re.compile(r"[ \t]*(?:[•·▪‣◦*–—-]|\d{1,3}[.)]|\(\d{1,3}\)|\(?[a-zA-Z]\)|[A-Z]:)\s")
_BLANK_LINE = re.compile(r"[ \t\r\f\v]*\n")
_NONSPACE = re.compile(r"\S")
# Line ends that show a sentence (or a headline) is complete, past closing quotes and brackets.
_LINE_END = ".!?…:;"
_LONGEST = 48
_OPENERS = "\"'„“‚‘»«([{-–—/•·"
_ROMAN = re.compile(r"(?:X{0,3})(?:IX|IV|V?I{0,3})")
# The word after a boundary, past opening quotes: "„Dann" -> "Dann".
_FOLLOW = re.compile(r"\s*(?:[\"'„“‚‘»«(\[][^\S\n]?)*([^\W\d_]+)")
# A part of a spaced abbreviation before its last letter: the "z." of "z. B.", the "v." of "v. Chr.".
_SHORT_PART = re.compile(r"[^\W\d_]\.")
# A place in capitals opening a block: "DÜSSELDORF", "BAD HOMBURG", "ESSEN/DÜSSELDORF".
_DATELINE_PLACE = re.compile(r"[^\W\d_a-zäöüß](?:[^\W\d_a-zäöüß]|[ /-]){1,40}")

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


def abbreviation_keys(entries: Iterable[str]) -> frozenset[str]:
    """Entries as written ("e. V.", "Mrd.") as the key matched before a full stop ("e.V", "Mrd").

    >>> sorted(abbreviation_keys(["e. V.", "Mrd.", "u.a."]))
    ['Mrd', 'e.V', 'u.a']
    """
    return frozenset(k for e in entries if (k := "".join(e.split()).rstrip(".")))


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

    German capitalises nouns, so a capital after a shortened word proves little. ``starters`` are
    words that open sentences and rarely follow an abbreviation inside one ("Die", "Er", "Dann"):
    before one of them an ordinal ("Platz 4. Die"), a Roman numeral ("Friedrich II. Er"), an
    initial, or an abbreviation keyed in ``final_before_starter`` ("3 Mrd. Die", "e. V. Die")
    ends the sentence. With ``capital_nouns`` an ellipsis ends one only before a starter too
    ("Das war … Wahnsinn" is one sentence).
    """

    abbreviations: frozenset[str]
    closers: str  # the language's closers (l10n/data/languages.toml)
    final_abbreviations: frozenset[str] = frozenset()
    ordinals: bool = False
    datelines: bool = False
    starters: frozenset[str] = frozenset()
    final_before_starter: frozenset[str] = frozenset()
    capital_nouns: bool = False


class RuleSplitter:
    """Splits text by :class:`Rules`; pieces are trimmed and the gaps between them whitespace."""

    def __init__(self, rules: Rules) -> None:
        self.rules = rules
        self._candidate = re.compile(_CANDIDATE.format(closers=char_class(rules.closers)))

    def split(self, text: str) -> list[Span]:
        """All sentence spans of ``text``, in order."""
        return list(self.iter_spans(text))

    def iter_spans(self, text: str) -> Iterator[Span]:
        """Sentence spans of ``text`` one at a time (constant memory beyond the text itself)."""
        return spans_between(text, self._cuts(text))

    def _cuts(self, text: str) -> Iterator[int]:
        start = 0
        for match in self._candidate.finditer(text):
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
        marks = text[stop:end].rstrip(self.rules.closers)
        if text[stop - 1 : stop] in ("(", "[") and text[stop + len(marks) : end][:1] in (")", "]"):
            return False  # a remark in brackets inside the sentence: "hat (!) Gewinne", "2030 (?) Strom"
        if marks.endswith(("….", "....")):
            return True  # an ellipsis and a full stop: "knapp…. Wahlsieger"
        if text[stop] != "." or text.startswith("..", stop):
            if self.rules.capital_nouns and not marks.strip(".…"):
                # "Das war … Wahnsinn", "»einen Skandal …« Verhandlungen" / "… Dann kam er"
                return self._starter_follows(text, end)
            return True  # ! ? and "..." end a sentence before a capital
        return not self._abbreviation(text, start, stop, end)

    def _starter_follows(self, text: str, end: int) -> bool:
        match = _FOLLOW.match(text, end)
        return match is not None and match.group(1) in self.rules.starters

    def _ends_before_starter(self, text: str, end: int, keys: Iterable[str] = ()) -> bool:
        """Whether a shortened word ends the sentence because a starter follows (see :class:`Rules`).

        ``keys`` are the ways the word before the full stop may be listed; empty for ordinals,
        Roman numerals and initials, which end a sentence before any starter.
        """
        rules = self.rules
        if not rules.starters or not self._starter_follows(text, end):
            return False
        keys = list(keys)
        return not keys or any(k in rules.final_before_starter for k in keys)

    def _abbreviation(self, text: str, start: int, stop: int, end: int) -> bool:
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
        words = before.split()
        # The last letter of a spaced abbreviation ("z. B", "e. V"), not an initial.
        spaced = len(word) == 1 and word.isalpha() and len(words) > 1 and _SHORT_PART.fullmatch(words[-2].lstrip(_OPENERS))
        if word in rules.abbreviations or "." in word or spaced:
            # "Dr. Meyer", "S. 5", "e. V.", "u.a.", "z.B.", "Dipl.-Ing."; the keys: the word, and
            # with the words before it for spaced ones ("e. V" -> "e.V", "v. Chr" -> "v.Chr").
            parts = [p.lstrip("-") for p in word.split(".")]
            if not (spaced or all(p in rules.abbreviations or len(p) == 1 for p in parts)):
                return False
            keys = {word, *("".join(words[-n:]).lstrip(_OPENERS) for n in (2, 3) if len(words) >= n)}
            return not self._ends_before_starter(text, end, keys)
        if len(word) == 1 and word.isalpha():
            return not self._ends_before_starter(text, end)  # an initial: "J. Smith" / "Karl J. Er"
        if rules.ordinals and word.isdigit() and len(word) <= 3:
            # "am 1. Januar", "im 19. Jahrhundert", "ihr 750. Geburtstag"; but "Platz 4. Die …".
            # A number opening the sentence is a list item's: "1. Dies ist eine Punkteliste."
            return (lo == start and before.split() == [raw]) or not self._ends_before_starter(text, end)
        if rules.ordinals and len(word) > 1 and _ROMAN.fullmatch(word):
            return not self._ends_before_starter(text, end)  # "Friedrich II."; "… II. Er wohnte"
        if rules.datelines and start == 0 and word == raw and word.isupper() and len(word) > 1:
            # "DÜSSELDORF. Die …", "BAD HOMBURG. Die …": a dateline, not a sentence
            first = _NONSPACE.search(text)
            return first is not None and bool(_DATELINE_PLACE.fullmatch(text[first.start() : stop]))
        return False

    def _line_break(self, text: str, start: int, stop: int, end: int) -> bool:
        """Whether the line break at ``stop`` ends a sentence (it is not a soft wrap)."""
        if _BLANK_LINE.match(text, end) or _LIST_ITEM.match(text, end):
            return True  # a paragraph break, or a list item on the next line
        nxt = _next_char(text, end)
        if nxt is None or not (nxt.isupper() or nxt.isdigit() or nxt in _STARTS):
            return False
        line = text[text.rfind("\n", 0, stop) + 1 : stop].rstrip()
        if line.endswith(".") and not line.endswith(".."):
            last = line[:-1].split()[-1:] or [""]
            word = last[0].lstrip(_OPENERS)
            if word in self.rules.abbreviations and word not in self.rules.final_abbreviations:
                return False  # "… leitet künftig Dr.\nSchmidt": a title never ends a line's sentence
        # The whole line counts, also when a sentence began in it: "… erobern. Der\nStart …" is wrapped.
        length = len(text[text.rfind("\n", 0, stop) + 1 : stop].strip())
        if WRAP_MIN <= length <= WRAP_MAX:
            return _headline_line(text, stop, self.rules.closers)
        return bool(length)


def _headline_line(text: str, stop: int, closers: str) -> bool:
    """Whether the unpunctuated line ending at ``stop`` is a headline in one-sentence-per-line text.

    It is when every other line of its paragraph (two at least) ends a sentence, and the line does
    not end the way a wrapped line does (a comma, a hyphen, a lower-case word: "… aus den").
    """
    line = text[text.rfind("\n", 0, stop) + 1 : stop].strip()
    last = line.split()[-1] if line else ""
    if not last or last[-1] in _LINE_END + ",-–—" or not last[0].isupper():
        return False
    first = max(text.rfind("\n\n", 0, stop), 0)
    after = text.find("\n\n", stop)
    lines = [ln.strip() for ln in text[first : after if after >= 0 else len(text)].splitlines() if ln.strip()]
    others = [ln for ln in lines if ln != line]
    return len(others) >= 2 and all(ln.rstrip(closers)[-1:] in _LINE_END for ln in others)


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
