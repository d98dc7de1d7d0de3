"""Protect glossary terms and inline markers from machine translation with placeholders.

Before a sentence goes to the engine, each glossary term in it is replaced by a placeholder
(``QX0``, ``QX1``, ...): capital letters and a digit, which neural models and the pseudo engine
copy through unchanged. Afterwards a do-not-translate term comes back exactly as written and a
term pair comes back as its target form. If the engine dropped, duplicated or invented a
placeholder, the sentence is translated again unmasked and flagged ``mask-lost``, so a reviewer
(and ``l10n check``) sees it: never a silently wrong name.

Inline markers (``<1>…</1>``, ``<2/>`` of HTML and Word sentences, :mod:`l10n.sources.markers`)
are masked the same way, so the model never sees a tag. If one is lost, doubled, or comes back
closing before it opens, the sentence is translated again without markers, the markers are put
back around the whole sentence (pairs) and at its end (standalone ones), and it is flagged
``mask-lost``: the reviewer moves them to their words.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Sequence

from ..glossary import Glossary
from ..sources.markers import Tag, escape, parse, problems, reattach, strip, tags
from . import Engine, Translation

MASK_FLAG = "mask-lost"
_PLACEHOLDER = re.compile(r"Q\s?X\s?(\d+)", re.IGNORECASE)
_PADDED = re.compile(r"(\s?)Q\s?X\s?(\d+)(\s?)", re.IGNORECASE)


@dataclass(frozen=True)
class Masked:
    """A sentence with its terms and inline markers replaced, and what each placeholder stands for."""

    text: str
    terms: tuple[str, ...]  # replacement for placeholder i, already in the target language
    # Per placeholder: whether a space was put before / after it (a marker glued to a word).
    pads: tuple[tuple[bool, bool], ...] = field(default=(), repr=False)
    markers: frozenset[int] = field(default=frozenset(), repr=False)  # placeholders that are markers


def mask(text: str, glossary: Glossary, source: str, target: str) -> Masked:
    """Replace every glossary term and inline marker in ``text`` by a numbered placeholder.

    A marker glued to a word gets a space between them, so the model sees the word (taken out
    again when the marker comes back); punctuation after a marker stays glued to it.

    >>> from l10n.glossary import Glossary, Term
    >>> g = Glossary((Term((("de", ("VIVO",)),), dnt=True),))
    >>> mask("VIVO und VIVO.", g, "de", "en")
    Masked(text='QX0 und QX1.', terms=('VIVO', 'VIVO'))
    >>> mask("Die <1>neue</1> VIVO.<2/>", g, "de", "en")
    Masked(text='Die QX0 neue QX1 QX2. QX3', terms=('<1>', '</1>', 'VIVO', '<2/>'))
    """
    if _PLACEHOLDER.search(text):
        return Masked(text, ())  # the text itself looks like a placeholder: masking would confuse it
    tokens = parse(text) if tags(text) else [text]
    pieces: list[str] = []
    terms: list[str] = []
    pads: list[tuple[bool, bool]] = []
    markers: set[int] = set()
    for index, token in enumerate(tokens):
        if isinstance(token, Tag):
            after = index + 1 < len(tokens) and (isinstance(tokens[index + 1], Tag) or tokens[index + 1][:1].isalnum())
            before = bool(pieces) and not pieces[-1][-1:].isspace()
            markers.add(len(terms))
            pieces.append(f"{' ' * before}QX{len(terms)}{' ' * after}")
            terms.append(str(token))
            pads.append((before, after))
            continue
        last = 0
        for start, end, replacement in _term_spans(token, glossary, source, target):
            pieces.append(f"{token[last:start]}QX{len(terms)}")
            terms.append(replacement)
            pads.append((False, False))
            last = end
        pieces.append(token[last:])
    return Masked("".join(pieces), tuple(terms), tuple(pads), frozenset(markers))


def _term_spans(text: str, glossary: Glossary, source: str, target: str) -> list[tuple[int, int, str]]:
    """Where each glossary term of ``text`` is, with its replacement, in text order."""
    spans: list[tuple[int, int, str]] = []
    for term in glossary.in_source(text, source):
        replacement = term.target(target)
        if not replacement:
            continue
        for m in term.find(text, source):
            whole = m.end() == len(text) or not text[m.end()].isalnum()
            if whole and not any(s < m.end() and m.start() < e for s, e, _ in spans):
                spans.append((m.start(), m.end(), replacement[0]))
    return sorted(spans)


def unmask(output: str, masked: Masked) -> str | None:
    """Put the terms back into ``output``; None if a placeholder was lost, doubled or invented.

    With markers, the text around the placeholders is escaped (:func:`~l10n.sources.markers.escape`)
    and the markers come back as markers.

    >>> from l10n.glossary import Glossary
    >>> m = mask("Die <1>neue</1> Firma.", Glossary(), "de", "en")
    >>> unmask("The QX0 new QX1 company.", m), unmask("The new company.", m)
    ('The <1>new</1> company.', None)
    """
    found = Counter(int(m.group(2)) for m in _PADDED.finditer(output))
    if found != Counter(range(len(masked.terms))):
        return None
    if not masked.markers:
        return _PLACEHOLDER.sub(lambda m: masked.terms[int(m.group(1))], output)
    pieces, last = [], 0
    for m in _PADDED.finditer(output):
        number = int(m.group(2))
        before, after = masked.pads[number] if masked.pads else (False, False)
        lead, trail = "" if before else m.group(1), "" if after else m.group(3)
        term = masked.terms[number]
        pieces.append(escape(output[last : m.start()] + lead) + (term if number in masked.markers else escape(term)) + escape(trail))
        last = m.end()
    pieces.append(escape(output[last:]))
    return "".join(pieces)


class MaskingEngine:
    """Wraps any :class:`Engine` so that glossary terms pass through translation intact."""

    def __init__(self, inner: Engine, glossary: Glossary) -> None:
        self.inner = inner
        self.glossary = glossary
        self.name = inner.name

    def supports(self, source: str, target: str) -> bool:
        return self.inner.supports(source, target)

    def model_id(self, source: str, target: str) -> str:
        return self.inner.model_id(source, target)

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[Translation]:
        masked = [mask(t, self.glossary, source, target) for t in texts]
        outputs = self.inner.translate([m.text for m in masked], source, target)
        results: list[Translation | None] = []
        for text, m, out in zip(texts, masked, outputs, strict=True):
            restored = unmask(out.text, m) if m.terms else out.text
            if restored is not None and m.markers and problems(restored, text):
                restored = None  # every marker back, but a pair closes before it opens
            results.append(None if restored is None else Translation(restored, out.flags))
        retry = [i for i, r in enumerate(results) if r is None]
        if retry:
            # Again without placeholders: terms as they are, markers left out and put back
            # around the whole sentence (:func:`~l10n.sources.markers.reattach`); the reviewer is told by the flag.
            plain = [strip(texts[i]) if masked[i].markers else texts[i] for i in retry]
            again = self.inner.translate(plain, source, target)
            for i, out in zip(retry, again, strict=True):
                text = reattach(out.text, texts[i]) if masked[i].markers else out.text
                results[i] = Translation(text, tuple(dict.fromkeys((*out.flags, MASK_FLAG))))
        return [r for r in results if r is not None]


def with_glossary(engine: Engine, glossary: Glossary) -> Engine:
    """``engine`` wrapped in a :class:`MaskingEngine`: glossary terms and inline markers pass
    through translation intact."""
    return MaskingEngine(engine, glossary)
