"""Protect glossary terms from machine translation by masking them with placeholders.

Before a sentence goes to the engine, each glossary term in it is replaced by a placeholder
(``QX0``, ``QX1``, ...): capital letters and a digit, which neural models and the pseudo engine
copy through unchanged. Afterwards a do-not-translate term comes back exactly as written and a
term pair comes back as its target form. If the engine dropped, duplicated or invented a
placeholder, the sentence is translated again unmasked and flagged ``mask-lost``, so a reviewer
(and ``l10n check``) sees it: never a silently wrong name.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Sequence

from ..flags import MASK_FLAG
from ..glossary import Glossary
from . import Engine, Translation

_PLACEHOLDER = re.compile(r"Q\s?X\s?(\d+)", re.IGNORECASE)


@dataclass(frozen=True)
class Masked:
    """A sentence with its terms replaced, and what each placeholder stands for."""

    text: str
    terms: tuple[str, ...]  # replacement for placeholder i, already in the target language


def mask(text: str, glossary: Glossary, source: str, target: str) -> Masked:
    """Replace every glossary term in ``text`` by a numbered placeholder.

    >>> from l10n.glossary import Glossary, Term
    >>> g = Glossary((Term((("de", ("VIVO",)),), dnt=True),))
    >>> mask("VIVO und VIVO.", g, "de", "en")
    Masked(text='QX0 und QX1.', terms=('VIVO', 'VIVO'))
    """
    if _PLACEHOLDER.search(text):
        return Masked(text, ())  # the text itself looks like a placeholder: masking would confuse it
    spans: list[tuple[int, int, str]] = []
    for term in glossary.in_source(text, source):
        replacement = term.target(target)
        if not replacement:
            continue
        for m in term.find(text, source):
            whole = m.end() == len(text) or not text[m.end()].isalnum()
            if whole and not any(s < m.end() and m.start() < e for s, e, _ in spans):
                spans.append((m.start(), m.end(), replacement[0]))
    spans.sort()
    pieces, terms, last = [], [], 0
    for start, end, replacement in spans:
        pieces.append(f"{text[last:start]}QX{len(terms)}")
        terms.append(replacement)
        last = end
    pieces.append(text[last:])
    return Masked("".join(pieces), tuple(terms))


def unmask(output: str, masked: Masked) -> str | None:
    """Put the terms back into ``output``; None if a placeholder was lost, doubled or invented."""
    found = Counter(int(m.group(1)) for m in _PLACEHOLDER.finditer(output))
    if found != Counter(range(len(masked.terms))):
        return None
    return _PLACEHOLDER.sub(lambda m: masked.terms[int(m.group(1))], output)


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
        for m, out in zip(masked, outputs, strict=True):
            restored = unmask(out.text, m) if m.terms else out.text
            results.append(None if restored is None else Translation(restored, out.flags))
        retry = [i for i, r in enumerate(results) if r is None]
        if retry:
            again = self.inner.translate([texts[i] for i in retry], source, target)
            for i, out in zip(retry, again, strict=True):
                results[i] = Translation(out.text, tuple(dict.fromkeys((*out.flags, MASK_FLAG))))
        return [r for r in results if r is not None]


def with_glossary(engine: Engine, glossary: Glossary) -> Engine:
    """``engine`` itself when the glossary is empty, else wrapped in a :class:`MaskingEngine`."""
    return MaskingEngine(engine, glossary) if glossary.terms else engine
