"""Argos Translate packages, run straight on CTranslate2 and SentencePiece.

``argostranslate.translate`` is never imported: it pulls in torch, stanza and spaCy and downloads a
sentence splitter on first use, and l10n already has sentences. Nor is any other part of it:
installed packages are found from their ``metadata.json`` in Argos's package folders; the model
(``model/``) and the tokenizer (``sentencepiece.model`` or ``bpe.model``, see :mod:`.tokenizers`)
are loaded from the package folder. Every layout Argos Translate reads works: 1.9 packages, the
old 1.0 layout (no target prefix) and packages carrying a sentence splitter (``stanza/``,
``minisbd/``, ``spacy/``, unused here). When several packages serve one pair, the newest version wins.

A call's sentences go to one ``translate_batch`` together, sorted by length; CTranslate2 decodes
them in batches of a few sentences (the model's batch, :data:`DEFAULT_BATCH`) on its replicas, and
progress is reported as results come back. The call's size is the caller's unit of writing. With Argos Translate's own decoding settings (beam 4,
length penalty 0.2, unknown tokens replaced, the package's target prefix) unless the package's
``metadata.json`` sets others. Output length is capped; input is never truncated: a sentence
longer than the model takes is split at clause boundaries and flagged.
"""

from __future__ import annotations

import json
import math
import os
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Iterator, Sequence

from ..environment import MAX_BEAM_SIZE, argos_beam_size
from ..errors import ConfigError, EngineError, ModelMissing
from ..flags import LOOP_FLAG, SPLIT_FLAG
from ..languages import get_language
from ..loops import cut_loop
from . import Progress, Translation, register
from .tokenizers import Tokenizer, load_tokenizer


# The longest input, in tokenizer pieces, given to the model in one piece. Argos models are
# trained on sentences; CTranslate2 would silently cut anything over its max_input_length (1024).
MAX_INPUT_TOKENS = 200
# Sentences per model batch when the config does not say. On a CPU, beam search keeps about 10 MB
# of state per sentence in flight and small matrix products are slow, so the batch size trades
# memory for speed. Chosen from what real decoding costs (bench/mt_throughput.py, "copy" row: a
# package whose output ends at the end token, as long as its input; figures in the README): one
# replica decoding 16 sentences at a time on all cores was the fastest setting in total over two
# runs (on a loaded 2-core machine, where the winner of a single run varied), at about a third of
# 1 GiB; 32 was slower. Counting sentences, not source tokens, bounds that state: every sentence
# decodes its own output, however short its input. A GPU wants large batches.
DEFAULT_BATCH = {"cpu": 16, "cuda": 32}
CT2_BATCH_TYPE = {"sentences": "examples", "tokens": "tokens"}  # l10n's name -> CTranslate2's

# Where a long sentence may be cut, best first: after ; or : or a dash, then after a comma.
_CLAUSE_BREAKS = (re.compile(r"(?<=[;:])\s+|\s+[–—]\s+"), re.compile(r"(?<=,)\s+"), re.compile(r"\s+"))


@dataclass(frozen=True)
class Decoding:
    """Decoding options. Everything that changes the output is in :attr:`key` (and so in the cache key)."""

    beam_size: int = 4
    length_penalty: float = 0.2
    max_decoding_length: int = 256
    # Speed and memory only, not output: how many sentences (or source tokens) CTranslate2 decodes
    # at once in each replica. None: the device's default (DEFAULT_BATCH).
    batch_size: int | None = None
    batch_type: str = "sentences"

    @property
    def key(self) -> str:
        return f"beam {self.beam_size}, lp {self.length_penalty:g}, max {self.max_decoding_length}"


