"""Inline markers: formatting inside a sentence as numbered tags a translator can see and move.

A sentence from a format with inline markup (Word runs, HTML inline elements) reaches the catalog
as plain text with numbered markers, the convention translators know from i18next and Okapi:

- ``<1>…</1>`` a paired marker around text that has its own formatting (a bold or italic run, a
  hyperlink, a span);
- ``<2/>`` a standalone marker for a thing inside the sentence that is no text (a line break, an
  image, a field, a footnote reference).

Numbers start at 1 in each sentence, in the order the markers open, and each number is used once.
The ``#.`` comment of the entry says what each stands for (:meth:`Marker.describe`), so the
translator moves ``<1>`` and ``</1>`` with the words they belong to. A translation may reorder and
nest markers differently; it must keep every one of them, each once, properly nested
(:func:`problems`).

**Escape rule.** Only text shaped exactly like a marker (``<``, an optional ``/``, a number 1-999,
an optional ``/``, ``>``) is special; any other ``<`` (``a < b``, ``<<Zitat>>``, ``<br>``) is
plain text. Literal marker-shaped text is written with a backslash before it (``\\<1>``), and a
literal backslash directly before a marker-shaped text is doubled (the rule of Windows command
lines: before a marker shape, ``2k`` backslashes are ``k`` literal ones and the shape is a marker;
``2k+1`` are ``k`` literal ones and the shape is text). Backslashes anywhere else are plain text.

>>> parse("Das ist <1>fett</1> und<2/>neu.")
['Das ist ', Tag(1, 'open'), 'fett', Tag(1, 'close'), ' und', Tag(2, 'empty'), 'neu.']
>>> strip("Das ist <1>fett</1>, a < b und \\\\<3> bleibt.")
'Das ist fett, a < b und <3> bleibt.'
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

# A marker shape with the backslashes before it: </N>, <N>, <N/> (N from 1 to 999).
_SHAPE = re.compile(r"(\\*)<(?:/([1-9][0-9]{0,2})|([1-9][0-9]{0,2})(/?))>")

ROLES = ("open", "close", "empty")


@dataclass(frozen=True)
class Tag:
    """One marker in a marked string: its number and whether it opens, closes or stands alone."""

    number: int
    role: str

    def __str__(self) -> str:
        return {"open": f"<{self.number}>", "close": f"</{self.number}>"}.get(self.role, f"<{self.number}/>")

    def __repr__(self) -> str:
        return f"Tag({self.number}, {self.role!r})"


Token = str | Tag


@dataclass(frozen=True)
class Marker:
    """What marker ``number`` stands for: ``kind`` (``bold``, ``link``, ``image``, ``line break``)
    and a short ``detail`` (the address, the alt text). ``paired`` markers wrap text.

    >>> Marker(1, True, "link", "to https://example.org").describe()
    '<1>…</1> link to https://example.org'
    >>> Marker(2, False, "image", '"Logo"').describe()
    '<2/> image "Logo"'
    """

    number: int
    paired: bool
    kind: str
    detail: str = ""

    def describe(self) -> str:
        shape = f"<{self.number}>…</{self.number}>" if self.paired else f"<{self.number}/>"
        return " ".join(part for part in (shape, self.kind, self.detail) if part)


def legend(markers: Iterable[Marker]) -> tuple[str, ...]:
    """The ``#.`` comment lines for a sentence's markers, in number order (one line each)."""
    return tuple(m.describe() for m in sorted(markers, key=lambda m: m.number))


@dataclass(frozen=True)
class Problem:
    """A marker a translation got wrong: ``kind`` is ``missing``, ``extra`` or ``unbalanced``."""

    kind: str
    marker: str

    def __str__(self) -> str:
        return f"{self.kind} {self.marker}"


