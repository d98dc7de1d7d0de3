"""Names a Chinese translation writes in Latin letters, and whether a Chinese text holds a
phonetic rendering (音译) of a Latin-script name.

Chinese writes most foreign names in characters chosen for their sound: "Obama" is 奥巴马 (ao ba
ma), "Nadella" 纳德拉 (na de la). Both sides are reduced to their consonants, each in a
class of consonants heard alike (b/p, d/t, f/v/w, l/r: ``data/transliteration.tsv``, after the
Xinhua transcription tables), and a run of transcription characters
(``data/transliteration_chars.txt``) matches a name when its syllables' initials (and final nasals)
line up with the name's consonants, one left out at most for every five. Pinyin comes from
pypinyin (MIT), imported on first use.

Which names a Chinese translation must keep cannot be told from the German alone (柏林 for Berlin,
but "Rishi Sunak" in Latin): :func:`lost_names` asks for the rest of a name whose other
words the translation writes in Latin letters, in Latin, in characters (exonyms, CC-CEDICT) or
transcribed.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from . import data_lines, propernames
from .. import langid
from ..lexicon import english_stem, lexicon

_PINYIN_INITIALS = ("zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x", "r", "z", "c", "s", "y", "w")
_OPTIONAL_INITIALS = {"", "y", "w"}  # 伊 yi, 乌 wu: a vowel of the name as often as a consonant
_LATIN_VOWELS = set("aeiouy")
_CHEAP_SKIP = 0.5  # cost of a consonant Chinese often leaves out (see skeleton())
_TOLERANCE = 0.2  # cost allowed per consonant of the name


@lru_cache(maxsize=1)
def _classes() -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    """Latin spelling -> its classes, pinyin initial -> its classes."""
    latin: dict[str, set[str]] = {}
    pinyin: dict[str, set[str]] = {}
    for line in data_lines("transliteration.tsv"):
        name, spellings, initials = line.split("\t")
        for spelling in spellings.split():
            latin.setdefault(spelling, set()).add(name)
        for initial in initials.split():
            pinyin.setdefault(initial, set()).add(name)
    return ({k: frozenset(v) for k, v in latin.items()}, {k: frozenset(v) for k, v in pinyin.items()})


@lru_cache(maxsize=1)
def transcription_characters() -> frozenset[str]:
    """The characters Chinese writes foreign names with."""
    return frozenset("".join(data_lines("transliteration_chars.txt")))


def skeleton(name: str) -> tuple[tuple[frozenset[str], bool], ...]:
    """The consonants of a Latin-script ``name``: the set of classes each may be heard as, and
    whether Chinese often leaves it out (h, r, l, a consonant before another one or at the end:
    Harrison 哈里森, Stuttgart 斯图加特).

    >>> [(sorted(c), easy) for c, easy in skeleton("Obama")]
    [(['P'], False), (['M'], True)]
    >>> [sorted(c) for c, _ in skeleton("Schröder")]
    [['S'], ['L'], ['T'], ['L']]
    """
    latin = _classes()[0]
    longest = max(map(len, latin))
    text = "".join(c for c in unicodedata.normalize("NFKD", name.lower()) if c.isalpha() and c.isascii())
    found: list[tuple[frozenset[str], int, int]] = []  # classes, start, end
    i = 0
    while i < len(text):
        if text[i] in _LATIN_VOWELS and not (text[i] == "y" and i == 0):
            i += 1
            continue
        size = next((n for n in range(min(longest, len(text) - i), 0, -1) if text[i : i + n] in latin), 0)
        if size:
            found.append((latin[text[i : i + size]], i, i + size))
        i += max(size, 1)
    return tuple((classes, bool(classes & {"H", "L"}) or k == len(found) - 1 or found[k + 1][1] == end)
                 for k, (classes, _, end) in enumerate(found))


@lru_cache(maxsize=4096)
def _slots(char: str) -> tuple[tuple[frozenset[str], float], ...]:
    """What one character offers to line up with: its initial's classes and the cost of leaving it
    out, then its final nasal (free to leave out). The character's first reading: transcription
    characters are read the usual way (哈 is ha, whatever else it may be)."""
    from pypinyin import Style, pinyin  # MIT; only loaded by the check that needs it

    initials: set[str] = set()
    skip, nasal = 1.0, False
    for reading in pinyin(char, style=Style.NORMAL)[0]:
        initial = next((i for i in _PINYIN_INITIALS if reading.startswith(i)), "")
        initials |= _classes()[1].get(initial, frozenset())
        if initial in _OPTIONAL_INITIALS:
            skip = 0.0
        if reading == "er":  # 尔: the r of a name
            initials.add("L")
        nasal = nasal or reading.endswith(("n", "ng"))
    slots = [(frozenset(initials), skip)]
    if nasal:
        slots.append((frozenset({"N", "M"}), 0.0))
    return tuple(slots)


def _cost(name: tuple[tuple[frozenset[str], bool], ...], run: str) -> float:
    """The least cost of reading ``name``'s consonants off consecutive characters of ``run``."""
    slots = [(classes, skip, k) for k, char in enumerate(run) for classes, skip in _slots(char)]
    # Where a character begins (and the end): a rendering starts and ends there.
    bounds = {j for j in range(len(slots)) if j == 0 or slots[j][2] != slots[j - 1][2]} | {len(slots)}
    inf = float("inf")
    best = [[0.0 if j in bounds else inf for j in range(len(slots) + 1)]] + [[inf] * (len(slots) + 1) for _ in name]
    for i in range(len(name) + 1):
        for j in range(len(slots) + 1):
            here = best[i][j]
            if here == inf:
                continue
            if i < len(name):  # a consonant of the name not rendered
                best[i + 1][j] = min(best[i + 1][j], here + (_CHEAP_SKIP if name[i][1] else 1.0))
            if j < len(slots):
                classes, skip, _ = slots[j]
                best[i][j + 1] = min(best[i][j + 1], here + skip)  # a sound the name lacks
                if i < len(name):
                    best[i + 1][j + 1] = min(best[i + 1][j + 1], here + (0.0 if classes & name[i][0] else 1.0))
    return min(best[len(name)][j] for j in bounds)


