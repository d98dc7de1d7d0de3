"""Per-language facts live on Language objects (l10n/data/languages.toml): a language is one table."""

from __future__ import annotations

from dataclasses import replace
from importlib import import_module

import pytest

from l10n import languages
from l10n.checks import Unit
from l10n.checks.rules import brackets, end_punctuation
from l10n.catalog import Entry
from l10n.engines.pseudo import pseudo_localise
from l10n.segment import get_splitter


@pytest.mark.parametrize("code", sorted(languages.LANGUAGES))
def test_every_language_has_its_facts(code: str):
    language = languages.LANGUAGES[code]
    module, name = language.splitter.split(":")
    assert callable(getattr(import_module(module), name))
    assert len(language.quotes) == 2 and language.closers and language.plural_forms.startswith("nplurals=")
    assert set(language.sentence_ends) <= {".", "!", "?", ":"}


def test_a_new_language_is_one_entry(monkeypatch):
    """Japanese added as data only: pseudo-localisation, punctuation checks and splitting follow its facts."""
    ja = replace(languages.LANGUAGES["zh"], code="ja", gettext="ja", html="ja", name="Japanese", script="Jpan",
                 quotes=("「", "」"), splitter="l10n.segment.zh:ChineseSplitter")
    monkeypatch.setitem(languages.LANGUAGES, "ja", ja)
    assert pseudo_localise("Ein Satz.", "ja").startswith("【")
    unit = Unit("Das ist gut.", "それは良い。", "de", "ja", Entry("Das ist gut.", "それは良い。"))
    assert list(end_punctuation(unit)) == []
    assert list(end_punctuation(replace(unit, target="それは良い"))) == ["source ends with '.', translation with 'い' (expected 。)"]
    assert "quotes 「」 are not balanced" in list(brackets(replace(unit, target="「良い")))
    assert len(get_splitter("ja").split("良い。悪い。")) == 2


def test_an_unknown_code_gets_neutral_facts():
    assert languages.facts_of("fr").quotes == ("“", "”") and not languages.facts_of("fr").ideographic
    assert languages.facts_of("fr").end_mark("?") == "?"
