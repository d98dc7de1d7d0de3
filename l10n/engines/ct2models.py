"""CTranslate2 models converted by the user from OPUS-MT (Marian), NLLB-200 or M2M-100.

A converted model is a folder as CTranslate2's converters write it (``model.bin``,
``config.json``, ``shared_vocabulary.json`` or ``source_vocabulary.json`` and
``target_vocabulary.json``) plus the tokenizer the model was trained with, and a small
descriptor, ``l10n-model.json``, that says what it is::

    {"name": "nllb-200-distilled-600M", "family": "nllb", "version": "1",
     "pairs": [["de", "zh"], ["de", "en"], ["en", "zh"]]}

    {"name": "opus-mt-de-zh", "family": "opus-mt", "version": "1", "pairs": [["de", "zh"]],
     "target_tokens": {"zh": ">>cmn_Hans<<"}}

- ``opus-mt``: ``source.spm`` encodes the source and ``target.spm`` decodes the output; a
  multilingual model wants the target's token (``>>cmn_Hans<<``) first in the source.
- ``nllb``: one SentencePiece model (``sentencepiece.bpe.model``); the source starts with its
  language token (``deu_Latn``), the target prefix is the target's (``zho_Hans``).
- ``m2m100``: the same with ``__de__`` and ``__zh__`` tokens.

The language tokens are facts of the language (:attr:`l10n.languages.Language.model_tokens`);
the descriptor's ``languages`` table overrides them. A source gets ``</s>`` at its end unless the
model's ``config.json`` says CTranslate2 adds it (``add_source_eos``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ..errors import EngineError
from ..languages import LANGUAGES, get_language

DESCRIPTOR = "l10n-model.json"
FAMILIES = ("opus-mt", "nllb", "m2m100")
TOKENIZER_FILES = {"opus-mt": ("source.spm", "target.spm"), "nllb": ("sentencepiece.bpe.model",), "m2m100": ("sentencepiece.bpe.model",)}
VOCABULARIES = (("shared_vocabulary.json",), ("source_vocabulary.json", "target_vocabulary.json"),
                ("shared_vocabulary.txt",), ("source_vocabulary.txt", "target_vocabulary.txt"))


@dataclass(frozen=True)
class Ct2Model:
    """An installed converted model: where it is, what it is, which pairs it serves."""

    path: Path
    name: str
    family: str
    version: str
    pairs: tuple[tuple[str, str], ...]
    tokens: tuple[tuple[str, str], ...] = ()  # language -> its token (nllb, m2m100) from the descriptor
    target_tokens: tuple[tuple[str, str], ...] = ()  # opus-mt: language -> token first in the source
    add_source_eos: bool = False

    @property
    def model_id(self) -> str:
        return f"{self.name} {self.version} ({self.family})"

    def token(self, code: str) -> str:
        """The language token of ``code`` for this model's family (nllb, m2m100)."""
        own = dict(self.tokens)
        if code in own:
            return own[code]
        known = get_language(code).model_tokens.get(self.family) if code in LANGUAGES else None
        if not known:
            raise EngineError(f"{self.path / DESCRIPTOR}: no {self.family} language token for {code!r}",
                              hint=f'add "languages": {{"{code}": "TOKEN"}} to the descriptor')
        return known

    def source_tokens(self, pieces: list[str], source: str, target: str) -> list[str]:
        """What the encoder reads: the pieces with the family's language tokens and end token."""
        if self.family == "opus-mt":
            first = [dict(self.target_tokens)[target]] if target in dict(self.target_tokens) else []
        else:
            first = [self.token(source)]
        return first + pieces + ([] if self.add_source_eos else ["</s>"])

    def target_prefix(self, target: str) -> list[str]:
        """Tokens the decoder is forced to start with (and that are removed from its output)."""
        return [] if self.family == "opus-mt" else [self.token(target)]

    def load_tokenizers(self):
        """``(encode, decode)``: the source tokenizer's and the target tokenizer's SentencePiece processors."""
        import sentencepiece

        files = [self.path / name for name in TOKENIZER_FILES[self.family]]
        try:
            processors = [sentencepiece.SentencePieceProcessor(model_file=str(f)) for f in files]
        except (OSError, RuntimeError) as exc:
            raise EngineError(f"{self.path}: cannot load the tokenizer of {self.name} ({exc})",
                              hint="reinstall the model with 'l10n models install FOLDER'") from None
        return processors[0], processors[-1]


