"""The ``content`` check: a translation that shares almost none of its source's words.

A translation pasted into the wrong entry, or a model's output for another sentence, keeps the
length, the punctuation and often the numbers of a good one; what it lacks is the meaning. The
check reads both sides through the dictionaries of :mod:`l10n.lexicon`, in English:

- each German word Ding knows counts as found when the translation has one of its English
  translations (in Chinese: a CC-CEDICT word meaning one of them) or the word itself (a name);
- each word of the translation (an English word; in Chinese a CC-CEDICT word, or a Latin word
  kept) counts as found when it means something one of the German words may be translated with.

A good human translation has about half of all those words found, a translation of another
sentence of the same length under a tenth; the check reports at most :data:`MAX_SHARE`. Measured
with ``bench/check_false_alarms.py`` on the FLORES devtest (tuned on the even lines, checked on
the odd ones); the figures are in the README.
"""

from __future__ import annotations

import re
from typing import Iterator

from . import Unit, check
from ..langid import function_words
from ..languages import facts_of
from ..lexicon import ENGLISH_FILLERS, Lexicon, english_stem, lexicon

MIN_WORDS = 3  # German words the dictionary knows: fewer say too little
MAX_SHARE = 0.2  # of the words of both sides found in the other, at most
_MIN_LETTERS = 4  # shorter German words are mostly function words
_LETTERS = re.compile(r"[^\W\d_]+")
_LATIN_WORDS = re.compile(r"[A-Za-zÀ-ɏ]+")


def content_words(source: str) -> list[str]:
    """The German words of ``source`` worth looking up: four letters or more, not function words.

    >>> content_words("Die Regierung hat das neue Gesetz am Montag beschlossen.")
    ['Regierung', 'neue', 'Gesetz', 'Montag', 'beschlossen']
    """
    function = function_words("de")
    return [w for w in _LETTERS.findall(source) if len(w) >= _MIN_LETTERS and w.lower() not in function]


def _target_words(target: str, lang: str, lex: Lexicon, source_words: set[str]) -> tuple[int, list[frozenset[str]]]:
    """How many Latin words of the translation the source has too (names: "Siminoff", "QVC"),
    and the English stems of each other word of it (see the module's docstring)."""
    if facts_of(lang).script == "Hans":
        latin, words = [w for w in _LATIN_WORDS.findall(target) if len(w) > 2], lex.chinese_words(target)
    else:
        latin, words = [w for w in _LETTERS.findall(target) if len(w) > 2 and w.lower() not in ENGLISH_FILLERS], []
    shared = [w for w in latin if w.lower() in source_words]
    return len(shared), words + [frozenset({english_stem(w)}) for w in latin if w.lower() not in source_words]


def found_share(source: str, target: str, lang: str, lex: Lexicon) -> tuple[int, int, int]:
    """``(found, known, german)``: of the words of both sides the dictionaries know, how many
    the other side shows; ``german`` of them are the source's."""
    german = [(w, lex.english(w)) for w in content_words(source)]
    german = [(w, english) for w, english in german if english]
    shared, translated = _target_words(target, lang, lex, {w.lower() for w in _LETTERS.findall(source)})
    meanings = frozenset().union(*translated)
    kept = {w.lower() for w in _LETTERS.findall(target)}
    found = sum(bool(english & meanings) or w.lower() in kept for w, english in german)
    source_meanings = frozenset().union(*(english for _, english in german))
    found += shared + sum(bool(word & source_meanings) for word in translated)
    return found, len(german) + shared + len(translated), len(german)


def _supported(src: str, tgt: str) -> bool:
    return src == "de" and (tgt == "en" or facts_of(tgt).script == "Hans")


@check("content", "error")
def content(unit: Unit) -> Iterator[str]:
    """The translation says something of what the source says (German-English dictionary)."""
    lex = lexicon() if _supported(unit.src, unit.tgt) else None
    if lex is None:
        return
    found, known, german = found_share(unit.source, unit.target, unit.tgt, lex)
    if german >= MIN_WORDS and found <= MAX_SHARE * known:
        yield (f"only {found} of {known} words the dictionary knows match between source and translation: "
               "is it another sentence's translation?")