def parse(marked: str) -> list[Token]:
    """``marked`` as text pieces and :class:`Tag` s, escapes resolved, adjacent text joined.

    >>> parse("\\\\<1> ist <b>kein</b> Marker, <1>das</1> schon")
    ['<1> ist <b>kein</b> Marker, ', Tag(1, 'open'), 'das', Tag(1, 'close'), ' schon']
    >>> parse("C:\\\\\\\\<1>x</1>")
    ['C:\\\\', Tag(1, 'open'), 'x', Tag(1, 'close')]
    """
    tokens: list[Token] = []
    pos = 0
    for match in _SHAPE.finditer(marked):
        slashes = len(match.group(1))
        shape = match.group(0)[slashes:]
        _text(tokens, marked[pos : match.start()] + "\\" * (slashes // 2))
        if slashes % 2:
            _text(tokens, shape)
        elif match.group(2):
            tokens.append(Tag(int(match.group(2)), "close"))
        else:
            tokens.append(Tag(int(match.group(3)), "empty" if match.group(4) else "open"))
        pos = match.end()
    _text(tokens, marked[pos:])
    return tokens


def _text(tokens: list[Token], text: str) -> None:
    if not text:
        return
    if tokens and isinstance(tokens[-1], str):
        tokens[-1] += text
    else:
        tokens.append(text)


def escape(text: str) -> str:
    """Plain ``text`` written so that nothing in it reads as a marker.

    >>> escape("a < b, <1> und C:\\\\")
    'a < b, \\\\<1> und C:\\\\'
    >>> parse(escape("\\\\<2/>")) == ["\\\\<2/>"]
    True
    """
    return _SHAPE.sub(lambda m: "\\" * (2 * len(m.group(1)) + 1) + m.group(0)[len(m.group(1)) :], text)


def join(tokens: Sequence[Token]) -> str:
    """The marked string of ``tokens`` (the inverse of :func:`parse`).

    >>> join(["C:\\\\", Tag(1, "open"), "x <1>", Tag(1, "close")])
    'C:\\\\\\\\<1>x \\\\<1></1>'
    >>> all(parse(join(t)) == t for t in (parse("a\\\\\\\\<1>b</1>"), ["\\\\", Tag(2, "empty")]))
    True
    """
    out: list[str] = []
    for index, token in enumerate(tokens):
        if isinstance(token, Tag):
            out.append(str(token))
            continue
        text = escape(token)
        if index + 1 < len(tokens) and isinstance(tokens[index + 1], Tag):
            trailing = len(text) - len(text.rstrip("\\"))
            text += "\\" * trailing  # a backslash right before a marker is doubled
        out.append(text)
    return "".join(out)


def strip(marked: str) -> str:
    """The plain text of ``marked``: markers removed, escapes resolved.

    >>> strip("<1>Dormagen</1>,<2/> 12. Juni")
    'Dormagen, 12. Juni'
    """
    return "".join(t for t in parse(marked) if isinstance(t, str))


def tags(marked: str) -> list[Tag]:
    """The markers of ``marked`` in order.

    >>> [str(t) for t in tags("<1>a</1><2/>")]
    ['<1>', '</1>', '<2/>']
    """
    return [t for t in parse(marked) if isinstance(t, Tag)]


def problems(translation: str, source: str) -> tuple[Problem, ...]:
    """What ``translation`` got wrong about the markers of ``source`` (empty: nothing).

    Each marker of the source must be in the translation once; paired markers must open before
    they close and nest (``<1><2></2></1>``, not ``<1><2></1></2>``). Moving or reordering them
    is fine.

    >>> problems("<2>Bold</2> and <1>link</1>.", "<1>Link</1> und <2>fett</2>.")
    ()
    >>> [str(p) for p in problems("<1>Link und fett.", "<1>Link</1> und <2>fett</2>.")]
    ['missing </1>', 'missing <2>', 'missing </2>']
    >>> [str(p) for p in problems("<1>a</1> <3/>", "<1>a</1>")]
    ['extra <3/>']
    >>> [str(p) for p in problems("<1>a <2>b</1> c</2>", "<1>a <2>b</2></1> c")]
    ['unbalanced </1>']
    >>> [str(p) for p in problems("</1>a<1>", "<1>a</1>")]
    ['unbalanced </1>', 'unbalanced <1>']
    """
    want, have = Counter(tags(source)), Counter(tags(translation))
    found = [Problem("missing", str(t)) for t in want for _ in range(want[t] - have[t])]
    found += [Problem("extra", str(t)) for t in have for _ in range(have[t] - want[t])]
    if found:
        return tuple(found)
    return tuple(nesting(translation))


def reattach(text: str, marked: str) -> str:
    """``text`` (a translation of ``marked`` without its markers) with the markers put back
    around all of it: the pairs around the whole sentence, in their order, then the standalone
    ones at the end. Nothing is lost; a reviewer moves them to their words.

    >>> reattach("The new company.", "Die <2>neue <1>Firma</1></2>.<3/>")
    '<2><1>The new company.</1></2><3/>'
    """
    found = tags(marked)
    opening = [t for t in found if t.role == "open"]
    closing = [Tag(t.number, "close") for t in reversed(opening)]
    empty = [t for t in found if t.role == "empty"]
    return join([*opening, text, *closing, *empty])


def nesting(marked: str) -> list[Problem]:
    """Paired markers of ``marked`` that close before they open, cross another pair or stay open.

    >>> [str(p) for p in nesting("<1>a</1> <2>b")]
    ['unbalanced <2>']
    """
    stack: list[int] = []
    found: list[Problem] = []
    for tag in tags(marked):
        if tag.role == "open":
            stack.append(tag.number)
        elif tag.role == "close":
            if stack and stack[-1] == tag.number:
                stack.pop()
            else:
                found.append(Problem("unbalanced", str(tag)))
                if tag.number in stack:
                    stack.remove(tag.number)
    found += [Problem("unbalanced", str(Tag(n, "open"))) for n in stack]
    return found


# --- from formatted pieces to markers and back -----------------------------------------------------


@dataclass(frozen=True)
class Run:
    """Text inside the inline wrappers ``path`` (outermost first: a link, then a bold run...);
    a wrapper is any hashable key the format chooses (an element, a run-property set)."""

    text: str
    path: tuple[Hashable, ...] = ()


@dataclass(frozen=True)
class Thing:
    """A standalone inline thing (``key``: an image, a line break) inside the wrappers ``path``."""

    key: Hashable
    path: tuple[Hashable, ...] = ()


def mark(pieces: Iterable[Run | Thing]) -> tuple[list[Token], dict[int, Hashable]]:
    """The tokens of a sentence made of ``pieces``, and what each marker number stands for.

    Each wrapper that opens gets the next number (a wrapper that closes and opens again gets a
    new one); pieces with the same path need no marker between them.

    >>> tokens, keys = mark([Run("Das ist "), Run("fett", ("b",)), Run(" und "),
    ...                      Run("hier", ("a", "i")), Thing("img", ("a",)), Run(".")])
    >>> join(tokens), keys
    ('Das ist <1>fett</1> und <2><3>hier</3><4/></2>.', {1: 'b', 2: 'a', 3: 'i', 4: 'img'})
    """
    tokens: list[Token] = []
    keys: dict[int, Hashable] = {}
    stack: list[tuple[Hashable, int]] = []
    for piece in pieces:
        common = 0
        while common < min(len(stack), len(piece.path)) and stack[common][0] == piece.path[common]:
            common += 1
        tokens.extend(Tag(number, "close") for _, number in reversed(stack[common:]))
        del stack[common:]
        for key in piece.path[common:]:
            keys[len(keys) + 1] = key
            stack.append((key, len(keys)))
            tokens.append(Tag(len(keys), "open"))
        if isinstance(piece, Run):
            _text(tokens, piece.text)
        else:
            keys[len(keys) + 1] = piece.key
            tokens.append(Tag(len(keys), "empty"))
    tokens.extend(Tag(number, "close") for _, number in reversed(stack))
    return tokens, keys


def unmark(marked: str, keys: dict[int, Hashable]) -> list[Run | Thing]:
    """The pieces of ``marked`` (a translation whose :func:`problems` are none), each with the
    wrappers its markers put around it: the inverse of :func:`mark`.

    >>> unmark("<2>Here</2> is <1>bold<3/></1>.", {1: "b", 2: "a", 3: "img"})
    [Run(text='Here', path=('a',)), Run(text=' is ', path=()), Run(text='bold', path=('b',)), Thing(key='img', path=('b',)), Run(text='.', path=())]
    """
    pieces: list[Run | Thing] = []
    stack: list[int] = []
    for token in parse(marked):
        path = tuple(keys[n] for n in stack)
        if isinstance(token, str):
            pieces.append(Run(token, path))
        elif token.role == "open":
            stack.append(token.number)
        elif token.role == "close":
            stack.remove(token.number)
        else:
            pieces.append(Thing(keys[token.number], path))
    return pieces