@dataclass(frozen=True)
class ArgosPackage:
    """An installed Argos package as l10n sees it."""

    source: str
    target: str
    version: str
    path: Path
    target_prefix: str = ""
    tokenizer: str = "sentencepiece"  # the kind: see tokenizers.TOKENIZER_FILES

    @property
    def model_id(self) -> str:
        return f"translate-{self.source}_{self.target}-{self.version}"

    @property
    def model_dir(self) -> Path:
        """The CTranslate2 model's folder."""
        return self.path / "model"

    def load_tokenizer(self) -> Tokenizer:
        return load_tokenizer(self.path, self.source, self.target)

    @property
    def size(self) -> int:
        """Bytes on disk."""
        return sum(f.stat().st_size for f in self.path.rglob("*") if f.is_file())

    def decoding(self, base: Decoding) -> Decoding:
        """``base`` with what the package's ``metadata.json`` sets (Argos's own defaults otherwise)."""
        try:
            meta = json.loads((self.path / "metadata.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return base
        if not isinstance(meta, dict):
            return base
        wanted = {k: meta[k] for k in ("beam_size", "length_penalty", "max_decoding_length") if k in meta}
        try:
            decoding = replace(base, **{k: type(getattr(base, k))(v) for k, v in wanted.items()})
        except (TypeError, ValueError, OverflowError) as exc:
            raise EngineError(f"{self.path / 'metadata.json'}: bad decoding setting ({exc})") from None
        limits = (1 <= decoding.beam_size <= MAX_BEAM_SIZE, 1 <= decoding.max_decoding_length <= 100_000,
                  math.isfinite(decoding.length_penalty))
        if not all(limits):
            raise EngineError(f"{self.path / 'metadata.json'}: decoding setting out of range ({decoding.key})",
                              hint=f"beam_size 1 to {MAX_BEAM_SIZE}, max_decoding_length 1 to 100,000")
        return decoding


def installed_packages() -> list[ArgosPackage]:
    """Every usable installed Argos translation package (broken folders are skipped: ``l10n models list`` shows them)."""
    from .packages import scan_packages

    found = [f.package for f in scan_packages() if f.package is not None]
    return sorted(found, key=lambda p: (p.source, p.target, version_key(p.version)))


def version_key(version: str) -> tuple:
    """Orders package versions as Argos Translate does (``packaging.version``), odd ones first.

    >>> sorted(["1.10", "1.9", "1.0"], key=version_key)
    ['1.0', '1.9', '1.10']
    """
    from packaging.version import InvalidVersion, Version

    try:
        return (1, Version(version))
    except InvalidVersion:
        return (0, version)


def split_clauses(text: str, length: Callable[[str], int], limit: int) -> list[str]:
    """Cut ``text`` into parts of at most ``limit`` (by ``length``), at clause boundaries.

    The cut nearest the middle is taken at the best kind of boundary that exists (``;`` ``:`` or a
    dash, then a comma, then any space), and each half is cut again if still too long. Joined with
    single spaces, the parts give back the text with its whitespace normalised.
    """
    if length(text) <= limit:
        return [text]
    for pattern in _CLAUSE_BREAKS:
        cuts = [m for m in pattern.finditer(text) if 0 < m.start() and m.end() < len(text)]
        if cuts:
            middle = len(text) / 2
            cut = min(cuts, key=lambda m: abs(m.start() - middle))
            left, right = text[: cut.start()], text[cut.end() :]
            if pattern is _CLAUSE_BREAKS[0] and cut.group().strip():  # a dash: keep it with the left part
                left = f"{left} {cut.group().strip()}"
            return split_clauses(left, length, limit) + split_clauses(right, length, limit)
    # One "word" longer than the limit (a URL, a chemical name): halves by characters.
    half = len(text) // 2
    return split_clauses(text[:half], length, limit) + split_clauses(text[half:], length, limit)


def resolve_device(device: str) -> str:
    """``cpu``, ``cuda`` or ``auto`` -> the device CTranslate2 will use; a clear error if CUDA is missing."""
    if device == "cpu":
        return "cpu"
    import ctranslate2

    try:
        gpus = ctranslate2.get_cuda_device_count()
    except RuntimeError:
        gpus = 0
    if gpus:
        return "cuda"
    if device == "auto":
        return "cpu"
    raise EngineError(
        "--device cuda: CTranslate2 sees no CUDA GPU on this machine",
        hint="use --device cpu (the default), or check the NVIDIA driver and CUDA 12 libraries (nvidia-smi)",
    )


def threads(device: str, cores: int | None = None) -> tuple[int, int]:
    """CTranslate2's (inter_threads, intra_threads) for ``device``: on a CPU, two replicas on half the cores each.

    Measured side by side on an idle 2-core machine (bench/mt_throughput.py, 130 FLORES sentences,
    batches of 16): two replicas of one core each beat one replica on both cores by 1.24x on the
    copying model (15.4 s against 19.0 s) and 1.21x on the 64-token row, for about 150 MiB more
    beam-search workspace. ``cores``: the cores this process may use (its CPU affinity).

    >>> threads("cpu", cores=2), threads("cpu", cores=8), threads("cpu", cores=1), threads("cuda")
    ((2, 1), (2, 4), (1, 1), (1, 0))
    """
    if device != "cpu":
        return 1, 0
    cores = max(1, cores or len(os.sched_getaffinity(0)))
    replicas = 2 if cores >= 2 else 1
    return replicas, max(1, cores // replicas)


class ArgosEngine:
    """Translates with installed Argos packages; loads each model once, on first use."""

    name = "argos"

    def __init__(self, packages: list[ArgosPackage] | None = None, device: str = "cpu", decoding: Decoding | None = None) -> None:
        self._packages = packages
        self.device = device
        self.decoding = decoding or Decoding(beam_size=argos_beam_size())
        self.on_progress: Progress | None = None
        self._loaded: dict[tuple[str, str], tuple] = {}
        self._translators: dict[Path, object] = {}
        self._device = "cpu"  # the resolved device, set when a model is loaded

    @property
    def packages(self) -> list[ArgosPackage]:
        if self._packages is None:
            self._packages = installed_packages()
        return self._packages

    def package(self, source: str, target: str) -> ArgosPackage:
        candidates = [p for p in self.packages if (p.source, p.target) == (source, target)]
        if not candidates:
            raise ModelMissing(
                f"no Argos model installed for {source}→{target}",
                source=source, target=target,
                hint="install one with 'l10n models install FILE.argosmodel' (or 'make models'), or use --engine pseudo",
            )
        return max(candidates, key=lambda p: version_key(p.version))

    def supports(self, source: str, target: str) -> bool:
        return any((p.source, p.target) == (source, target) for p in self.packages)

    def model_id(self, source: str, target: str) -> str:
        pkg = self.package(source, target)
        return f"{pkg.model_id} ({pkg.decoding(self.decoding).key})"

    def _load(self, pkg: ArgosPackage):
        """The pair's (translator, tokenizer); a model serving several pairs is loaded once."""
        key = (pkg.source, pkg.target)
        if key not in self._loaded:
            import ctranslate2

            device = self._device = resolve_device(self.device)
            inter, intra = threads(device)
            try:
                translator = self._translators.get(pkg.model_dir)
                if translator is None:
                    translator = ctranslate2.Translator(str(pkg.model_dir), device=device, inter_threads=inter, intra_threads=intra)
                    self._translators[pkg.model_dir] = translator
                tokenizer = pkg.load_tokenizer()
            except (RuntimeError, OSError, ValueError, IndexError, KeyError) as exc:  # IndexError: a zeroed model.bin
                raise EngineError(
                    f"{pkg.path}: cannot load the model {pkg.model_id} on {device} ({exc})",
                    hint="reinstall it with 'l10n models install'",
                ) from None
            self._loaded[key] = (translator, tokenizer)
        return self._loaded[key]

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[Translation]:
        if not texts:
            return []
        pkg = self.package(source, target)
        translator, tokenizer = self._load(pkg)
        decoding = pkg.decoding(self.decoding)
        try:
            joiner = " " if get_language(target).sentence_space else ""
        except ConfigError:  # a pair l10n has no rules for yet (a package installed for later)
            joiner = " "

        # Long sentences become several model inputs; ``owner`` maps each input to its sentence.
        inputs: list[list[str]] = []
        owner: list[int] = []
        for i, text in enumerate(texts):
            tokens = tokenizer.encode(text)
            if len(tokens) <= MAX_INPUT_TOKENS:
                parts = [tokens]
            else:
                clauses = split_clauses(text, lambda t: len(tokenizer.encode(t)), MAX_INPUT_TOKENS)
                parts = [tokenizer.encode(c) for c in clauses]
            inputs.extend(parts)
            owner.extend([i] * len(parts))

        # Sorted by length, so each batch pads little; results go back to their places.
        order = sorted(range(len(inputs)), key=lambda k: len(inputs[k]))
        outputs: list[list[str]] = [[] for _ in inputs]
        for k, result in zip(order, self._decode(translator, [inputs[k] for k in order], pkg, decoding)):
            outputs[k] = result

        pieces_of: list[list[list[str]]] = [[] for _ in texts]
        for k, pieces in enumerate(outputs):
            pieces_of[owner[k]].append(pieces)
        out = []
        for parts in pieces_of:
            flags: list[str] = [SPLIT_FLAG] if len(parts) > 1 else []
            decoded = []
            for pieces in parts:
                pieces, looped = cut_loop(pieces)
                if looped and LOOP_FLAG not in flags:
                    flags.append(LOOP_FLAG)
                decoded.append(tokenizer.decode(pieces))
            out.append(Translation(joiner.join(decoded), tuple(flags)))
        return out

    def _decode(self, translator, batch: list[list[str]], pkg: ArgosPackage, decoding: Decoding) -> Iterator[list[str]]:
        """Each input's output pieces, in order, as CTranslate2 finishes them (progress after each)."""
        prefix = [[pkg.target_prefix]] * len(batch) if pkg.target_prefix else None
        if self.on_progress:
            self.on_progress(0, len(batch))
        try:
            # Asynchronous: CTranslate2 splits the inputs into batches of the model's size and
            # spreads them over its replicas; each result can be collected as soon as it is done.
            pending = translator.translate_batch(
                batch,
                target_prefix=prefix,
                replace_unknowns=True,
                max_batch_size=decoding.batch_size or DEFAULT_BATCH[self._device],
                batch_type=CT2_BATCH_TYPE[decoding.batch_type],
                beam_size=decoding.beam_size,
                length_penalty=decoding.length_penalty,
                max_decoding_length=decoding.max_decoding_length,
                max_input_length=0,  # never truncate: long input was split above
                asynchronous=True,
            )
            for waiting in pending:
                pieces = waiting.result().hypotheses[0]
                if self.on_progress:
                    self.on_progress(1, 0)
                yield pieces[1:] if pkg.target_prefix and pieces[:1] == [pkg.target_prefix] else pieces
        except RuntimeError as exc:  # e.g. CUDA libraries missing at the first GPU call
            raise EngineError(f"CTranslate2 failed on {pkg.model_id} ({exc})", hint="try --device cpu") from None


def decoding_for(config) -> Decoding:
    """The decoding options ``config`` asks for (packages may override beam and length penalty)."""
    return Decoding(beam_size=argos_beam_size(), batch_size=config.batch_size or None,
                    batch_type=config.batch_type)


@register("argos")
def create(config) -> ArgosEngine:
    return ArgosEngine(device=config.device, decoding=decoding_for(config))
