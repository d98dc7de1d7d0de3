"""Which language a text is in: langdetect with a fixed seed, only where the text can be judged.

langdetect is random by default and unreliable on short texts, so the seed is fixed and texts
shorter than ``MIN_LETTERS`` letters (after names and numbers are removed) are not judged.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..langid import surely_in
from ..model import Document

MIN_LETTERS = 40
MIN_PROBABILITY = 0.9
# Names, acronyms, numbers, URLs and markup say nothing about the language around them.
_NOISE = re.compile(r"https?://\S+|`[^`]*`|\b\w*[A-Z]{2,}\w*\b|\d+|[^\w\s]")


@lru_cache(maxsize=1)
def _factory():
    # Imported on first use: loading the language profiles takes a moment.
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    factory.set_seed(0)
    return factory


def detect(text: str) -> tuple[str, float] | None:
    """The most likely language code of ``text`` (``de``, ``en``, ``zh``) and its probability.

    None when the text is too short to judge.
    """
    cleaned = _NOISE.sub(" ", text)
    if sum(c.isalpha() for c in cleaned) < MIN_LETTERS and not _cjk_count(cleaned) >= MIN_LETTERS // 3:
        return None
    from langdetect.lang_detect_exception import LangDetectException

    detector = _factory().create()
    detector.append(cleaned)
    try:
        best = detector.get_probabilities()[0]
    except (LangDetectException, IndexError):
        return None
    return best.lang.split("-")[0], best.prob


def _cjk_count(text: str) -> int:
    return sum("\u4e00" <= c <= "\u9fff" for c in text)


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