def read_model(folder: Path) -> Ct2Model:
    """Read and check a converted model folder; an :class:`EngineError` names what is wrong."""
    where = folder / DESCRIPTOR
    try:
        meta = json.loads(where.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise EngineError(f"{folder}: no {DESCRIPTOR}", hint="add one that names the family and the pairs (see the README)") from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise EngineError(f"{where}: not readable JSON ({exc})") from None
    if not isinstance(meta, dict):
        raise EngineError(f"{where}: must be a JSON object")
    family = meta.get("family")
    if family not in FAMILIES:
        raise EngineError(f"{where}: family must be one of {', '.join(FAMILIES)}, not {family!r}")
    pairs = meta.get("pairs")
    if not isinstance(pairs, list) or not pairs or not all(isinstance(p, list) and len(p) == 2 and all(isinstance(c, str) for c in p) for p in pairs):
        raise EngineError(f"{where}: pairs must be a list of [source, target] codes, e.g. [[\"de\", \"zh\"]]")
    for code in {c for p in pairs for c in p}:
        get_language(code)
    tables = {}
    for key in ("languages", "target_tokens"):
        table = meta.get(key, {})
        if not isinstance(table, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in table.items()):
            raise EngineError(f"{where}: {key} must map language codes to tokens")
        tables[key] = tuple(sorted(table.items()))
    missing = [name for name in ("model.bin", "config.json", *TOKENIZER_FILES[family]) if not (folder / name).is_file()]
    if not any(all((folder / v).is_file() for v in names) for names in VOCABULARIES):
        missing.append("shared_vocabulary.json (or source_ and target_vocabulary.json)")
    if missing:
        raise EngineError(f"{folder}: not a converted {family} model: missing {', '.join(missing)}",
                          hint="convert it with CTranslate2's converter and copy the tokenizer files beside it")
    try:
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise EngineError(f"{folder / 'config.json'}: not readable JSON ({exc})") from None
    name = str(meta.get("name") or folder.name)
    return Ct2Model(folder, name, family, str(meta.get("version", "1")), tuple((s, t) for s, t in pairs),
                    tables["languages"], tables["target_tokens"], bool(isinstance(config, dict) and config.get("add_source_eos")))


class _Ct2Tokenizer:
    """Encodes for one pair of a converted model (language tokens, end token) and decodes its output."""

    def __init__(self, model: Ct2Model, source: str, target: str) -> None:
        self.model, self.source, self.target = model, source, target
        self.encoder, self.decoder = model.load_tokenizers()

    def encode(self, text: str) -> list[str]:
        return self.model.source_tokens(self.encoder.encode(text, out_type=str), self.source, self.target)

    def decode(self, pieces: list[str]) -> str:
        return self.decoder.decode([p for p in pieces if p != "</s>"])


@dataclass(frozen=True)
class Ct2Pair:
    """One language pair of a converted model, shaped like an Argos package for the shared engine."""

    model: Ct2Model
    source: str
    target: str

    @property
    def version(self) -> str:
        return self.model.version

    @property
    def path(self) -> Path:
        return self.model.path

    @property
    def model_dir(self) -> Path:
        return self.model.path

    @property
    def model_id(self) -> str:
        return self.model.model_id

    @property
    def target_prefix(self) -> str:
        prefix = self.model.target_prefix(self.target)
        return prefix[0] if prefix else ""

    def decoding(self, base):
        return base

    def load_tokenizer(self) -> _Ct2Tokenizer:
        return _Ct2Tokenizer(self.model, self.source, self.target)


MODELS_ENV = "L10N_MODELS_DIR"


def models_dir() -> Path:
    """Where converted models are installed: ``$L10N_MODELS_DIR``, else ``$XDG_DATA_HOME/l10n/models``."""
    import os

    if os.environ.get(MODELS_ENV):
        return Path(os.environ[MODELS_ENV])
    data = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data) / "l10n" / "models"


