"""English and Chinese splitting for the target side, each with a small golden table."""

from __future__ import annotations

import pytest

from l10n.errors import ConfigError
from l10n.segment import get_splitter

from .test_de_golden import HERE, load_jsonl, sentences


def _cases(lang: str) -> list:
    rows = load_jsonl(HERE / "data" / f"{lang}_cases.jsonl")
    return [pytest.param(lang, c, id=f"{lang}-{i:02d}") for i, c in enumerate(rows)]


@pytest.mark.parametrize(("lang", "case"), _cases("en") + _cases("zh"))
def test_golden(lang: str, case: dict) -> None:
    assert sentences(case["input"], lang) == case["expected"]


def test_unknown_language_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="no sentence splitter for language 'xx'"):
        get_splitter("xx")
