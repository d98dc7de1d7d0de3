"""Ordinary proper names of a German source ("Berlin", "Obama", "Goethe") and whether an English
translation kept them.

German capitalises every noun, so a capital letter does not make a name. A capitalised word that
does not open a sentence is taken for a name when English knows it only as a proper noun
(``data/en_proper_nouns.txt``), English text uses it at least as much as German text
(``data/en_usage.txt``: Tendulkar, Xinhua) or it is a place (``data/exonyms.tsv``), and it is not a
German word that gets translated (``data/de_not_names.txt``: words much rarer in English than in
German such as Haus, Baum, Kraft; English common words such as Chef, Gift; their inflections and
the compounds that end in them; words with a noun ending such as -ung, -heit, -ismus). A name is kept
when the translation has it in any case or accent (Müller, Mueller), inflected (Obamas, Berliner),
spelled another way (Elisabeth, Elizabeth) or as one of its exonyms (München = Munich = 慕尼黑).
The files are derived from kept sources by ``tools/derive_check_data.py``, which names them.

With the Ding German-English dictionary installed (:mod:`l10n.lexicon`) the check knows more.
Runs of capitalised words (a sentence's first word counts only when it is a name; acronyms count
as names): an English common word that is no German word ("Street", "Court") beside a name, a
foreign or an English word is part of an English name ("Edinburgh Sheriff Court"); so is an
English word that is German too ("Office", "Radio") in a run of English words and names, after
one of them or beside an English word that is no German one ("Crown Office", "ADT Corporation";
a title before a name, "Manager Yuan", is none), also in quotes ("„Operation Dragoon“"); a word
neither language knows is a name beside a name or another such word ("Jamie Siminoff", "Buenos
Aires"). The last capitalised word after an honorific (``data/honorifics.txt``: "Dr. Moll",
"Frau Koch", not "eine junge Frau Mitte zwanzig") is a name. A name after a hyphen counts
("Ost-Texas"), a place listed whole is looked for whole ("Französisch-Guayana": French Guiana),
and a word that is no German word before a hyphen and a German word is a name ("Schengen-Raum").
A word after an opening quote or bracket, or after an initial ("D. K. Arya"), is taken for a
name by the same rules when it is no German word. A first name or surname of the US census
(``data/personal_names.txt``: Cooper, Flynn, Lantagne) that Ding does not know as German is a name,
and so is a word of ``data/en_usage.txt`` that is no word of Ding's itself, nor an inflection of
one (Sundarbans, Devonport). A name counts as kept when the translation has one of Ding's
translations of it (a German word after all). Names no list has, alone (Sintra), or that are
German words too (Müller, Schneider) without an honorific, are not
recognised. For Chinese, :mod:`l10n.checks.countries` asks for the countries (CLDR's Chinese names), and
:mod:`l10n.checks.transliteration` for the rest of a name the translation writes partly in Latin."""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher
from functools import lru_cache

from . import data_lines
from ..langid import function_words
from ..lexicon import Lexicon, english_stems, lexicon
from ..segment.rules import load_list

_CAPITALISED = re.compile(r"(?<![\w.\-])[A-ZÄÖÜ][a-zäöüßéèáàíóúñçëï]{2,}(?![\w])")
# With Ding, also a part after a hyphen: "Ost-Texas", "Anne-Frank-Museum" (German joins with a
# hyphen the names English writes apart).
_CAPITALISED_OR_PART = re.compile(r"(?<![\w.\-])[A-ZÄÖÜ][a-zäöüßéèáàíóúñçëï]{2,}(?![\w])|(?<=\w-)[A-ZÄÖÜ][a-zäöüßéèáàíóúñçëï]{2,}(?![\w])")
# A capital after these is the start of a sentence, a quotation or an enumeration, not a clue.
OPENERS = set(".!?:;\"'„“”‚‘»«(–—-•*#>")
_ENDS = set(".!?:;")  # of a sentence, a heading or a lead-in; the other openers start a quotation or a list
_NEIGHBOUR = re.compile(r"[A-ZÄÖÜ][\w'’]*")
_BEFORE_HYPHEN = re.compile(r"-([A-ZÄÖÜ]\w+)")  # "Schengen|-Raum"
_MIN_PART = 4  # compound parts (and stems of inflected names) of at least this many letters
_SPELLING = 0.8  # similarity of two spellings of one name
_DOUBLED = re.compile(r"(\w)\1")


