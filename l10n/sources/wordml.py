"""One Word paragraph (``w:p``, WordprocessingML) as atoms, and its sentences as marked text.

A paragraph is read into its plain text, one *atom* per character: a character of a run (with
the run's formatting: its hyperlink, if any, and its run properties ``w:rPr``) or a standalone
thing (a tab, a line break, an image, a field, a footnote reference, anything l10n does not
translate), which stands in the plain text as one placeholder character (``\\t``, ``\\n`` or
U+FFFC). Sentence splitting works on that plain text; each sentence then becomes marked text
(:mod:`l10n.sources.markers`): the formatting most of its text outside links has is the
sentence's own and needs no marker, every other formatting and every hyperlink is a paired marker,
every standalone thing inside the sentence a ``<n/>``. Adjacent runs with the same formatting are
one piece of text, so a change of ``w:lang`` or a spell-check mark adds no marker.

:mod:`l10n.sources.wordbuild` rebuilds a paragraph from the same atoms.
"""

from __future__ import annotations

import copy
import itertools
from collections import Counter
from dataclasses import dataclass, field

from lxml import etree

from . import markers
from .markers import Marker, Run, Thing

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
OBJECT = "\ufffc"
# Zero-width marks kept (moved to the paragraph's end when they stood inside its text).
_MARKS = {W + n for n in ("bookmarkStart", "bookmarkEnd", "commentRangeStart", "commentRangeEnd", "permStart", "permEnd")}
# Run children and run properties that carry nothing a rebuilt paragraph needs.
_SKIPPED = {W + n for n in ("rPr", "softHyphen", "lastRenderedPageBreak", "proofErr")}
_IGNORED_PROPS = {W + n for n in ("lang", "noProof")}
_KINDS = {
    "drawing": "image", "pict": "image", "object": "embedded object", "footnoteReference": "footnote",
    "endnoteReference": "endnote", "footnoteRef": "footnote number", "endnoteRef": "endnote number",
    "sym": "symbol", "commentReference": "comment", "fldSimple": "field", "sdt": "content control",
    "oMath": "formula", "oMathPara": "formula", "ins": "tracked change", "del": "tracked change",
    "smartTag": "tagged text", "customXml": "tagged text", "ptab": "tab", "AlternateContent": "image",
}


@dataclass
class Standalone:
    """A standalone thing: the original nodes (with ``in_run``: children of a run whose
    properties were ``run_props``), what a translator is told it is, and the hyperlink it sits in."""

    nodes: list
    kind: str
    detail: str = ""
    in_run: bool = False
    run_props: etree._Element | None = None
    link: int | None = None

    def build(self) -> list:
        """Copies of the nodes, ready to go into a rebuilt paragraph."""
        if not self.in_run:
            return [copy.deepcopy(n) for n in self.nodes]
        run = etree.Element(W + "r")
        if self.run_props is not None:
            run.append(copy.deepcopy(self.run_props))
        run.extend(copy.deepcopy(n) for n in self.nodes)
        return [run]


@dataclass
class Paragraph:
    """A ``w:p`` as atoms: ``plain[i]`` is a character of text in ``formats[atoms[i]]`` when
    ``atoms[i] >= 0``, else the placeholder of ``things[~atoms[i]]``."""

    element: etree._Element
    plain: list[str] = field(default_factory=list)
    atoms: list[int] = field(default_factory=list)
    formats: list[tuple[int | None, str]] = field(default_factory=list)
    props: dict[str, etree._Element | None] = field(default_factory=dict)
    links: list[etree._Element] = field(default_factory=list)
    things: list[Standalone] = field(default_factory=list)
    head: list[etree._Element] = field(default_factory=list)
    tail: list[etree._Element] = field(default_factory=list)
    _format_index: dict[tuple[int | None, str], int] = field(default_factory=dict, repr=False)

    @property
    def text(self) -> str:
        return "".join(self.plain)

    def add_text(self, text: str, link: int | None, run_props: etree._Element | None) -> None:
        key = props_key(run_props)
        self.props.setdefault(key, run_props)
        index = self._format_index.setdefault((link, key), len(self.formats))
        if index == len(self.formats):
            self.formats.append((link, key))
        self.plain.extend(text)
        self.atoms.extend([index] * len(text))

    def add_thing(self, thing: Standalone, placeholder: str = OBJECT) -> None:
        self.things.append(thing)
        self.plain.append(placeholder)
        self.atoms.append(~(len(self.things) - 1))

    def add_mark(self, element: etree._Element) -> None:
        (self.tail if self.atoms else self.head).append(element)


