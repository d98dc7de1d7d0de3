"""Source paragraphs in another language than the source's (detection itself: l10n/langid.py)."""

from __future__ import annotations

from ..langid import MIN_PROBABILITY, detect, surely_in
from ..model import Document


def foreign_paragraphs(doc: Document, expected: str) -> list[str]:
    """Warnings for source paragraphs that are confidently not in the ``expected`` language."""
    warnings = []
    for block in doc.blocks:
        if block.kind != "paragraph":
            continue
        text = doc.text[block.start : block.end]
        if surely_in(text, expected):  # cheap: most paragraphs never reach langdetect
            continue
        found = detect(text)
        if found and found[0] != expected and found[1] >= MIN_PROBABILITY:
            warnings.append(f"{doc.path}:{block.line}: paragraph looks like {found[0]!r}, not {expected!r} ({found[1]:.0%})")
    return warnings