@lru_cache(maxsize=1)
def not_names() -> frozenset[str]:
    """German words (lower case) that a translation translates: the lexicon, loaded once."""
    return frozenset(data_lines("de_not_names.txt"))


@lru_cache(maxsize=1)
def exonyms() -> dict[str, tuple[str, ...]]:
    """Every spelling of a place (lower case) -> all its spellings, from ``data/exonyms.tsv``."""
    groups: dict[str, tuple[str, ...]] = {}
    for line in data_lines("exonyms.tsv"):
        names = tuple(line.split("\t"))
        for name in names:
            key = name.lower()
            groups[key] = groups[key] + names if key in groups else names
    return groups


def _places(word: str) -> set[str]:
    """The spellings of the place ``word`` names (folded), or an empty set."""
    return {fold(n) for n in exonyms().get(word.lower(), ())}


def fold(text: str) -> str:
    """Lower case without accents: "München" -> "munchen".

    >>> fold("Müller-Lüdenscheidt")
    'muller-ludenscheidt'
    """
    text = unicodedata.normalize("NFKD", text.lower().replace("ß", "ss"))
    return "".join(c for c in text if not unicodedata.combining(c))


# German noun endings (Regierung, Freiheit, Gesellschaft, Pazifismus, Präfektur, Chemikalie) and
# the inflections a lexicon of base forms misses (Sterne, Monde, Wasserpegels, Eidechsen).
_NOUN_ENDING = re.compile(r"(?:ung|heit|keit|schaft|ismus|ierung|tät|ur|ie|nis|tum|ling|chen)(?:en|e|n|s|se|ses)?$")
_CASE_ENDINGS = ("en", "n", "es", "s", "er", "ern")
_INFLECTIONS = ("", "s", "es", "e", "en", "n", "er", "ern", "ns")


def translated_word(word: str) -> bool:
    """Whether ``word`` is a German word a translation translates (listed, inflected, a compound
    of a listed word, or with a noun ending), whatever its capital says.

    >>> translated_word("Wirtschaftsministerin"), translated_word("Balasubramanian")
    (True, False)
    """
    lexicon = not_names()
    lower = word.lower().replace("ß", "ss")  # wordfreq's spelling
    if _NOUN_ENDING.search(lower):
        return True
    stems = {lower[: len(lower) - len(end)] for end in _INFLECTIONS if lower.endswith(end)}
    if any(stem in lexicon for stem in stems):
        return True
    # A compound whose last part is a listed word: "Wirtschaftsförderungsgesellschaft", and
    # "Fortbewegungsart" (a part of three letters after a long first part).
    return any(stem[i:] in lexicon for stem in stems for i in range(3, len(stem) - _MIN_PART + 1)) or \
        any(len(stem) >= 9 and stem[-3:] in lexicon for stem in stems)


@lru_cache(maxsize=1)
def personal_names() -> frozenset[str]:
    """First names and surnames (lower case) of the US census (``data/personal_names.txt``), loaded once."""
    return frozenset(data_lines("personal_names.txt"))


@lru_cache(maxsize=1)
def english_proper_nouns() -> frozenset[str]:
    """Words English writes only capitalised (Berlin, Obama), loaded once."""
    return frozenset(data_lines("en_proper_nouns.txt"))


@lru_cache(maxsize=1)
def english_usage() -> frozenset[str]:
    """Words English uses at least as much as German, not English common words, loaded once."""
    return frozenset(data_lines("en_usage.txt"))


def _exonym(word: str) -> bool:
    """A place English calls by another name: Köln (Cologne), München (Munich), Peking."""
    others = _places(word) - {fold(word)}
    return any(name.isascii() and name.capitalize() in english_proper_nouns() for name in others)