def transliterated(name: str, text: str) -> bool:
    """Whether ``text`` holds a phonetic rendering of the Latin-script ``name``.

    >>> transliterated("Obama", "美国总统奥巴马表示"), transliterated("Nadella", "纳德拉说")
    (True, True)
    >>> transliterated("Merkel", "默克尔总理"), transliterated("Merkel", "奥巴马总统")
    (True, False)
    """
    name_consonants = skeleton(name)
    if len(name_consonants) < 2:  # "Audi": one consonant is heard in too many names
        return False
    allowed = _TOLERANCE * len(name_consonants) if len(name_consonants) > 2 else 0.0
    chars = transcription_characters()
    for run in re.findall(f"[{''.join(sorted(chars))}]+", text):
        if len(run) >= 2 and _cost(name_consonants, run) <= allowed:
            return True
    return False


# A run of capitalised words (and name-like tokens: TogiNet, FIC, PC, Jr.) one space apart.
_PHRASE = re.compile(r"(?<![\w\-])[A-ZÄÖÜ][\w&'.]*(?: [A-ZÄÖÜ][\w&'.]*)+(?![\w\-])")
_WORD = re.compile(r"[A-ZÄÖÜ][a-zäöüßéèáàíóúñçëï]{2,}")


def _in_latin(word: str, target: str) -> bool:
    """Whether ``target`` has ``word`` in Latin letters, as a word of its own and as capitalised
    (a translator writing "chhappan bhog" takes it for no name)."""
    return re.search(rf"(?<![A-Za-z]){re.escape(word)}(?![a-z])", target) is not None


def latin_names(source: str, target: str) -> list[str]:
    """Words of a German ``source``'s multi-word names that a Chinese ``target`` writes in Latin
    letters because it writes another word of the same name so: a translator who keeps "Rishi"
    or "John" in Latin keeps "Rishi Sunak" and "John F. Kennedy" whole.

    A word before the first one kept counts only when the English rules take it for a name
    (:func:`~l10n.checks.propernames.proper_names`: "Microsoft" of "Microsoft PowerPoint"): others
    are titles or German appositions rendered in Chinese ("Sängerin Taylor Swift", "Präsident
    Obama", "Sturm Jerry"). German words after it count only as such names too (not function
    words, nor the words :func:`~l10n.checks.propernames.translated_word` knows): they are the
    sentence going on ("zu Taylor Swifts Geburtstag") or a part of the name that gets translated.

    >>> latin_names("Er traf Rishi Sunak in London.", "他在伦敦见到了 Rishi。")
    ['Sunak']
    >>> latin_names("Es sprach John F. Kennedy Jr.", "John F. 说。"), latin_names("Sängerin Taylor Swift sang.", "歌手 Taylor Swift 演唱。")
    (['Kennedy'], [])
    >>> latin_names("Lieder zu Taylor Swifts Geburtstag.", "献给 Taylor Swift 生日的歌。")  # kept, inflected: lost_names
    ['Swifts']
    """
    wanted: list[str] = []
    names: list[str] | None = None
    for m in _PHRASE.finditer(source):
        words = [token.rstrip(".") for token in m.group(0).split()]
        kept = [i for i, word in enumerate(words) if _in_latin(word, target)]
        if not kept:
            continue
        names = propernames.proper_names(source) if names is None else names
        for i, word in enumerate(words):
            if i == kept[0] or i < kept[0] and word not in names:
                continue
            if _WORD.fullmatch(word) and not _in_latin(word, target) and word not in wanted and (word in names or not _german(word)):
                wanted.append(word)
    return wanted


def _german(word: str) -> bool:
    """Whether ``word`` is a German word: a function word, or a word the noun lexicon says a
    translation translates (propernames' rule, so the two checks agree on what a name is)."""
    return word.lower() in langid.function_words("de") or propernames.translated_word(word)


def lost_names(source: str, target: str) -> list[str]:
    """Names of a German ``source`` a Chinese ``target`` lost: words of a name it writes in Latin
    letters (:func:`latin_names`) that it has neither in Latin letters, nor by an agreed Chinese
    name (柏林, 微软: the exonyms and CC-CEDICT), nor transcribed (纳德拉).

    >>> lost_names("Die Firma von Satya Nadella wächst.", "Satya 纳德拉的公司在发展。")
    []
    >>> lost_names("Die Firma von Satya Nadella wächst.", "Satya 的公司在发展。")
    ['Nadella']
    """
    found = lexicon()
    lost = []
    for name in latin_names(source, target):
        if propernames.kept(name, target) or transliterated(name, target):
            continue
        if found is not None and english_stem(name) in found.chinese_meanings(target):
            continue
        lost.append(name)
    return lost
