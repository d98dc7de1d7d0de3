"""The checks themselves: each takes a :class:`Unit` and yields one-line explanations.

Tuned on real human translations (the FLORES devtest, see ``bench/check_false_alarms.py``): a check
at ``error`` must stay quiet on good translations, so anything that is merely unusual is a
``warning``.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Iterator

from . import Unit, check, countries, data_lines, propernames, transliteration
from ..flags import MASK_FLAG
from ..langid import detect, prose
from ..languages import LANGUAGES, count_ideographs, facts_of
from ..loops import loops
from ..model import WORD
from ..numbers import extra_numbers, missing_numbers
from ..numberwords import is_month
from ..sources.markers import problems

# --- numbers -------------------------------------------------------------------------------------


@lru_cache(maxsize=64)
def _missing_numbers(source: str, target: str, src: str, tgt: str) -> tuple:
    """:func:`~l10n.numbers.missing_numbers`, worked out once per entry for the two checks that read it."""
    return tuple(missing_numbers(source, target, src, tgt))


@check("numbers", "error")
def numbers(unit: Unit) -> Iterator[str]:
    """Every number written in digits, and every month, of the source is in the translation (in any local form)."""
    missing = [n.text for n in _missing_numbers(unit.source, unit.target, unit.src, unit.tgt)
               if not n.written or is_month(n.text, unit.src)]
    if missing:
        yield f"number{'s' if len(missing) > 1 else ''} {', '.join(missing)} not found in the translation"


@check("numbers-words", "warning")
def numbers_words(unit: Unit) -> Iterator[str]:
    """Written-out numbers ("drei") are in the translation, as words or digits."""
    missing = [n.text for n in _missing_numbers(unit.source, unit.target, unit.src, unit.tgt)
               if n.written and not is_month(n.text, unit.src)]
    if missing:
        yield f"written-out number{'s' if len(missing) > 1 else ''} {', '.join(missing)} not found in the translation"


@check("numbers-extra", "error")
def numbers_extra(unit: Unit) -> Iterator[str]:
    """The translation has no figure in digits that the source lacks."""
    extra = [n.text.strip() for n in extra_numbers(unit.source, unit.target, unit.src, unit.tgt)]
    if extra:
        yield f"number{'s' if len(extra) > 1 else ''} {', '.join(extra)} not in the source"


# --- glossary and names --------------------------------------------------------------------------


@check("glossary", "error")
def glossary_names(unit: Unit) -> Iterator[str]:
    """Do-not-translate terms of the glossary appear exactly as written."""
    for term in unit.glossary.in_source(unit.source, unit.src):
        if term.dnt and not term.find(unit.target, unit.src):
            yield f"protected term {term.forms[0][1][0]!r} is missing or changed"


@check("terms", "warning")
def glossary_terms(unit: Unit) -> Iterator[str]:
    """Glossary term pairs: the agreed translation of a source term is used."""
    for term in unit.glossary.in_source(unit.source, unit.src):
        wanted = term.get(unit.tgt)
        if not term.dnt and wanted and not term.find(unit.target, unit.tgt):
            yield f"{term.forms[0][1][0]!r} should be translated as {' or '.join(map(repr, wanted))}"


_NAME = re.compile(r"(?<![\w.])[A-Za-z0-9][\w&]*(?:\.[\w&]+)*")


def _lines(name: str) -> list[str]:
    """The entries of a one-a-line file in ``data/`` (comments after ``#`` left out)."""
    return [entry for line in data_lines(name) if (entry := line.split("#")[0].strip())]


@lru_cache(maxsize=1)
def _translated_acronyms() -> frozenset[str]:
    return frozenset(_lines("translated_acronyms.txt"))


@lru_cache(maxsize=1)
def _particle_name() -> re.Pattern[str]:
    """McDonald, DiCaprio, KwaZulu: a name opened by a particle (``data/name_particles.txt``)."""
    return re.compile(f"(?:{'|'.join(map(re.escape, _lines('name_particles.txt')))})[A-Z][a-z]+")
_NOT_NAMES = re.compile(r"\d+(?:er|ern|ers|s|th|st|nd|rd)|[IVXLC]+")  # 1960er, 1980s, XIV


def name_tokens(text: str) -> list[str]:
    """Tokens that look like names and are never translated: NASA, iPhone, A380, NRW.INVEST.

    >>> name_tokens("OPPO und VIVO eröffnen in Düsseldorf; die EU, der A380 und Ludwig XIV. in den 1960er Jahren.")
    ['OPPO', 'VIVO', 'A380']
    >>> name_tokens("McDonald's und MacArthur, aber iPhone")
    ['McDonald', 'MacArthur', 'iPhone']
    """
    return list(_name_tokens(text))


@lru_cache(maxsize=8192)
def _name_tokens(text: str) -> tuple[str, ...]:
    # Remembered: several checks ask for the same source's names, and "untranslated" asks word by word.
    names = []
    for token in _NAME.findall(text):
        letters = [c for c in token if c.isalpha()]
        caps = sum(c.isupper() for c in letters)
        camel = re.search(r"[a-z][A-Z]", token) is not None
        mixed = bool(letters) and any(c in "0123456789" for c in token)
        shouting = caps == len(letters) and len(letters) >= 5 and not mixed and "." not in token
        if (caps >= 2 or camel or mixed) and not shouting and not _NOT_NAMES.fullmatch(token) \
                and token not in _translated_acronyms():
            names.append(token)
    return tuple(names)


def _short_acronym(name: str) -> bool:
    # A language that writes names in its own script often does so for a short acronym too
    # (FBI -> 联邦调查局, NASA -> 美国宇航局).
    return name.isalpha() and name.isupper() and len(name) <= 5


def _kept(name: str, target: str, source: str = "") -> bool:
    """Whether ``target`` has ``name`` (any case, a plural "s" aside) as often as ``source``."""
    lowered = target.lower()
    wanted = max(1, len(re.findall(rf"(?<![\w.]){re.escape(name)}", source)))
    return lowered.count(name.lower()) >= wanted or (name.endswith("s") and name[:-1].lower() in lowered)


def protected_names(source: str, tgt: str) -> list[str]:
    """The names of ``source`` that a ``tgt`` translation must keep as they are.

    A language that writes names in its own script transcribes a name opened by a particle
    (McDonald: 麦当劳, KwaZulu: 夸祖鲁) and often renders a short acronym:

    >>> protected_names("McDonald's eröffnet in KwaZulu-Natal eine Filiale mit iPhone-Kassen, sagt die FIFA.", "zh")
    ['iPhone']
    """
    found = dict.fromkeys(name_tokens(source))
    if not facts_of(tgt).names_in_own_script:
        return list(found)
    return [n for n in found if not (_short_acronym(n) or _particle_name().fullmatch(n))]


@check("names", "error")
def names(unit: Unit) -> Iterator[str]:
    """Names written like names (acronyms, CamelCase, letters with digits) are kept."""
    lost = [n for n in protected_names(unit.source, unit.tgt) if not _kept(n, unit.target, unit.source)]
    if lost:
        yield f"name{'s' if len(lost) > 1 else ''} {', '.join(lost)} not found in the translation"


@check("proper-names", "error")
def proper_names_kept(unit: Unit) -> Iterator[str]:
    """Ordinary names (Berlin, Obama) are kept, in any spelling or as an exonym (München: Munich)."""
    if unit.src != "de":
        return
    target = facts_of(unit.tgt)
    if target.names_in_own_script:  # most names are transcribed; countries have one agreed name
        lost = countries.lost_countries(unit.source, unit.target)
        if target.transcription == "pinyin":  # and the others are heard: 奥巴马 is Obama
            lost += [n for n in transliteration.lost_names(unit.source, unit.target) if n not in lost]
    else:
        lost = [n for n in propernames.proper_names(unit.source) if not propernames.kept(n, unit.target)]
    if lost:
        yield f"name{'s' if len(lost) > 1 else ''} {', '.join(lost)} not found in the translation"


@check("acronyms", "warning")
def acronyms(unit: Unit) -> Iterator[str]:
    """Short acronyms missing from a Chinese translation (often rendered in Chinese: check)."""
    if facts_of(unit.tgt).names_in_own_script:
        lost = [n for n in dict.fromkeys(name_tokens(unit.source)) if _short_acronym(n) and not _kept(n, unit.target)]
        if lost:
            yield f"acronym{'s' if len(lost) > 1 else ''} {', '.join(lost)} not in the translation (fine if rendered in Chinese)"


@check("masking", "error")
def masking(unit: Unit) -> Iterator[str]:
    """The engine lost a placeholder (a glossary term or an inline marker): the sentence was
    translated without protection, its markers put around the whole sentence."""
    if MASK_FLAG in unit.entry.flags:
        yield "the engine dropped or doubled a placeholder of a protected term or inline marker; check every name and move the markers to their words (remove the flag when done)"


# --- untranslated, language, loops, length -------------------------------------------------------

@check("untranslated", "error")
def untranslated(unit: Unit) -> Iterator[str]:
    """The translation is not the source copied (wholly or mostly).

    Only the words a translator translates count: link targets, URLs, web and e-mail addresses
    and telephone numbers are the same in every language.

    >>> list(untranslated(Unit("Pressekontakt: Jonas Berger, Telefon +49 211 1234-567, presse@example.de",
    ...     "Press contact: Jonas Berger, phone +49 211 1234-567, presse@example.de", "de", "en", None)))
    []
    """
    src_words = [w.lower() for w in WORD.findall(prose(unit.source)) if len(w) > 2 and not name_tokens(w)]
    if " ".join(unit.source.split()) == " ".join(unit.target.split()) and len(src_words) >= 2:
        yield "the translation is the source text"
        return
    target = facts_of(unit.tgt)
    if target.ideographic:
        if len(src_words) >= 3 and not count_ideographs(unit.target):
            yield f"no {target.short_name} in the translation: the source looks copied"
        return
    target_words = {w.lower() for w in WORD.findall(prose(unit.target))}
    copied = sum(w in target_words for w in src_words)
    if len(src_words) >= 4 and copied / len(src_words) >= 0.7:
        yield f"{copied} of {len(src_words)} source words are copied into the translation"


@check("language", "error")
def language(unit: Unit) -> Iterator[str]:
    """The translation is in the target language (judged only where it is long enough)."""
    if facts_of(unit.tgt).ideographic and count_ideographs(unit.target) >= 0.2 * sum(c.isalpha() for c in unit.target):
        return  # Chinese with names or glosses in Latin letters is still Chinese
    found = detect(unit.target)
    if found and found[0] != unit.tgt and found[1] >= 0.99 and (found[0] in LANGUAGES or found[0] == unit.src):
        yield f"the translation looks like {found[0]!r}, not {unit.tgt!r}"


def _tokens(text: str, lang: str) -> list[str]:
    if facts_of(lang).ideographic:
        # Characters, but a number or a Latin word is one token: "2000" is no loop of zeros.
        return re.findall(r"[^\W\d_a-zA-Z]|[a-zA-Z]+|\d+", text)
    return [w.lower() for w in re.findall(r"\w+", text)]


@check("repetition", "error")
def repetition(unit: Unit) -> Iterator[str]:
    """No phrase repeats back to back in a loop (a known failure of neural MT)."""
    new = set(loops(_tokens(unit.target, unit.tgt))) - set(loops(_tokens(unit.source, unit.src)))
    if new:
        yield f"repeated in a loop: {min(new, key=len)!r}"


# Translation length / source length (characters) outside a language's ``length_ratio`` is an
# outlier (l10n/data/languages.toml; measured on FLORES devtest reference translations: de->en
# 0.61-1.24, de->zh 0.16-0.73, 0.3rd-99.7th percentile). A language without one: these.
DEFAULT_LENGTH_RATIO = (0.3, 3.0)
MIN_LENGTH = 25
# FLORES sentences average about 130 characters; below this the band above is too tight.
SHORT_LENGTH = 60
SHORT_WIDEN = 1.25
HEADLINE_WIDEN = 1.3
SPELLED_OUT = 30


def _headline(text: str) -> bool:
    """A line without a verb's full stop: no end punctuation and under 100 characters."""
    stripped = text.strip()
    return len(stripped) < 100 and stripped[-1:] not in ".!?:;。！？"


# A bracketed gloss: the original of a transcribed name or term, "尼古拉斯·奥尔登 (Nicholas Alden)".
_GLOSS = re.compile(r"\s*[(（]([^()（）]+)[)）]")


def _without_glosses(target: str, source: str, ideographic: bool = False) -> str:
    """``target`` without its bracketed glosses: words of ``source`` repeated, or (in a language
    written in ideographs) words in Latin letters, unless the source has them in brackets too.

    >>> _without_glosses("遇难者是尼古拉斯·奥尔登 (Nicholas Alden)，驾车的是他 (XDR)。", "Nicholas Alden (XDR) fuhr.")
    '遇难者是尼古拉斯·奥尔登，驾车的是他 (XDR)。'
    >>> _without_glosses("埃尔斯沃思地 (Ellsworth Land) 位于南部（见图）。", "Ellsworthland liegt im Süden.", ideographic=True)
    '埃尔斯沃思地 位于南部（见图）。'
    """
    def gloss(m: re.Match[str]) -> str:
        words = m.group(1).strip()
        latin = ideographic and not count_ideographs(words) and any(c.isalpha() for c in words)
        return "" if (words in source or latin) and f"({words})" not in source else m.group(0)
    return _GLOSS.sub(gloss, target)


@check("length", "error")
def length(unit: Unit) -> Iterator[str]:
    """The translation's length is plausible for the language pair; a bracketed gloss of the
    source's words (a Chinese transcription's original: "奥尔登 (Alden)") is not counted."""
    glossless = _without_glosses(unit.target, unit.source, facts_of(unit.tgt).ideographic)
    source, target = len(unit.source.strip()), len(glossless.strip())
    low, high = facts_of(unit.tgt).length_ratio or DEFAULT_LENGTH_RATIO
    if source < SHORT_LENGTH:
        # The ratio of a short sentence scatters more ("Ende 2018 besaß OPPO über 5.000 Patente."
        # is 1.35 in English): the band widens, while a truncation or a loop still falls outside.
        low, high = round(low / SHORT_WIDEN, 2), round(high * SHORT_WIDEN, 2)
    if _headline(unit.source):
        # A terse headline ("Neuer Standort in Düsseldorf") is often rendered longer or shorter.
        low, high = round(low / HEADLINE_WIDEN, 2), round(high * HEADLINE_WIDEN, 2)
    # An acronym a translation renders in words ("BMBF": "the Federal Ministry of Education and
    # Research") may lengthen it by what about SPELLED_OUT characters of German would give.
    spelled = SPELLED_OUT * sum(token in _translated_acronyms() for token in _NAME.findall(unit.source))
    if source >= MIN_LENGTH and not (low <= target / source and target / (source + spelled) <= high):
        yield f"translation is {target / source:.2f} times the source length (expected {low}-{high})"


# --- punctuation, brackets, markup ---------------------------------------------------------------

# Quotes, brackets and spaces of any of the languages that may follow the final mark of a sentence.
_TRAILING = "\"'”’“»«」』）)】》 "
_END = {".": ".。", "!": "!！", "?": "?？", ":": ":："}
_FULL_WIDTH_ENDS = "。！？："


def _last(text: str) -> str:
    stripped = text.rstrip(_TRAILING)
    return stripped[-1:] if stripped else ""


@check("end-punctuation", "warning")
def end_punctuation(unit: Unit) -> Iterator[str]:
    """Sentence-final punctuation matches the source (。！？： in Chinese)."""
    src, tgt = _last(unit.source), _last(unit.target)
    target = facts_of(unit.tgt)
    if src in _END:
        accepted = target.end_mark(src)
        if tgt not in accepted and not (src == "." and tgt in "…" + accepted):
            yield f"source ends with {src!r}, translation with {tgt!r} (expected {' or '.join(accepted)})"
    elif tgt in "".join(_END.values()) and src not in "…;,":
        yield f"translation ends with {tgt!r} but the source has no end punctuation"
    elif tgt in _FULL_WIDTH_ENDS and tgt not in target.sentence_ends.values():
        yield f"Chinese punctuation {tgt!r} at the end of a {unit.tgt!r} translation"


_PAIRS = {"(": ")", "[": "]", "{": "}", "（": "）", "【": "】", "《": "》", "「": "」", "『": "』"}


def _balanced(text: str) -> bool:
    stack = []
    for char in text:
        if char in _PAIRS:
            stack.append(_PAIRS[char])
        elif char in _PAIRS.values():
            if not stack or stack.pop() != char:
                return False
    return not stack


@check("brackets", "warning")
def brackets(unit: Unit) -> Iterator[str]:
    """Brackets are balanced and quotes follow the target language's style."""
    if _balanced(unit.source) and not _balanced(unit.target):
        yield "brackets are not balanced"
    opening, closing = facts_of(unit.tgt).quotes
    if opening == "„":
        return  # German-style quotes: “ closes there and opens elsewhere, so counts prove nothing
    if "„" in unit.target:
        yield f"German quotes „…“ in a {unit.tgt!r} translation (use {opening}{closing})"
    if unit.target.count(opening) != unit.target.count(closing):
        yield f"quotes {opening}{closing} are not balanced"


_MARKUP = re.compile(
    r"`[^`]+`|\]\([^)\s]+\)|https?://[^\s)>\]]+|%\(\w+\)[sd]|%[sd]|\{\w*\}|</?[a-zA-Z][^>]*>|\*\*|__|(?<![\w*])\*(?=\w)|(?<=\w)\*(?![\w*])"
)


@check("markup", "error")
def markup(unit: Unit) -> Iterator[str]:
    """Placeholders, inline code, links and Markdown emphasis survive translation."""
    source, target = Counter(_MARKUP.findall(unit.source)), Counter(_MARKUP.findall(unit.target))
    lost, added = source - target, target - source
    if lost:
        yield f"markup missing in the translation: {', '.join(sorted(lost))}"
    if added:
        yield f"markup not in the source: {', '.join(sorted(added))}"


@check("markers", "error")
def markers(unit: Unit) -> Iterator[str]:
    """Inline markers (``<1>…</1>``, ``<2/>``: formatting in HTML and Word) are all in the
    translation, each once, and pairs open before they close and nest.

    >>> from l10n.catalog import Entry
    >>> list(markers(Unit("", "", "de", "en", Entry("Das ist <1>neu</1>.<2/>", "This is <1>new.<2/><3/>"))))
    ['inline markers wrong: missing </1>, extra <3/> (keep each marker of the source once, pairs around words)']
    """
    found = problems(unit.entry.msgstr, unit.entry.msgid)
    if found:
        yield f"inline markers wrong: {', '.join(map(str, found))} (keep each marker of the source once, pairs around words)"