def _name(word: str) -> bool:
    """Whether a capitalised word (not opening a sentence) is a name a translation keeps."""
    if _exonym(word):
        return True
    lower = word.lower().replace("ß", "ss")
    if word in english_proper_nouns():
        # Listed by English as a name: only the word itself, or the word with a plural or case
        # ending, being translated speaks against it (Bergen: Berg; George is no Georg, nor
        # Johannesburg a compound of Burg).
        lexicon = not_names()
        return lower not in lexicon and not any(lower.endswith(e) and lower[: -len(e)] in lexicon for e in _CASE_ENDINGS)
    if lower in exonyms() or lower in english_usage():
        # A place, or a word English uses as much as German (Tendulkar, Xinhua), unless it is
        # also a (possibly inflected) German word: Elche, Tors.
        return not translated_word(word)
    # A word no lexicon knows may be a foreign name (Tendulkar) or a rare German word (Tinnef,
    # Loiretal): taking those for names doubled the false alarms on held-out text, so it is not one.
    return False


def proper_names(source: str) -> list[str]:
    """Capitalised words of a German ``source`` that are names, in order, each once.

    A word opening a sentence, a quotation or a list item is left out: its capital says nothing
    (with Ding installed, a word after a quotation mark, a bracket or an initial is looked at
    when it is no German word; see the module's docstring).

    >>> proper_names("Die Regierung in Berlin und Präsident Obama bauen ein Haus in München.")
    ['Berlin', 'Obama', 'München']
    >>> proper_names("Ein Haus mit Türen.")  # Türen is no misspelt Turin
    []
    """
    lex = lexicon()
    if lex is not None:
        return _names_with_lexicon(source, _German(lex))
    found = []
    for m in _CAPITALISED.finditer(source):
        before = source[: m.start()].rstrip()
        if not before or before[-1] in OPENERS or m.group(0) in found:
            continue
        word = m.group(0)
        if _name(word):
            found.append(word)
    return found


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    """German abbreviations that do not end a sentence (the splitter's list): "Dr.", "St."."""
    return load_list("de_abbreviations.txt")