def props_key(run_props: etree._Element | None) -> str:
    """Run properties as a comparable string, without those that do not show (language tags).

    >>> doc = etree.fromstring(f'<w:p xmlns:w="{W[1:-1]}" xmlns:r="urn:r"><w:rPr><w:b/><w:lang w:val="en-US"/></w:rPr>'
    ...                        '<w:rPr><w:b/></w:rPr><w:rPr><w:i/></w:rPr></w:p>')
    >>> [props_key(p) == props_key(doc[1]) for p in doc]
    [True, True, False]
    """
    if run_props is None:
        return ""
    shown = run_props
    if any(child.tag in _IGNORED_PROPS for child in run_props):
        shown = copy.deepcopy(run_props)
        for child in list(shown):
            if child.tag in _IGNORED_PROPS:
                shown.remove(child)
    return etree.tostring(shown, method="c14n", exclusive=True).decode() if len(shown) else ""


def read_paragraph(p: etree._Element) -> Paragraph:
    """The atoms of ``p``."""
    para = Paragraph(p)
    field_nodes: list = []
    depth = 0
    for child in p:
        if depth or _field_begins(child):
            field_nodes.append(child)
            depth += _field_depth(child)
            if depth <= 0:
                para.add_thing(Standalone(field_nodes, "field", _instruction(field_nodes)))
                field_nodes, depth = [], 0
        elif child.tag == W + "r":
            _read_run(para, child, None)
        elif child.tag == W + "hyperlink":
            _read_link(para, child)
        else:
            _read_other(para, child)
    if field_nodes:  # a field that goes on in the next paragraph (a table of contents)
        para.add_thing(Standalone(field_nodes, "field", _instruction(field_nodes)))
    return para


def _read_link(para: Paragraph, link: etree._Element) -> None:
    para.links.append(link)
    index = len(para.links) - 1
    for child in link:
        if child.tag == W + "r" and not _field_begins(child) and child.find(W + "fldChar") is None:
            _read_run(para, child, index)
        else:
            _read_other(para, child, index)


def _read_other(para: Paragraph, child: etree._Element, link: int | None = None) -> None:
    if child.tag in _MARKS:
        para.add_mark(child)
    elif child.tag == W + "pPr" or child.tag in _SKIPPED or not isinstance(child.tag, str):
        return
    else:
        para.add_thing(Standalone([child], _kind(child), _detail(child), link=link))


def _read_run(para: Paragraph, run: etree._Element, link: int | None) -> None:
    props = run.find(W + "rPr")
    for child in run:
        tag = child.tag
        if tag == W + "t":
            para.add_text("".join(child.xpath("text()")), link, props)  # an unexpanded entity is no text
        elif tag == W + "noBreakHyphen":
            para.add_text("\u2011", link, props)
        elif tag == W + "tab":
            para.add_thing(Standalone([child], "tab", in_run=True, run_props=props, link=link), "\t")
        elif tag in (W + "br", W + "cr"):
            kind = "page break" if child.get(W + "type") == "page" else "line break"
            para.add_thing(Standalone([child], kind, in_run=True, run_props=props, link=link), "\n")
        elif tag not in _SKIPPED and isinstance(tag, str):
            para.add_thing(Standalone([child], _kind(child), _detail(child), in_run=True, run_props=props, link=link))


def _field_begins(node: etree._Element) -> bool:
    return any(f.get(W + "fldCharType") == "begin" for f in node.iter(W + "fldChar"))


def _field_depth(node: etree._Element) -> int:
    kinds = [f.get(W + "fldCharType") for f in node.iter(W + "fldChar")]
    return kinds.count("begin") - kinds.count("end")


def _instruction(nodes: list) -> str:
    """The field's name and first argument, without switches: ``DATE``, ``HYPERLINK "https://…"``."""
    words = " ".join("".join(t.text or "" for t in n.iter(W + "instrText")) for n in nodes).split()
    return " ".join(itertools.takewhile(lambda w: not w.startswith("\\"), words[:2]))[:60]


def _kind(node: etree._Element) -> str:
    if next(node.iter(W + "txbxContent"), None) is not None:
        return "text box"
    name = etree.QName(node).localname
    return _KINDS.get(name, name)


def _detail(node: etree._Element) -> str:
    """A few words on what a standalone thing is: an image's alt text, a footnote's number."""
    for element in node.iter():
        if isinstance(element.tag, str) and etree.QName(element).localname == "docPr":
            alt = element.get("descr") or element.get("title") or element.get("name") or ""
            return f"'{' '.join(alt.split())[:60]}'" if alt else ""
    if node.get(W + "instr"):
        return " ".join(node.get(W + "instr").split()[:2])[:60]
    return node.get(W + "id", "") if node.tag in (W + "footnoteReference", W + "endnoteReference") else ""


