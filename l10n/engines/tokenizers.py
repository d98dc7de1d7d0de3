"""The tokenizers of Argos packages, behind one small protocol, chosen from the package's files.

Argos Translate reads two kinds of package (``argostranslate/package.py``, ``tokenizer.py``):

- ``sentencepiece.model``: a SentencePiece model turns text into pieces and back;
- ``bpe.model``: subword-nmt BPE codes, applied after Moses punctuation normalisation and Moses
  tokenisation (sacremoses, in the source language); the output is joined at ``@@`` and
  detokenised by Moses in the target language.

When a package holds both files, SentencePiece wins, as in Argos Translate. The pieces are the
ones Argos Translate gives the model for the same input (``tests/engines/test_tokenizers.py``
compares them). sentencepiece, sacremoses and subword-nmt are imported only when a package is
loaded to translate.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Protocol

# File -> tokenizer kind, in Argos Translate's order of preference.
TOKENIZER_FILES = {"sentencepiece.model": "sentencepiece", "bpe.model": "bpe"}
BPE_SEPARATOR = "@@"


class Tokenizer(Protocol):
    """Text to the model's pieces and back."""

    kind: str

    def encode(self, text: str) -> list[str]:
        """The pieces the model reads for ``text``."""

    def decode(self, pieces: list[str]) -> str:
        """The text of the model's output ``pieces``."""


def tokenizer_kind(files: Iterable[str]) -> str | None:
    """The tokenizer a package with these files (names relative to its folder) uses, or None.

    >>> tokenizer_kind(["metadata.json", "bpe.model", "model/model.bin"])
    'bpe'
    >>> tokenizer_kind({"sentencepiece.model", "bpe.model"})
    'sentencepiece'
    >>> tokenizer_kind(["model/model.bin"]) is None
    True
    """
    present = set(files)
    return next((kind for name, kind in TOKENIZER_FILES.items() if name in present), None)


class SentencePieceTokenizer:
    """A ``sentencepiece.model``."""

    kind = "sentencepiece"

    def __init__(self, model_file: Path) -> None:
        import sentencepiece

        self.processor = sentencepiece.SentencePieceProcessor(model_file=str(model_file))

    def encode(self, text: str) -> list[str]:
        return self.processor.encode(text, out_type=str)

    def decode(self, pieces: list[str]) -> str:
        return self.processor.decode(pieces)


class BPETokenizer:
    """``bpe.model`` codes after Moses normalisation and tokenisation; Moses detokenisation back."""

    kind = "bpe"

    def __init__(self, codes_file: Path, source: str, target: str) -> None:
        from sacremoses import MosesDetokenizer, MosesPunctNormalizer, MosesTokenizer
        from subword_nmt.apply_bpe import BPE

        self.normalizer = MosesPunctNormalizer(source)
        self.tokenizer = MosesTokenizer(source)
        self.detokenizer = MosesDetokenizer(target)
        with open(codes_file, encoding="utf-8") as codes:
            self.bpe = BPE(codes, separator=BPE_SEPARATOR)

    def encode(self, text: str) -> list[str]:
        words = " ".join(self.tokenizer.tokenize(self.normalizer.normalize(text)))
        return self.bpe.segment_tokens(words.strip("\r\n ").split(" "))

    def decode(self, pieces: list[str]) -> str:
        words = " ".join(pieces).replace(f"{BPE_SEPARATOR} ", "").split(" ")
        return self.detokenizer.detokenize(words)


def load_tokenizer(folder: Path, source: str, target: str) -> Tokenizer:
    """The tokenizer of the package unpacked in ``folder``; ``FileNotFoundError`` if it has none."""
    kind = tokenizer_kind(p.name for p in folder.iterdir() if p.is_file())
    if kind == "sentencepiece":
        return SentencePieceTokenizer(folder / "sentencepiece.model")
    if kind == "bpe":
        return BPETokenizer(folder / "bpe.model", source, target)
    raise FileNotFoundError(f"{folder}: no {' or '.join(TOKENIZER_FILES)}")
