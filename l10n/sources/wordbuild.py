"""A Word paragraph rebuilt from its atoms (:mod:`l10n.sources.wordml`) and its translations.

A sentence's translation is cut at its markers and each piece gets the formatting its markers
stand for (the original ``w:rPr``, copied; a link is a copy of its ``w:hyperlink`` element,
relationship id kept); what lies between sentences, and each sentence left untranslated, is
written from the atoms as it was. Bookmarks and other zero-width marks keep their place before the
text, or move to the paragraph's end.
"""

from __future__ import annotations

import copy
from typing import NamedTuple

from lxml import etree

from ..languages import Language

from . import markers
from .markers import Run, Thing
from .wordml import W, Paragraph, Sentence

_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
# Run properties that come after w:lang in a w:rPr (the schema fixes their order).
_AFTER_LANG = {W + n for n in ("eastAsianLayout", "specVanish", "oMath")}
_EAST_ASIAN = ("zh", "ja", "ko")


class Piece(NamedTuple):
    """A piece of a rebuilt paragraph: ``text`` in the formatting ``props`` (a key of
    ``Paragraph.props``), or, with ``thing`` set, that standalone thing; inside hyperlink ``link``;
    ``lang`` is the language tag of translated text (None: the source's text, as it was)."""

    text: str
    props: str
    link: int | None
    thing: int | None = None
    lang: str | None = None


def rebuild(para: Paragraph, sentences: list[Sentence] | None, translations: list[str | None], language: Language) -> int:
    """Rewrite ``para`` with each sentence's translation into ``language`` (None: the source
    sentence) and return how many were translated; without ``sentences`` (the paragraph is not
    what was read) or any translation the paragraph is left as it is. Where the language puts no
    space between sentences (Chinese), the space between two translated sentences goes; translated
    runs say their language (``w:lang``), for spell-checking and hyphenation."""
    if not sentences or all(t is None for t in translations):
        return 0
    tag = language.gettext.replace("_", "-")
    pieces: list[Piece] = []
    pos, previous = 0, False
    for sent, translation in zip(sentences, translations):
        gap = _atoms(para, pos, sent.start)
        if not language.sentence_space and previous and translation is not None and all(p.thing is None and not p.text.strip() for p in gap):
            gap = []
        pieces += gap
        pieces += _atoms(para, sent.start, sent.end) if translation is None else _translated(para, sent, translation, tag)
        pos, previous = sent.end, translation is not None
    pieces += _atoms(para, pos, len(para.plain))
    _write(para, pieces)
    return sum(t is not None for t in translations)


def _atoms(para: Paragraph, start: int, end: int) -> list[Piece]:
    pieces: list[Piece] = []
    for i in range(start, end):
        atom = para.atoms[i]
        if atom < 0:
            pieces.append(Piece("", "", para.things[~atom].link, ~atom))
        else:
            link, key = para.formats[atom]
            pieces.append(Piece(para.plain[i], key, link))
    return pieces


def _translated(para: Paragraph, sent: Sentence, translation: str, tag: str) -> list[Piece]:
    """The pieces of a translation: cut at its markers, or, when they are broken, its text in the
    sentence's formatting followed by the sentence's standalone things."""
    if markers.problems(translation, sent.marked):
        things = [Thing(key) for key in sent.keys.values() if key[0] == "thing"]
        found: list[Run | Thing] = [Run(markers.strip(translation)), *things]
    else:
        found = markers.unmark(translation, sent.keys)
    pieces: list[Piece] = []
    for item in found:
        link = next((index for kind, index in item.path if kind == "link"), None)
        if isinstance(item, Thing):
            pieces.append(Piece("", "", link, item.key[1]))
            continue
        props = [key for kind, key in item.path if kind == "props"]
        own = sent.link_base.get(link, sent.base) if link is not None else sent.base
        pieces.append(Piece(item.text, props[-1] if props else own, link, lang=tag))
    return pieces


def _write(para: Paragraph, pieces: list[Piece]) -> None:
    """Replace the content of ``para.element`` (its properties stay) with ``pieces``: runs of one
    formatting merged, a link's pieces inside a copy of its ``w:hyperlink``."""
    p = para.element
    for child in list(p):
        if child.tag != W + "pPr":
            p.remove(child)
    p.extend(para.head)
    container, link, last = p, None, None
    for piece in pieces:
        if piece.link != link:
            link, last = piece.link, None
            original = para.links[link] if link is not None else None
            container = p if original is None else etree.SubElement(p, original.tag, dict(original.attrib))
        if piece.thing is not None:
            container.extend(para.things[piece.thing].build())
            last = None
        elif last is not None and last[0][0] == piece.props and (last[0][1] == piece.lang or piece.text.isspace()):
            last[1].text += piece.text  # a space has no language: it joins the run before it
        else:
            last = ((piece.props, piece.lang), _run(container, para.props[piece.props], piece))
    p.extend(para.tail)


def _run(container: etree._Element, props: etree._Element | None, piece: Piece) -> etree._Element:
    """A new ``w:r`` at the end of ``container``: a copy of ``props``, the piece's language, its
    text; returns the ``w:t``."""
    run = etree.SubElement(container, W + "r")
    if props is not None:
        run.append(copy.deepcopy(props))
    if piece.lang:
        _set_lang(run, piece.lang)
    text = etree.SubElement(run, W + "t")
    text.set(_XML_SPACE, "preserve")
    text.text = piece.text
    return text


def _set_lang(run: etree._Element, tag: str) -> None:
    props = run.find(W + "rPr")
    if props is None:
        props = etree.SubElement(run, W + "rPr")
    lang = props.find(W + "lang")
    if lang is None:
        lang = etree.Element(W + "lang")
        after = next((i for i, child in enumerate(props) if child.tag in _AFTER_LANG), len(props))
        props.insert(after, lang)
    lang.set(W + ("eastAsia" if tag.split("-")[0] in _EAST_ASIAN else "val"), tag)
