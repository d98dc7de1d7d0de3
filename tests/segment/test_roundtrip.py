"""Pieces and gaps join back to the input exactly, for any text (property-based)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from l10n.segment import get_splitter

# Text built from the characters that matter to splitting, plus anything at all.
_ALPHABET = st.sampled_from(
    list(" \t\n\r\n\u00a0\u2028.!?…,:;„“”»«‚‘’\"'()[]¹•-–0123456789aAzZäÖßéKIVX。！？，“”」）中文😀\x85\x1c")
)
_TEXT = st.one_of(st.text(), st.text(_ALPHABET), st.lists(st.sampled_from(
    ["Dr.", "z. B.", "usw.", "3.", "1.000", "mi.com", "II.", "DÜSSELDORF.", " ", "\n", "\r\n", "\n\n", "Satz", "ein",
     "„", "“", "»", "«", "...", "…", "?", "!", "(", ")", "[1]", "• ", "- ", "😀", "中文。", "e. V."]
)).map("".join))


def check(text: str, lang: str) -> None:
    spans = get_splitter(lang).split(text)
    pos = 0
    for span in spans:
        assert pos <= span.start < span.end <= len(text)
        assert text[pos : span.start].strip() == ""  # gaps are whitespace only
        piece = text[span.start : span.end]
        assert piece == piece.strip()  # pieces are trimmed
        pos = span.end
    assert text[pos:].strip() == ""
    # Nothing is lost: pieces and gaps rebuild the input.
    rebuilt, pos = [], 0
    for span in spans:
        rebuilt += [text[pos : span.start], text[span.start : span.end]]
        pos = span.end
    assert "".join(rebuilt) + text[pos:] == text
    assert (not spans) == (text.strip() == "")


@pytest.mark.parametrize("lang", ["de", "en", "zh"])
@settings(max_examples=300, deadline=None)
@given(text=_TEXT)
def test_pieces_join_back_to_the_input(lang: str, text: str) -> None:
    check(text, lang)


def test_doctests_in_segment_modules() -> None:
    import doctest

    from l10n.segment import de, en, rules, zh

    for module in (rules, de, en, zh):
        assert doctest.testmod(module).failed == 0
