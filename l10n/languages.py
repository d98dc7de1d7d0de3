"""What l10n knows about each language: gettext code, plural forms, HTML language tag.

Kept as data so a new language is one entry here (plus segmentation rules if it needs them).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .errors import ConfigError


@dataclass(frozen=True)
class Language:
    """A language l10n can read or write."""

    code: str  # as used in l10n.toml and folder names: "de", "en", "zh"
    gettext: str  # PO header ``Language``: "zh_CN"
    html: str  # BCP 47 tag for ``lang`` attributes: "zh-Hans"
    name: str  # English name, for reports
    plural_forms: str  # PO header ``Plural-Forms``
    sentence_space: bool  # whether sentences are separated by a space when joined
    # Its token in multilingual translation models, by model family (l10n/engines/ct2models.py).
    model_tokens: dict[str, str] = field(default_factory=dict, hash=False, compare=False)


LANGUAGES: dict[str, Language] = {
    "de": Language("de", "de", "de", "German", "nplurals=2; plural=(n != 1);", True,
                   {"nllb": "deu_Latn", "m2m100": "__de__"}),
    "en": Language("en", "en", "en", "English", "nplurals=2; plural=(n != 1);", True,
                   {"nllb": "eng_Latn", "m2m100": "__en__"}),
    "zh": Language("zh", "zh_CN", "zh-Hans", "Chinese (Simplified)", "nplurals=1; plural=0;", False,
                   {"nllb": "zho_Hans", "m2m100": "__zh__"}),
}


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