class _German:
    """What the Ding dictionary (and the word lists of this module) say about a German word."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex, self.function = lex, function_words("de")

    def name(self, word: str) -> bool:
        """:func:`_name`; an acronym (ADT, BBC: what a run of capitalised words around it is);
        a first name or surname of the US census that is no German word (Lantagne, Cooper, Flynn;
        not Schneider, Berg); or a word English uses at least as much as German that is no word of
        Ding's itself, nor an inflection of one (Sundarbans, Devonport: a compound reading, Devon +
        Port, does not make a word English writes more than German a German one)."""
        lower = word.lower()
        if len(word) >= 2 and word.isupper():
            return True
        if lower in english_usage() and not self.lex.is_german(word, self.function, compounds=False) \
                and not _NOUN_ENDING.search(lower):
            return True
        return _name(word) or lower in personal_names() and not self.word(word)

    def word(self, word: str) -> bool:
        """A German word: Ding's, a function word, a word with a German noun ending (Zerwürfnissen)
        or a word of ``de_not_names.txt`` that is no English word."""
        lower = word.lower()
        return self.lex.is_german(word, self.function) or bool(_NOUN_ENDING.search(lower)) or \
            (lower.replace("ß", "ss") in not_names() and not self.lex.is_english(word))

    def foreign(self, word: str) -> bool:
        """Neither a German word nor an English one: Siminoff, Pohamba, Aires."""
        return not self.word(word) and not self.lex.is_english(word)

    def english_only(self, word: str) -> bool:
        """An English common word that is no German one: Street, Court, Survey."""
        return self.lex.is_english(word) and not self.word(word)


def _where(source: str, start: int) -> str:
    """What comes before the word at ``start``: "start" (of a sentence or the text), "quote" (an
    opening quotation mark, bracket or dash) or "text"."""
    before = source[:start].rstrip()
    if not before:
        return "start"
    if before.endswith("."):
        word = re.findall(r"(\w+)\.$", before)
        initial = bool(word) and (len(word[0]) == 1 and word[0].isupper() or word[0] in _abbreviations())
        return "text" if initial else "start"
    if before[-1] in _ENDS:
        return "start"
    return "quote" if before[-1] in OPENERS else "text"


@lru_cache(maxsize=1)
def _honorifics() -> tuple[re.Pattern[str], frozenset[str]]:
    """``data/honorifics.txt``: a pattern of the text before a name (group 1: the word before an
    honorific marked "*", group 2: that honorific) and the determiners that rule those out."""
    words = data_lines("honorifics.txt")
    always = "|".join(re.escape(w) for w in words if w[-1] != "*" and w[0] != "-")
    unless = "|".join(re.escape(w[:-1]) for w in words if w[-1] == "*")
    pattern = re.compile(rf"(?:(?<![\w.])(?:{always})|(?:(\w+)\s+|^)({unless}))\s+(?:[A-ZÄÖÜ][\w'’]*\s+)*$")
    return pattern, frozenset(w[1:] for w in words if w[0] == "-")


def _after_honorific(before: str, word: str, german: _German) -> bool:
    """Whether ``word``, the last capitalised word of a run after ``before``, names the person an
    honorific of ``data/honorifics.txt`` announces: "Dr. Moll", "Frau Ministerin Schulze".

    >>> from l10n.lexicon import lexicon
    >>> lex = lexicon()
    >>> cases = (("sagte Dr. ", "Moll"), ("laut Frau ", "Wroblewski"), ("laut Frau ", "Koch"), ("die Frau ", "Wroblewski"),
    ...          ("eine junge Frau ", "Mitte"))
    >>> [_after_honorific(before, word, _German(lex)) for before, word in cases] if lex else [True, True, True, False, False]
    [True, True, True, False, False]
    """
    pattern, determiners = _honorifics()
    m = pattern.search(before)
    if m is None or m.group(2) is None:
        return m is not None
    return (m.group(1) or "").lower() not in determiners and \
        (not german.word(word) or word.lower() in personal_names())


def _hyphenated(source: str, start: int) -> str:
    """The whole word, hyphens and all, that the part at ``start`` is in: "Französisch-Guayana"."""
    while start and (source[start - 1].isalnum() or source[start - 1] == "-"):
        start -= 1
    return re.match(r"[\w-]*\w", source[start:]).group(0)


def _run(source: str, start: int, end: int, german: _German) -> tuple[list[str], list[str]]:
    """The other capitalised words (acronyms too) of the run of them that ``source[start:end]`` is
    in, those before it and those after it: "Edinburgh" and "Sheriff" before "Court" in "vor dem
    Edinburgh Sheriff Court angeklagt". A word opening a sentence is left out unless it is a name:
    its capital is the sentence's ("Da" in "Da Sie sich ...", not "Edgar" in "Edgar Veguilla ...")."""
    left = re.search(rf"(?:{_NEIGHBOUR.pattern}\s+)*$", source[:start])
    before = [w.group(0) for w in _NEIGHBOUR.finditer(left.group(0))
              if _where(source, left.start() + w.start()) != "start" or german.name(w.group(0))] if left else []
    right = re.match(rf"(?:\s+{_NEIGHBOUR.pattern})*", source[end:])
    after = _NEIGHBOUR.findall(right.group(0)) if right else []
    return before, after


def _names_with_lexicon(source: str, german: _German) -> list[str]:
    """:func:`proper_names` when Ding is installed: see the module's docstring.

    >>> from l10n.lexicon import lexicon
    >>> lex = lexicon()  # "Office" is a German word too (Ding), but follows an English one
    >>> _names_with_lexicon("Die Anklage vor dem Crown Office in Edinburgh.", _German(lex)) if lex else ['Crown', 'Office', 'Edinburgh']
    ['Crown', 'Office', 'Edinburgh']
    """
    found: list[str] = []
    for m in _CAPITALISED_OR_PART.finditer(source):
        word = m.group(0)
        where = "text" if source[m.start() - 1 : m.start()] == "-" else _where(source, m.start())
        if where == "start" or word in found:
            continue
        whole = _hyphenated(source, m.start())
        hyphen = _BEFORE_HYPHEN.match(source, m.end())
        before, after = _run(source, m.start(), m.end(), german)
        in_a_name = _in_a_name(word, before, after, german)
        if where == "quote" and german.word(word) and not in_a_name:
            continue  # a quoted German word ("„Sonnenschein“"), not an English name ("„Operation Dragoon“")
        if "-" in whole and whole.lower() in exonyms():
            word = whole  # a place named whole: Französisch-Guayana (French Guiana), not its parts
        elif not (german.name(word) or in_a_name or not after and _after_honorific(source[: m.start()], word, german)
                  or hyphen and german.word(hyphen.group(1)) and not german.word(word)):  # "Schengen-Raum"
            continue
        if word not in found:
            found.append(word)
    return found


