"""The ``ct2`` engine: every CTranslate2 model l10n can run, converted models first.

Per language pair it takes the model ``[translate] models`` names for the pair
(``{"de-zh" = "nllb-200-distilled-600M"}``), otherwise a converted model (OPUS-MT, NLLB-200,
M2M-100; see :mod:`l10n.engines.ct2models`) that serves the pair directly, otherwise an installed
Argos package. A pair nothing serves directly goes through the pivot language as with ``argos``.
Batching, device, long-input splitting and loop cutting are :class:`ArgosEngine`'s own: this
engine only chooses the model.
"""

from __future__ import annotations

from ..errors import EngineError
from . import register
from .argos import ArgosEngine, decoding_for, version_key
from .ct2models import Ct2Model, Ct2Pair, installed_models


class Ct2Engine(ArgosEngine):
    """Chooses per pair among converted models and Argos packages; translates as :class:`ArgosEngine`."""

    name = "ct2"

    def __init__(self, configured: dict[str, str] | None = None, models: list[Ct2Model] | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.configured = dict(configured or {})
        self._models = models

    @property
    def models(self) -> list[Ct2Model]:
        if self._models is None:
            self._models = installed_models()
        return self._models

    def _pairs(self, source: str, target: str) -> list[Ct2Pair]:
        return [Ct2Pair(m, source, target) for m in self.models if (source, target) in m.pairs]

    def package(self, source: str, target: str):
        wanted = self.configured.get(f"{source}-{target}")
        converted = self._pairs(source, target)
        argos = [p for p in self.packages if (p.source, p.target) == (source, target)]
        if wanted:
            chosen = [p for p in converted if p.model.name == wanted] + [p for p in argos if p.model_id == wanted]
            if not chosen:
                offered = ", ".join(sorted({p.model.name for p in converted} | {p.model_id for p in argos})) or "none"
                raise EngineError(f"[translate] models names {wanted!r} for {source}-{target}, which is not installed for that pair",
                                  hint=f"installed for {source}-{target}: {offered}; see 'l10n models list'")
            return max(chosen, key=lambda p: version_key(p.version))
        if converted:
            return max(converted, key=lambda p: version_key(p.version))
        if argos:
            return super().package(source, target)
        raise EngineError(f"no CTranslate2 model installed for {source}→{target}",
                          hint="install one with 'l10n models install FOLDER' (a converted model) or FILE.argosmodel")

    def supports(self, source: str, target: str) -> bool:
        return bool(self._pairs(source, target)) or super().supports(source, target)


@register("ct2")
def create(config) -> Ct2Engine:
    return Ct2Engine(dict(config.models), device=config.device, decoding=decoding_for(config))