def installed_models() -> list[Ct2Model]:
    """Every readable converted model in :func:`models_dir` (a broken folder is skipped here, listed by ``models list``)."""
    root = models_dir()
    found = []
    for folder in sorted(root.iterdir()) if root.is_dir() else ():
        if folder.is_dir() and not folder.name.startswith("."):
            try:
                found.append(read_model(folder))
            except EngineError:
                continue
    return found


def install_converted(source: Path) -> Ct2Model:
    """Install a converted model from a folder or a zip of one, proven before it replaces anything.

    The copy is staged in a hidden folder beside the installed models, read, loaded by CTranslate2
    and asked for one short translation; only then is it renamed into place (an older install of
    the same name is moved aside first and deleted after). A model that fails leaves nothing.
    """
    import shutil
    import tempfile

    root = models_dir()
    root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".installing-", dir=root))
    try:
        folder = _unpack(source, staging)
        model = read_model(folder)
        _prove(model)
        final = root / model.name
        if final.name in ("", ".", "..") or final.parent != root:
            raise EngineError(f"{folder / DESCRIPTOR}: name {model.name!r} cannot be a folder name")
        aside = staging / ".replaced"
        if final.exists():
            final.rename(aside)
        folder.rename(final)
        return read_model(final)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _unpack(source: Path, staging: Path) -> Path:
    import shutil
    import stat
    import zipfile
    from pathlib import PurePosixPath

    from ..errors import cannot_read

    if source.is_dir():
        return Path(shutil.copytree(source, staging / "model", symlinks=False))
    try:
        archive = zipfile.ZipFile(source)
    except OSError as exc:
        raise cannot_read(exc, source, EngineError) from None
    except zipfile.BadZipFile:
        raise EngineError(f"{source}: neither a model folder nor a zip of one") from None
    with archive:
        for info in archive.infolist():
            name = PurePosixPath(info.filename)
            if name.is_absolute() or ".." in name.parts or stat.S_ISLNK(info.external_attr >> 16):
                raise EngineError(f"{source}: entry {info.filename!r} would leave the model folder")
        roots = {PurePosixPath(i.filename).parts[0] for i in archive.infolist()}
        if len(roots) != 1 or sum(i.file_size for i in archive.infolist()) > 8 * 1024**3:
            raise EngineError(f"{source}: expected one top-level folder of at most 8 GB, found {sorted(roots)}")
        archive.extractall(staging / "zip")
    return staging / "zip" / roots.pop()


def _prove(model: Ct2Model) -> None:
    """Load the model and its tokenizer and translate one short sentence, or raise naming the folder."""
    import ctranslate2

    source, target = model.pairs[0]
    try:
        tokenizer = _Ct2Tokenizer(model, source, target)
        translator = ctranslate2.Translator(str(model.path), device="cpu", inter_threads=1, intra_threads=1)
        prefix = model.target_prefix(target)
        translator.translate_batch([tokenizer.encode("Test.")], target_prefix=[prefix] if prefix else None,
                                   beam_size=1, max_decoding_length=8)
    except Exception as exc:  # noqa: BLE001  CTranslate2 reports a damaged model.bin as IndexError, RuntimeError, ...
        raise EngineError(f"{model.path.name}: the model does not load or translate ({type(exc).__name__}: {exc})",
                          hint="convert it again with CTranslate2's converter; nothing was installed") from None


def remove_converted(name: str) -> Path:
    """Delete the installed converted model ``name`` (even a broken one); its folder."""
    import shutil

    folder = models_dir() / name
    if not name or folder.parent != models_dir() or not folder.is_dir():
        raise EngineError(f"no converted model named {name!r} is installed", hint="see 'l10n models list'")
    shutil.rmtree(folder)
    return folder
