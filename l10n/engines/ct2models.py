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
from dataclasses import dataclass, field
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
    decoding_options: tuple[tuple[str, object], ...] = field(default=(), compare=False)

    @property
    def model_id(self) -> str:
        return f"{self.name} {self.version} ({self.family})"

    @property
    def model_dir(self) -> Path:
        return self.path

    @property
    def tokenizer_name(self) -> str:
        return "+".join(TOKENIZER_FILES[self.family])

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
