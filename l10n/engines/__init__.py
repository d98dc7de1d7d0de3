"""Translation engines behind one small protocol, found through a registry.

One registry, :data:`ENGINES`: a name mapped to a factory ``(config) -> Engine``. Built-in engines
enter it with :func:`register` when their module is imported; plug-ins name their factory in the
``l10n.engines`` entry-point group of their own package (l10n declares none there) and are checked
at the same boundary (:class:`CheckedEngine`). Factories import their heavy dependencies lazily,
so listing or choosing an engine costs nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.metadata import entry_points
from typing import TYPE_CHECKING, Callable, Protocol, Sequence

from ..errors import EngineError

if TYPE_CHECKING:
    from ..config import Config


@dataclass(frozen=True)
class Translation:
    """An engine's output for one sentence; ``flags`` mark problems a reviewer must see."""

    text: str
    flags: tuple[str, ...] = ()


class Engine(Protocol):
    """What l10n needs from a machine-translation engine."""

    name: str

    def supports(self, source: str, target: str) -> bool:
        """Whether the engine can translate ``source`` -> ``target`` directly."""

    def model_id(self, source: str, target: str) -> str:
        """Names the model and version used for the pair, for provenance and caching."""

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[Translation]:
        """Translate sentences; one output per input, in order."""


# What an engine that reports progress calls (its ``on_progress`` attribute, set by translate):
# ``(sentences just finished, sentences just queued)``; a call queues its sentences first.
Progress = Callable[[int, int], None]
EngineFactory = Callable[["Config"], Engine]
ENGINES: dict[str, EngineFactory] = {}


def register(name: str) -> Callable[[EngineFactory], EngineFactory]:
    """Decorator: register ``factory`` under ``name``."""

    def decorate(factory: EngineFactory) -> EngineFactory:
        ENGINES[name] = factory
        return factory

    return decorate


def _load_builtins() -> None:
    from . import argos, ct2, libretranslate, pseudo  # noqa: F401  (registration happens on import)


def _load_plugins() -> None:
    for ep in entry_points(group="l10n.engines"):
        if ep.name not in ENGINES:
            ENGINES[ep.name] = ep.load()


def engine_names() -> list[str]:
    """Names of every engine available, built-in and plug-in."""
    _load_builtins()
    _load_plugins()
    return sorted(ENGINES)


def check_engine_name(name: str) -> str:
    """``name`` if an engine is registered under it, else :class:`EngineError` listing the known ones.

    Cheap (no engine is created), so a command checks its engine before it knows it needs one.
    """
    names = engine_names()
    if name not in names:
        raise EngineError(f"unknown engine {name!r}", hint=f"available: {', '.join(names)}")
    return name


def get_engine(name: str, config: "Config") -> Engine:
    """Create the engine called ``name`` or raise :class:`EngineError` listing the known ones."""
    return ENGINES[check_engine_name(name)](config)


class CheckedEngine:
    """Checks an engine's side of the protocol at the boundary: one :class:`Translation` per input.

    l10n wraps every engine it is given (built-in or plug-in) in one, so a broken engine is an
    :class:`EngineError` naming it, never a traceback further down or a silently dropped sentence.

    >>> class Short:
    ...     name = "short"
    ...     def supports(self, source, target): return True
    ...     def model_id(self, source, target): return "m"
    ...     def translate(self, texts, source, target): return []
    >>> CheckedEngine(Short(), "short").translate(["Hallo."], "de", "en")
    Traceback (most recent call last):
    l10n.errors.EngineError: engine 'short' returned 0 translations for 1 sentences (the engine is broken; report it to its author)
    """

    def __init__(self, inner: object, name: str) -> None:
        missing = [a for a in ("supports", "model_id", "translate") if not callable(getattr(inner, a, None))]
        if missing:
            raise EngineError(f"engine {name!r} does not implement {', '.join(missing)}", hint="the engine plug-in is broken; report it to its author")
        self.inner = inner
        self.name = str(getattr(inner, "name", name) or name)

    def supports(self, source: str, target: str) -> bool:
        return bool(self.inner.supports(source, target))  # type: ignore[attr-defined]

    def model_id(self, source: str, target: str) -> str:
        model = self.inner.model_id(source, target)  # type: ignore[attr-defined]
        if not isinstance(model, str):
            raise self._broken(f"gave a model id of type {type(model).__name__}, not text")
        return model

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[Translation]:
        if not texts:
            return []
        outputs = list(self.inner.translate(list(texts), source, target))  # type: ignore[attr-defined]
        if len(outputs) != len(texts):
            raise self._broken(f"returned {len(outputs)} translations for {len(texts)} sentences")
        for out in outputs:
            if not isinstance(out, Translation) or not isinstance(out.text, str):
                raise self._broken(f"returned {type(out).__name__}, not a Translation with text")
        return outputs

    def _broken(self, what: str) -> EngineError:
        return EngineError(f"engine {self.name!r} {what}", hint="the engine is broken; report it to its author")
