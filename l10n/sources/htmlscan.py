"""HTML source positions: the standard library's tokenizer with the exact offset of every token.

:mod:`html.parser` reads HTML as browsers' tokenizers do (unclosed tags, bare ``&``, ``<script>``
contents) and reports where each token starts; this module keeps those offsets, so a writer can
replace exactly the characters of a text or an attribute value and leave every other byte of the
file as it was (no re-serialisation: attribute order, quoting, entities and white space stay).
:mod:`l10n.sources.html` builds the translatable blocks from these tokens.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser

# An attribute inside a start tag, as HTML's tokenizer reads it (the value quoted or not).
_ATTR = re.compile(r"""([^\s/>"'=][^\s/>=]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
_TAG_NAME = re.compile(r"</?[^\s/>]+")


@dataclass(frozen=True)
class Token:
    """One token of the file: ``source[start:end]``.

    ``kind`` is ``start``, ``void`` (``<br/>``), ``end``, ``text`` (character data or one
    character reference) or ``other`` (comment, doctype, processing instruction).
    """

    kind: str
    start: int
    end: int
    tag: str = ""
    attrs: tuple[tuple[str, str | None], ...] = ()

    def attr(self, name: str) -> str | None:
        """The value of attribute ``name`` (the first if repeated), or None."""
        for key, value in self.attrs:
            if key == name:
                return value
        return None


@dataclass(frozen=True)
class AttrValue:
    """Where an attribute's value sits in the file: ``source[start:end]``, inside ``quote``
    (``""`` for an unquoted value)."""

    name: str
    start: int
    end: int
    quote: str


class _Scanner(HTMLParser):
    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.found: list[tuple[str, int, str, tuple]] = []
        self._starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]

    def _at(self) -> int:
        line, col = self.getpos()
        return self._starts[line - 1] + col

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.found.append(("start", self._at(), tag, tuple(attrs)))

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        self.found.append(("void", self._at(), tag, tuple(attrs)))

    def handle_endtag(self, tag: str) -> None:
        self.found.append(("end", self._at(), tag, ()))

    def handle_data(self, data: str) -> None:
        self.found.append(("text", self._at(), "", ()))

    def handle_entityref(self, name: str) -> None:
        self.handle_data(name)

    def handle_charref(self, name: str) -> None:
        self.handle_data(name)

    def _other(self, *_: object) -> None:
        self.found.append(("other", self._at(), "", ()))

    handle_comment = handle_decl = handle_pi = unknown_decl = _other


def tokens(text: str) -> list[Token]:
    """Every token of the HTML ``text`` with its offsets; together they cover ``text`` exactly.

    >>> [(t.kind, t.tag, "<p class=x>Tom &amp; Jerry</p>"[t.start:t.end]) for t in tokens("<p class=x>Tom &amp; Jerry</p>")]
    [('start', 'p', '<p class=x>'), ('text', '', 'Tom &amp; Jerry'), ('end', 'p', '</p>')]
    """
    scanner = _Scanner(text)
    scanner.feed(text)
    scanner.close()
    found = scanner.found
    ends = [start for _, start, _, _ in found[1:]] + [len(text)]
    out = [Token(kind, start, end, tag, attrs) for (kind, start, tag, attrs), end in zip(found, ends) if end > start]
    return _merge_text(out)


def _merge_text(found: list[Token]) -> list[Token]:
    """Adjacent text tokens (data and references) as one."""
    out: list[Token] = []
    for token in found:
        if token.kind == "text" and out and out[-1].kind == "text":
            out[-1] = Token("text", out[-1].start, token.end)
        else:
            out.append(token)
    return out


def text_of(source: str, token: Token) -> str:
    """The characters a text token stands for (references resolved).

    >>> text_of("a &lt;b&gt; &amp; c", Token("text", 0, 19))
    'a <b> & c'
    """
    return html.unescape(source[token.start : token.end])


def attr_values(source: str, token: Token) -> list[AttrValue]:
    """Where each attribute value of the start tag ``token`` sits in ``source``.

    >>> src = '<img src="a.png" alt=\\'Ein Bild\\' title=Logo>'
    >>> [(v.name, src[v.start:v.end], v.quote) for v in attr_values(src, tokens(src)[0])]
    [('src', 'a.png', '"'), ('alt', 'Ein Bild', "'"), ('title', 'Logo', '')]
    """
    raw = source[token.start : token.end]
    name = _TAG_NAME.match(raw)
    values = []
    for match in _ATTR.finditer(raw, name.end() if name else 1):
        for group, quote in ((2, '"'), (3, "'"), (4, "")):
            if match.group(group) is not None:
                start, end = match.span(group)
                values.append(AttrValue(match.group(1).lower(), token.start + start, token.start + end, quote))
    return values


def splice(source: str, edits: list[tuple[int, int, str]], lo: int = 0, hi: int | None = None) -> str:
    """``source[lo:hi]`` with each edit ``(start, end, text)`` inside it applied (edits must not
    overlap).

    >>> splice("Hallo Welt!", [(6, 10, "World"), (0, 5, "Hello")])
    'Hello World!'
    """
    hi = len(source) if hi is None else hi
    out, pos = [], lo
    for start, end, text in sorted(e for e in edits if lo <= e[0] and e[1] <= hi):
        out.append(source[pos:start])
        out.append(text)
        pos = end
    out.append(source[pos:hi])
    return "".join(out)
