"""Inline markers through machine translation: masked like glossary terms, never seen as tags."""

from __future__ import annotations

from typing import Sequence

import pytest

from l10n.engines import Translation
from l10n.engines.masking import MASK_FLAG, MaskingEngine, mask, reattach, unmask
from l10n.glossary import Glossary, Term
from l10n.sources.markers import problems

GLOSSARY = Glossary((Term((("de", ("OPPO",)),), dnt=True),))
SENTENCES = [
    "Die Konzerne eröffnen <1>drei neue <2>Niederlassungen</2></1> in der <3>Stadt</3>.",
    "Mehr auf <1>unserer Seite</1>.<2/>",
    "Der Befehl <1/> prüft OPPO.",
    "Ohne Marker.",
]


class Mangler:
    """A model that copies its input, or mangles the placeholders a given way."""

    name = "mangler"

    def __init__(self, mode: str = "copy") -> None:
        self.mode = mode
        self.seen: list[str] = []

    def supports(self, source: str, target: str) -> bool:
        return True

    def model_id(self, source: str, target: str) -> str:
        return "mangler"

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[Translation]:
        self.seen.extend(texts)
        change = {"drop": ("QX1", ""), "swap": ("QX0 drei", "QX1 drei"), "copy": ("", "")}[self.mode]
        return [Translation(t.replace(*change) if change[0] else t) for t in texts]


def test_the_model_never_sees_a_tag_and_a_copy_comes_back_exactly() -> None:
    engine = Mangler()
    results = MaskingEngine(engine, GLOSSARY).translate(SENTENCES, "de", "en")
    assert [r.text for r in results] == SENTENCES
    assert not any(MASK_FLAG in r.flags for r in results)
    assert not any("<" in t or ">" in t for t in engine.seen)
    assert engine.seen[0] == "Die Konzerne eröffnen QX0 drei neue QX1 Niederlassungen QX2 QX3 in der QX4 Stadt QX5."


@pytest.mark.parametrize("mode", ["drop", "swap"])
def test_a_lost_or_misplaced_marker_means_translated_again_without_markers_and_flagged(mode: str) -> None:
    engine = Mangler(mode)
    [result] = MaskingEngine(engine, GLOSSARY).translate(SENTENCES[:1], "de", "en")
    assert MASK_FLAG in result.flags
    # The second request was the plain sentence; the markers are put back around all of it.
    assert engine.seen[-1] == "Die Konzerne eröffnen drei neue Niederlassungen in der Stadt."
    assert result.text == "<1><2><3>Die Konzerne eröffnen drei neue Niederlassungen in der Stadt.</3></2></1>"
    assert problems(result.text, SENTENCES[0]) == ()


def test_marker_spacing_follows_the_source_and_model_text_is_escaped() -> None:
    masked = mask("Zeile<1/>zwei und <2>fett</2>.", Glossary(), "de", "en")
    assert masked.text == "Zeile QX0 zwei und QX1 fett QX2."
    assert unmask("Line QX0 two and QX1 bold QX2.", masked) == "Line<1/>two and <2>bold</2>."
    assert unmask("Line QX0 two <9> and QX1 bold QX2.", masked) == "Line<1/>two \\<9> and <2>bold</2>."


def test_reattach_keeps_every_marker_nested() -> None:
    source = "<1>Ein</1> <2>Satz <3>mit</3></2> Bild<4/>."
    again = reattach("A sentence with a picture.", source)
    assert again == "<1><2><3>A sentence with a picture.</3></2></1><4/>"
    assert problems(again, source) == ()
