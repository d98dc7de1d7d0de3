"""The engine registry and the pseudo-localisation engine."""

from __future__ import annotations

import re

import pytest

from l10n.config import load_config
from l10n.engines import engine_names, get_engine
from l10n.engines.pseudo import pseudo_localise
from l10n.errors import EngineError


def test_registry_lists_builtins_and_rejects_unknown(tmp_path):
    assert {"argos", "pseudo"} <= set(engine_names())
    with pytest.raises(EngineError, match="unknown engine 'deepl'"):
        get_engine("deepl", load_config(tmp_path))


@pytest.mark.parametrize("target", ["en", "zh"])
def test_pseudo_keeps_numbers_names_markup_and_is_deterministic(target):
    text = "OPPO hat rund 20.000 Mitarbeiter, siehe **mi.com** und [NRW.INVEST](https://www.nrwinvest.com/de) oder `code`."
    out = pseudo_localise(text, target)
    assert out == pseudo_localise(text, target)
    for kept in ("OPPO", "20.000", "mi.com", "NRW.INVEST", "](https://www.nrwinvest.com/de)", "`code`", "**", ","):
        assert kept in out
    assert "Mitarbeiter" not in out  # the words themselves are visibly changed
    assert re.sub(r"[^\w]", "", out) != re.sub(r"[^\w]", "", text)


def test_pseudo_marks_boundaries_and_expands_english():
    en = pseudo_localise("Das ist ein Satz.", "en")
    assert en.startswith("[") and en.endswith("]") and len(en) > len("Das ist ein Satz.") * 1.2
    zh = pseudo_localise("Das ist ein Satz.", "zh")
    assert zh.startswith("【") and zh.endswith("】")
