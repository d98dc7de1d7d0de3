"""Outputs that repeat themselves in a loop are cut after the first copy and flagged."""

from __future__ import annotations

from l10n.loops import cut_loop


def test_single_token_loop() -> None:
    assert cut_loop(["▁Hallo", "▁la", "▁la", "▁la", "▁la", "▁la"]) == (["▁Hallo", "▁la"], True)


def test_phrase_loop() -> None:
    pieces = ["▁A"] + ["▁is", "▁good", "."] * 5
    assert cut_loop(pieces) == (["▁A", "▁is", "▁good", "."], True)


def test_ordinary_repetition_is_kept() -> None:
    pieces = ["▁very", "▁very", "▁very", "▁good", "▁news", "."]
    assert cut_loop(pieces) == (pieces, False)
