"""An engine that breaks the protocol is one clear error naming it, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from l10n.engines import Translation
from l10n.errors import EngineError
from l10n.project import Project
from l10n.translate import translate_project


class ShortEngine:
    """Returns one translation too few."""

    name = "short"

    def supports(self, source: str, target: str) -> bool:
        return True

    def model_id(self, source: str, target: str) -> str:
        return "short-1"

    def translate(self, texts, source, target):
        return [Translation(t.upper()) for t in texts][:-1]


class PlainStrings(ShortEngine):
    name = "strings"

    def translate(self, texts, source, target):
        return list(texts)  # bare strings, not Translation values


class NoTranslate:
    name = "half"

    def supports(self, source: str, target: str) -> bool:
        return True


@pytest.mark.parametrize(
    ("engine", "message"),
    [
        (ShortEngine(), "engine 'short' returned"),
        (PlainStrings(), "engine 'strings' returned str, not a Translation"),
        (NoTranslate(), "engine 'half' does not implement model_id, translate"),
    ],
)
def test_broken_engine_is_an_engine_error_naming_it(empty_project: Path, engine, message: str) -> None:
    before = {p: p.read_bytes() for p in (empty_project / "locales").rglob("*.po")}
    with pytest.raises(EngineError) as err:
        translate_project(Project.open(empty_project), ["en"], engine.name, use_cache=False, engine_factory=lambda _name: engine)
    assert message in str(err.value)
    assert "report it to its author" in str(err.value)
    assert {p: p.read_bytes() for p in (empty_project / "locales").rglob("*.po")} == before  # nothing written
