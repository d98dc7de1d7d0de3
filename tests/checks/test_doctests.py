"""The examples in the docstrings of the checks, glossary and masking modules are true."""

from __future__ import annotations

import doctest

import pytest

import l10n.checks.numbers
import l10n.checks.propernames
import l10n.checks.rules
import l10n.engines.masking


@pytest.mark.parametrize("module", [l10n.checks.numbers, l10n.checks.propernames, l10n.checks.rules, l10n.engines.masking])
def test_docstring_examples(module) -> None:
    result = doctest.testmod(module)
    assert result.attempted > 0 and result.failed == 0