# --- sentences -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sentence:
    """The plain characters ``start:end`` of a paragraph as marked text; ``keys`` says what each
    marker number stands for, ``base`` is the formatting its unmarked text has and ``link_base``
    the formatting of the text of each of its links."""

    start: int
    end: int
    marked: str
    keys: dict
    base: str
    link_base: dict


def spans(para: Paragraph, cuts) -> list[tuple[int, int]]:
    """The sentences among ``cuts`` (spans of ``para.text``, as a splitter gives them): each without
    the standalone things and spaces at its ends (they stay where they are), and only those with
    a letter or digit in them."""
    found = []
    for cut in cuts:
        start, end = cut.start, cut.end
        while start < end and (para.atoms[start] < 0 or para.plain[start].isspace()):
            start += 1
        while end > start and (para.atoms[end - 1] < 0 or para.plain[end - 1].isspace()):
            end -= 1
        if any(para.atoms[i] >= 0 and para.plain[i].isalnum() for i in range(start, end)):
            found.append((start, end))
    return found


def _most_common(keys: list[str]) -> str:
    return Counter(keys).most_common(1)[0][0] if keys else ""


def sentence(para: Paragraph, start: int, end: int) -> Sentence:
    """The characters ``start:end`` of ``para`` as a marked sentence."""
    text = [para.formats[a] for a in para.atoms[start:end] if a >= 0]
    base = _most_common([key for link, key in text if link is None] or [key for _, key in text])
    link_base = {link: _most_common([k for l, k in text if l == link]) for link in {l for l, _ in text if l is not None}}
    pieces: list[Run | Thing] = []
    pos = start
    for atom, same in itertools.groupby(para.atoms[start:end]):
        count = len(list(same))
        if atom < 0:
            link = para.things[~atom].link
            pieces += [Thing(("thing", ~atom), () if link is None else (("link", link),))] * count
        else:
            link, key = para.formats[atom]
            own = base if link is None else link_base[link]
            path = (() if link is None else (("link", link),)) + (() if key == own else (("props", key),))
            pieces.append(Run("".join(para.plain[pos : pos + count]), path))
        pos += count
    tokens, keys = markers.mark(pieces)  # neighbours with one path are one piece there
    return Sentence(start, end, markers.join(tokens), keys, base, link_base)


def legend(para: Paragraph, sent: Sentence, addresses: dict[str, str]) -> tuple[str, ...]:
    """The ``#.`` lines that say what each marker of ``sent`` stands for."""
    found = []
    for number, (kind, index) in sent.keys.items():
        if kind == "thing":
            thing = para.things[index]
            found.append(Marker(number, False, thing.kind, thing.detail))
        elif kind == "link":
            found.append(Marker(number, True, "link", _address(para.links[index], addresses)))
        else:
            found.append(Marker(number, True, describe_props(para.props[index])))
    return markers.legend(found)


def _address(link: etree._Element, addresses: dict[str, str]) -> str:
    rid = link.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
    target = addresses.get(rid or "", "") or (f"#{link.get(W + 'anchor')}" if link.get(W + "anchor") else "")
    return f"to {target}" if target else ""


_PROPS = {"b": "bold", "i": "italic", "u": "underlined", "strike": "struck through", "dstrike": "struck through",
          "caps": "capitals", "smallCaps": "small capitals"}


def describe_props(props: etree._Element | None) -> str:
    """Run properties in a few words: ``bold, italic``, ``superscript``, ``font Arial``.

    >>> describe_props(etree.fromstring(f'<w:rPr xmlns:w="{W[1:-1]}"><w:b/><w:sz w:val="28"/></w:rPr>'))
    'bold, 14 pt'
    >>> describe_props(None)
    'plain text'
    """
    words = []
    for child in props if props is not None else ():
        name, value = etree.QName(child).localname, child.get(W + "val")
        off = value in ("0", "false", "none")
        if name in _PROPS:
            words.append(("not " if off else "") + _PROPS[name])
        elif name == "vertAlign" and value in ("superscript", "subscript"):
            words.append(value)
        elif name == "rStyle":
            words.append(f"style {value}")
        elif name == "rFonts" and (child.get(W + "ascii") or child.get(W + "hAnsi")):
            words.append(f"font {child.get(W + 'ascii') or child.get(W + 'hAnsi')}")
        elif name == "sz" and value and value.isdigit():
            words.append(f"{int(value) / 2:g} pt")
        elif name in ("color", "highlight") and value and not off:
            words.append(f"{'colour' if name == 'color' else 'highlight'} {value}")
    return ", ".join(dict.fromkeys(words)) or "plain text"
