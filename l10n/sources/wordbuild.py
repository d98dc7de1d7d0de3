"""A Word paragraph rebuilt from its atoms (:mod:`l10n.sources.wordml`) and its translations.

A sentence's translation is cut at its markers and each piece gets the formatting its markers
stand for (the original ``w:rPr``, copied; a link is a copy of its ``w:hyperlink`` element,
relationship id kept); what lies between sentences, and each sentence left untranslated, is
written from the atoms as it was. Bookmarks and other zero-width marks keep their place before the
text, or move to the paragraph's end.
"""

from __future__ import annotations

import copy

from lxml import etree

from . import markers
from .markers import Run, Thing
from .wordml import W, Paragraph, Sentence

# What a rebuilt paragraph is made of: ("text", text, link, props key) or ("thing", index, link).
Piece = tuple


def rebuild(para: Paragraph, sentences: list[Sentence] | None, translations: list[str | None], spaced: bool) -> int:
    """Rewrite ``para`` with each sentence's translation (None: the source sentence) and return
    how many were translated; without ``sentences`` (the paragraph is not what was read) or any
    translation the paragraph is left as it is. ``spaced``: the target language puts a space
    between sentences (not so in Chinese: the space between two translated sentences goes)."""
    if not sentences or all(t is None for t in translations):
        return 0
    pieces: list[Piece] = []
    pos, previous = 0, False
    for sent, translation in zip(sentences, translations):
        gap = _atoms(para, pos, sent.start)
        if not spaced and previous and translation is not None and all(p[0] == "text" and not p[1].strip() for p in gap):
            gap = []
        pieces += gap
        pieces += _atoms(para, sent.start, sent.end) if translation is None else _translated(para, sent, translation)
        pos, previous = sent.end, translation is not None
    pieces += _atoms(para, pos, len(para.plain))
    _write(para, pieces)
    return sum(t is not None for t in translations)


def _atoms(para: Paragraph, start: int, end: int) -> list[Piece]:
    pieces: list[Piece] = []
    for i in range(start, end):
        atom = para.atoms[i]
        if atom < 0:
            pieces.append(("thing", ~atom, para.things[~atom].link))
        else:
            link, key = para.formats[atom]
            pieces.append(("text", para.plain[i], link, key))
    return pieces


def _translated(para: Paragraph, sent: Sentence, translation: str) -> list[Piece]:
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
            pieces.append(("thing", item.key[1], link))
            continue
        props = [key for kind, key in item.path if kind == "props"]
        own = sent.link_base.get(link, sent.base) if link is not None else sent.base
        pieces.append(("text", item.text, link, props[-1] if props else own))
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
        if piece[2] != link:
            link, last = piece[2], None
            original = para.links[link] if link is not None else None
            container = p if original is None else etree.SubElement(p, original.tag, dict(original.attrib))
        if piece[0] == "thing":
            container.extend(para.things[piece[1]].build())
            last = None
        elif last is not None and last[0] == piece[3]:
            last[1].text += piece[1]
        else:
            run = etree.SubElement(container, W + "r")
            if para.props[piece[3]] is not None:
                run.append(copy.deepcopy(para.props[piece[3]]))
            text = etree.SubElement(run, W + "t")
            text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            text.text = piece[1]
            last = (piece[3], text)
    p.extend(para.tail)
