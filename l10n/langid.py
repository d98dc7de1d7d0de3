"""Which language a text is in, to warn when a source file is not in the source language.

langdetect is probabilistic; its seed is fixed so the same text always gives the same answer. Its
language profiles load on first use (about 0.2 s), never on import.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from .errors import L10nError

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


# What is not prose in any language: Markdown link targets, URLs and web addresses, e-mail
# addresses and telephone numbers ("+49 211 1234-567", "(0211) 12 34-0").
_NOT_PROSE = re.compile(
    r"\]\([^)\s]*\)"
    r"|(?:https?://|www\.)[^\s\])>]+"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:de|com|org|net|eu|info|cn|io|at|ch)\b(?:/[^\s\])>]*)?"
    r"|(?<!\w)(?:\+\d|\(0|0\d)[\d ()/.\u2013-]{5,}\d(?!\w)"
)


def prose(text: str) -> str:
    """``text`` without the parts that are the same in every language: link targets, URLs, web and
    e-mail addresses, telephone numbers. What is left is what a translator translates.

    >>> prose("Pressekontakt: Jonas Berger, Telefon +49 211 1234-567, presse@example.de")
    'Pressekontakt: Jonas Berger, Telefon  ,  '
    >>> prose("Weitere Informationen: [www.example.de](https://www.example.de)")
    'Weitere Informationen: [  '
    """
    return _NOT_PROSE.sub(" ", text)


# Names, acronyms, numbers and markup say nothing about the language around them.
_NOISE = re.compile(r"`[^`]*`|\b\w*[A-Z]{2,}\w*\b|\d+|[^\w\s]")
# Fewer words than this (after the above is removed) are too little to judge: a contact line is
# mostly names, and langdetect calls "Pressekontakt Jonas Berger Telefon" Norwegian.
MIN_WORDS = 6


@lru_cache(maxsize=1)
def _factory():
    # Imported on first use: loading the language profiles takes a moment. A factory of our own
    # with a fixed seed, rather than langdetect's global one, so that no other caller can reseed it.
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory
    from langdetect.lang_detect_exception import LangDetectException

    factory = DetectorFactory()
    try:
        factory.load_profile(PROFILES_DIRECTORY)
    except LangDetectException as exc:
        # langdetect's bare ``except:`` turns Ctrl-C (or SIGTERM) while it reads a profile into
        # its own error: give the interruption back, so the run stops as interrupted.
        if exc.__context__ is not None and not isinstance(exc.__context__, Exception):
            raise exc.__context__ from None
        raise L10nError(f"langdetect cannot load its language profiles: {exc}", hint="reinstall langdetect") from None
    factory.set_seed(0)
    return factory


def detect(text: str) -> tuple[str, float] | None:
    """The most likely language code of ``text`` (``de``, ``en``, ``zh``) and its probability.

    None when the text is too short to judge (addresses, names, numbers and markup removed).
    """
    cleaned = _NOISE.sub(" ", prose(text))
    if cjk_count(cleaned) >= MIN_LETTERS // 3:
        pass  # Chinese has no spaces between words: its characters are counted
    elif sum(c.isalpha() for c in cleaned) < MIN_LETTERS or len(_WORD.findall(cleaned)) < MIN_WORDS:
        return None
    return _detect(cleaned)


@lru_cache(maxsize=4096)
def _detect(cleaned: str) -> tuple[str, float] | None:
    # Remembered: the seed is fixed, so a text always gets the same answer, and checks meet the
    # same text again (a translation whose figures changed cleans to the same text).
    from langdetect.lang_detect_exception import LangDetectException

    detector = _factory().create()
    detector.append(cleaned)
    try:
        best = detector.get_probabilities()[0]
    except (LangDetectException, IndexError):
        return None
    # langdetect names Chinese zh-cn / zh-tw; l10n's codes are the base language.
    return best.lang.split("-")[0], best.prob


def cjk_count(text: str) -> int:
    """How many CJK ideographs ``text`` holds."""
    return sum("\u4e00" <= c <= "\u9fff" for c in text)


def language_warning(sentences: list[str], expected: str, where: str) -> str | None:
    """A warning if ``sentences`` (a document's) are confidently in another language than ``expected``."""
    sample = " ".join(sentences)[:SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS or surely_in(sample, expected):
        return None
    found = detect(sample)
    if found is None:
        return None
    lang, prob = found
    if lang != expected and prob >= MIN_PROBABILITY:
        return f"{where}: looks like {lang!r} (probability {prob:.2f}), not the source language {expected!r}; check the file or [project] source_language"
    return None
