"""The project's engine as ``translate`` and ``eval`` run it: device, cache, glossary masking, pivot.

:func:`project_engine` wraps the engine ``l10n.toml`` names (checked at the boundary, cached,
glossary terms masked); :func:`machine_translate` sends sentences directly or through the pivot
language, and :func:`model_name` names the model(s) that did, for provenance.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Callable

from .engines import CheckedEngine, Engine, Progress, Translation, get_engine
from .engines.masking import with_glossary
from .environment import chunk_sentences, source_date_epoch
from .flags import machine_flags
from .glossary import Glossary
from .project import Project


def today() -> str:
    """Today's date (``SOURCE_DATE_EPOCH`` pins it) for provenance comments."""
    pinned = source_date_epoch()
    return (pinned.date() if pinned else date.today()).isoformat()


def project_engine(
    project: Project,
    name: str,
    glossary: Glossary,
    *,
    engine_factory: Callable[[str], Engine] | None = None,
    use_cache: bool = True,
    device: str | None = None,
    progress: Progress | None = None,
) -> Engine:
    """The engine ``name`` as the project runs it: its device, the cache, glossary masking."""
    config = project.config if device is None else replace(project.config, device=device)
    engine = engine_factory(name) if engine_factory else get_engine(name, config)
    if progress is not None and hasattr(engine, "on_progress"):
        engine.on_progress = progress
    engine = CheckedEngine(engine, name)
    if use_cache:
        from .cache import CachedEngine, TranslationCache

        engine = CachedEngine(engine, TranslationCache.for_state(project.config.state_path), chunk=chunk_sentences())
    # Glossary terms are masked so that the model cannot change them (the cache, inside,
    # sees the masked text: that is what the model is asked).
    return with_glossary(engine, glossary)


def pivots(engine: Engine, source_lang: str, lang: str, pivot: str) -> bool:
    """Whether ``source_lang`` -> ``lang`` goes through ``pivot``: no direct model, but one to the pivot."""
    return not (engine.supports(source_lang, lang) or lang == pivot or not engine.supports(source_lang, pivot))


def machine_translate(engine: Engine, texts: list[str], source_lang: str, lang: str, pivot: str) -> list[Translation]:
    """``texts`` translated directly, or through ``pivot`` (machine output both ways, flags carried)."""
    if not pivots(engine, source_lang, lang, pivot):
        return engine.translate(texts, source_lang, lang)
    middle = engine.translate(texts, source_lang, pivot)
    outputs = engine.translate([m.text for m in middle], pivot, lang)
    return [Translation(o.text, tuple(dict.fromkeys(machine_flags(m.flags) + o.flags))) for m, o in zip(middle, outputs)]


def model_name(engine: Engine, source_lang: str, lang: str, pivot: str) -> str:
    """The model(s) :func:`machine_translate` uses for ``source_lang`` -> ``lang``, for provenance."""
    if pivots(engine, source_lang, lang, pivot):
        return f"{engine.model_id(source_lang, pivot)} + {engine.model_id(pivot, lang)}"
    return engine.model_id(source_lang, lang)
