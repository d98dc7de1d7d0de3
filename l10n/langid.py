"""Which language a text is in, to warn when a source file is not in the source language.

langdetect is probabilistic; its seed is fixed so the same text always gives the same answer. Its
language profiles load on first use (about 0.2 s), never on import.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).parent / "data"

# Below this many letters langdetect guesses; a warning would be noise.
MIN_LETTERS = 40
# Only a confident detection of another language is worth a warning.
MIN_PROBABILITY = 0.9
SAMPLE_CHARS = 1000
# A text with at least this share of the language's function words is taken to be in it without
# asking langdetect; German prose runs at 30-45 %, English prose at under 5 % of the German list.
FUNCTION_WORD_SHARE = 0.15
_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=None)
def function_words(lang: str) -> frozenset[str]:
    """The language's most frequent function words (empty if l10n has no list for it)."""
    path = DATA / f"function-words-{lang}.txt"
    if not path.exists():
        return frozenset()
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(ln.strip() for ln in lines if ln.strip() and not ln.startswith("#"))


def surely_in(text: str, lang: str) -> bool:
    """A cheap positive test: enough of ``text``'s words are ``lang``'s function words."""
    words = function_words(lang)
    tokens = _WORD.findall(text.lower())
    return bool(words and tokens) and sum(t in words for t in tokens) / len(tokens) >= FUNCTION_WORD_SHARE


def detect_language(text: str) -> tuple[str, float]:
    """The most likely language code of ``text`` and its probability; ("", 0.0) if unknown."""
    from langdetect import DetectorFactory, LangDetectException, detect_langs

    DetectorFactory.seed = 0
    try:
        best = detect_langs(text)[0]
    except (LangDetectException, IndexError):
        return "", 0.0
    # langdetect names Chinese zh-cn / zh-tw; l10n's codes are the base language.
    return best.lang.split("-")[0], best.prob


def language_warning(sentences: list[str], expected: str, where: str) -> str | None:
    """A warning if ``sentences`` (a document's) are confidently in another language than ``expected``."""
    sample = " ".join(sentences)[:SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS or surely_in(sample, expected):
        return None
    lang, prob = detect_language(sample)
    if lang and lang != expected and prob >= MIN_PROBABILITY:
        return f"{where}: looks like {lang!r} (probability {prob:.2f}), not the source language {expected!r}; check the file or [project] source_language"
    return None