def _in_a_name(word: str, before: list[str], after: list[str], german: _German) -> bool:
    """Whether ``word`` is part of a name by the capitalised words of its run, ``before`` and
    ``after`` it: a foreign word beside a name or another foreign word ("Jamie Siminoff", "Buenos
    Aires"); an English word that is no German one beside a name, a foreign or an English word
    ("Crown" in "Crown Office"); an English word that is German too in a run of names, foreign and
    English words, after one of them or beside an English word that is no German one ("Office" in
    "Crown Office", "TogiNet Radio", "Operation Dragoon"; not the title before a name in "Manager
    Yuan" or "Sturm Jerry").
    """
    run = before + after
    if german.foreign(word):
        return any(german.name(n) or german.foreign(n) for n in run)
    if german.english_only(word):
        return any(german.name(n) or not german.word(n) or german.lex.is_english(n) for n in run)
    return bool(run) and german.lex.is_english(word) and \
        all(german.lex.is_english(n) or german.foreign(n) or german.name(n) for n in run) and \
        (any(german.english_only(n) and not german.name(n) for n in after) or
         any(german.english_only(n) or german.foreign(n) or german.name(n) for n in before))


def _forms(name: str) -> set[str]:
    folded = fold(name)
    forms = {folded, folded.replace("ä", "ae")}
    for german, plain in (("ä", "ae"), ("ö", "oe"), ("ü", "ue")):
        if german in name.lower():
            forms.add(fold(name.lower().replace(german, plain)))
    # Inflected: "Obamas" -> "Obama", "Berliner" -> "Berlin"; a stem of at least _MIN_PART letters.
    stem = max(_MIN_PART, len(folded) - 2)
    return forms | {f[:stem] for f in forms}


def kept(name: str, target: str) -> bool:
    """Whether ``target`` has ``name``: any case or accent, inflected, or an exonym of it.

    >>> kept("München", "in Munich"), kept("Köln", "Cologne"), kept("Peking", "在北京"), kept("Hongkong", "Hong Kong")
    (True, True, True, True)
    >>> kept("Müller", "Mr Mueller"), kept("Müller", "Mr Smith"), kept("Kanada", "Canadian citizens")
    (True, False, True)
    >>> kept("Lary", "survivors of Larry Nassar"), kept("Lary", "survivors of Harry Nassar")
    (True, False)
    """
    folded = fold(target)
    words = re.findall(r"\w+", folded)
    joined = folded.replace(" ", "").replace("-", "")  # Hongkong: Hong Kong
    if any(w.startswith(form) for form in _forms(name) for w in words) or fold(name) in joined:
        return True
    # A letter doubled or not: Lary/Larry, Philip/Phillip, Mathew/Matthew.
    if _DOUBLED.sub(r"\1", fold(name)) in {_DOUBLED.sub(r"\1", w) for w in words}:
        return True
    # Another spelling of the same name: Elisabeth/Elizabeth, Kongo/Congo (letters of 5 or more).
    if len(name) >= 5 and any(SequenceMatcher(None, fold(name), w).ratio() >= _SPELLING for w in words):
        return True
    places = _places(name)
    # The place's other names, also as adjectives: Kanada -> Canadian, Griechenland -> Greek.
    # (Of one-word names only: "St Petersburg" makes no stem "St", "Vatican City" is found whole.)
    stems = {p[: max(_MIN_PART, len(p) - 2)] for p in places if p.isascii() and re.fullmatch(r"\w{%d,}" % _MIN_PART, p)}
    if any(p in folded for p in places if not p.isascii() or " " in p):  # 北京, Vatican City
        return True
    return any(w.startswith(stem) for w in words for stem in stems) or _translated(name, target)


def _translated(name: str, target: str) -> bool:
    """Whether ``target`` has one of Ding's translations of ``name`` (a German word after all:
    "Japanisch" as "Japanese"); never without Ding."""
    lex = lexicon()
    return lex is not None and bool(lex.translations(name) & english_stems(target))
