"""What l10n knows about each language, as Translate Toolkit's ``lang/`` modules do.

The facts are data, one table per language in ``l10n/data/languages.toml``: gettext code, plural
forms, HTML tag, script, quotation marks, sentence spacing and end marks, what closes a sentence,
its sentence splitter. Code asks the :class:`Language` instead of testing ``lang == "zh"``, so
adding a language is one table there (plus a splitter and check lexicons if it needs them).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from importlib import resources

from .errors import ConfigError

# Script facts: the CJK Unified Ideographs block, and Latin letters with digits (ASCII to Latin Extended-B).
IDEOGRAPHS = "\u4e00-\u9fff"
LATIN = "0-9A-Za-z\u00c0-\u024f"
_IDEOGRAPH = re.compile(f"[{IDEOGRAPHS}]")
_IDEOGRAPHIC_SCRIPTS = ("Hans", "Hant", "Hani", "Jpan", "Kore")


@dataclass(frozen=True)
class Language:
    """A language l10n can read or write.

    >>> zh, de = get_language("zh"), get_language("de")
    >>> zh.gettext, zh.html, zh.sentence_space, de.sentence_space
    ('zh_CN', 'zh-Hans', False, True)
    """

    code: str  # as used in l10n.toml and folder names: "de", "en", "zh"
    gettext: str  # PO header ``Language``: "zh_CN"
    html: str  # BCP 47 tag for ``lang`` attributes: "zh-Hans"
    name: str  # English name, for reports
    plural_forms: str  # PO header ``Plural-Forms``
    sentence_space: bool  # whether sentences are separated by a space when joined
    # Its token in multilingual translation models, by model family (l10n/engines/ct2models.py).
    model_tokens: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    script: str = "Latn"  # ISO 15924
    quotes: tuple[str, str] = ("“", "”")  # opening and closing quotation marks
    closers: str = ""  # marks after a final . ! ? that belong to the sentence (closing quotes, brackets)
    sentence_ends: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    names_in_own_script: bool = False  # foreign names and short acronyms written in its own script
    transcription: str = ""  # how it renders foreign names by sound: "pinyin" (l10n/checks/transliteration.py)
    length_ratio: tuple[float, float] | None = None  # plausible translation / German source length
    aliases: tuple[str, ...] = ()  # other codes servers use for it
    splitter: str = ""  # its sentence splitter, "module:Class"

    @property
    def ideographic(self) -> bool:
        """Whether it is written in CJK ideographs (no spaces between words, full-width marks).

        >>> get_language("zh").ideographic, get_language("en").ideographic
        (True, False)
        """
        return self.script in _IDEOGRAPHIC_SCRIPTS

    @property
    def short_name(self) -> str:
        """The name without its variant: "Chinese".

        >>> get_language("zh").short_name
        'Chinese'
        """
        return self.name.split(" (")[0]

    def end_mark(self, mark: str) -> str:
        """How this language writes the sentence end ``mark`` (one of ``. ! ? :``).

        >>> get_language("zh").end_mark("?"), get_language("de").end_mark("?")
        ('？', '?')
        """
        return self.sentence_ends.get(mark, mark)

    def closers_class(self) -> str:
        """:attr:`closers` escaped for a regular expression's character class.

        >>> re.fullmatch(f"[{get_language('zh').closers_class()}]+", "”）]") is not None
        True
        """
        return char_class(self.closers)


def char_class(chars: str) -> str:
    """``chars`` escaped to go between the brackets of a regular expression's character class.

    >>> char_class("a]-^\\\\")
    'a\\\\]\\\\-\\\\^\\\\\\\\'
    """
    return "".join("\\" + c if c in "]\\^-" else c for c in chars)


def count_ideographs(text: str) -> int:
    """How many CJK ideographs ``text`` holds.

    >>> count_ideographs("营收达197亿欧元 (Xiaomi)")
    6
    """
    return len(_IDEOGRAPH.findall(text))


def _load() -> dict[str, Language]:
    data = tomllib.loads(resources.files("l10n").joinpath("data", "languages.toml").read_text(encoding="utf-8"))
    tuples = ("quotes", "length_ratio", "aliases")
    return {code: Language(code=code, **{k: tuple(v) if k in tuples else v for k, v in facts.items()})
            for code, facts in data.items()}


LANGUAGES: dict[str, Language] = _load()


def facts_of(code: str) -> Language:
    """The language for ``code``; for a code l10n does not know (a catalog in ``fr/``), neutral facts.

    >>> facts_of("zh").quotes, facts_of("fr").quotes, facts_of("fr").ideographic
    (('“', '”'), ('“', '”'), False)
    """
    return LANGUAGES.get(code) or Language(code, code, code, code, "", True)


def get_language(code: str, what: str = "") -> Language:
    """Return the language for ``code`` or raise a :class:`ConfigError` listing the known ones.

    ``what`` names where the code came from (``--lang``) for the message.
    """
    try:
        return LANGUAGES[code]
    except KeyError:
        known = ", ".join(sorted(LANGUAGES))
        message = f"{what} {code!r} is not a language l10n knows" if what else f"unknown language {code!r}"
        raise ConfigError(message, hint=f"known languages: {known}") from None
