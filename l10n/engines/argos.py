"""Argos Translate packages, run straight on CTranslate2 and SentencePiece.

``argostranslate.translate`` is never imported: it pulls in torch, stanza and spaCy and downloads a
sentence splitter on first use, and l10n already has sentences. Only ``argostranslate.package``
(light) is used, to find the installed packages.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from ..errors import EngineError
from . import Translation, register


@dataclass(frozen=True)
class ArgosPackage:
    """An installed Argos package as l10n sees it."""

    source: str
    target: str
    version: str
    path: Path
    target_prefix: str = ""

    @property
    def model_id(self) -> str:
        return f"translate-{self.source}_{self.target}-{self.version}"


def installed_packages() -> list[ArgosPackage]:
    """Every installed Argos translation package."""
    from argostranslate import package

    found = []
    for pkg in package.get_installed_packages():
        if getattr(pkg, "type", "translate") != "translate":
            continue
        found.append(
            ArgosPackage(pkg.from_code, pkg.to_code, str(pkg.package_version), Path(pkg.package_path), pkg.target_prefix or "")
        )
    return sorted(found, key=lambda p: (p.source, p.target, p.version))


LOOP_REPEATS = 4  # a span repeated this many times in a row is a decoding loop, not style
LOOP_FLAG = "mt-loop"


def cut_loop(pieces: list[str], max_span: int = 8) -> tuple[list[str], bool]:
    """Cut an output that repeats itself: keep the first copy of a span that then repeats in a row.

    Returns the (possibly shortened) pieces and whether a loop was cut, so the entry can be flagged.
    """
    n = len(pieces)
    for start in range(n):
        for span in range(1, max_span + 1):
            end = start + span * LOOP_REPEATS
            if end > n:
                break
            unit = pieces[start : start + span]
            if all(pieces[start + k * span : start + (k + 1) * span] == unit for k in range(1, LOOP_REPEATS)):
                return pieces[: start + span], True
    return pieces, False


class ArgosEngine:
    """Translates with installed Argos packages; loads each model once, on first use."""

    name = "argos"

    def __init__(self, packages: list[ArgosPackage] | None = None, device: str = "cpu") -> None:
        self._packages = packages
        self.device = device
        self._loaded: dict[tuple[str, str], tuple] = {}

    @property
    def packages(self) -> list[ArgosPackage]:
        if self._packages is None:
            self._packages = installed_packages()
        return self._packages

    def package(self, source: str, target: str) -> ArgosPackage:
        candidates = [p for p in self.packages if (p.source, p.target) == (source, target)]
        if not candidates:
            raise EngineError(
                f"no Argos model installed for {source}→{target}",
                hint=f"install one with 'l10n models install FILE.argosmodel', or use --engine pseudo",
            )
        return candidates[-1]

    def supports(self, source: str, target: str) -> bool:
        return any((p.source, p.target) == (source, target) for p in self.packages)

    def model_id(self, source: str, target: str) -> str:
        return self.package(source, target).model_id

    def _load(self, pkg: ArgosPackage):
        key = (pkg.source, pkg.target)
        if key not in self._loaded:
            import ctranslate2
            import sentencepiece

            translator = ctranslate2.Translator(str(pkg.path / "model"), device=self.device)
            tokenizer = sentencepiece.SentencePieceProcessor(model_file=str(pkg.path / "sentencepiece.model"))
            self._loaded[key] = (translator, tokenizer)
        return self._loaded[key]

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[Translation]:
        if not texts:
            return []
        pkg = self.package(source, target)
        translator, tokenizer = self._load(pkg)
        tokens = tokenizer.encode(list(texts), out_type=str)
        prefix = [[pkg.target_prefix]] * len(tokens) if pkg.target_prefix else None
        results = translator.translate_batch(
            tokens,
            target_prefix=prefix,
            replace_unknowns=True,
            max_batch_size=1024,
            batch_type="tokens",
            beam_size=4,
            length_penalty=0.2,
        )
        out = []
        for result in results:
            pieces = result.hypotheses[0]
            if pkg.target_prefix and pieces[:1] == [pkg.target_prefix]:
                pieces = pieces[1:]
            pieces, looped = cut_loop(pieces)
            out.append(Translation(tokenizer.decode(pieces), (LOOP_FLAG,) if looped else ()))
        return out


@register("argos")
def create(config) -> ArgosEngine:
    return ArgosEngine()
