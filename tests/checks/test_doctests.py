"""The examples in the docstrings of the checks, glossary and masking modules are true."""

from __future__ import annotations

import doctest

import pytest

import l10n.checks.numbers
import l10n.checks.rules
import l10n.engines.masking
import l10n.provenance
import l10n.translate


@pytest.mark.parametrize("module", [l10n.checks.numbers, l10n.checks.rules, l10n.engines.masking, l10n.provenance, l10n.translate])
def test_docstring_examples(module) -> None:
    result = doctest.testmod(module)
    assert result.attempted > 0 and result.failed == 0
