"""Build tiny converted CTranslate2 models in the layouts of OPUS-MT and NLLB-200 / M2M-100.

What CTranslate2's converters write (``model.bin``, ``config.json``, ``shared_vocabulary.json``)
with the tokenizer files the user copies beside them and l10n's descriptor. The model is the
hand-set copying transformer of ``tests/argos_builder.py``: its output is its input (after the
forced target-language token for NLLB/M2M), never a translation.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import zipfile
from pathlib import Path

from tests.argos_builder import CORPUS, copy_transformer, train_sentencepiece, vocabulary

LANGUAGE_TOKENS = {"nllb": ["deu_Latn", "eng_Latn", "zho_Hans"], "m2m100": ["__de__", "__en__", "__zh__"], "opus-mt": []}


def build_converted(out: Path, family: str, name: str, pairs: list[tuple[str, str]], *, version: str = "1",
                    extra: dict | None = None) -> Path:
    """Write the folder ``out/name`` of a copying model of ``family``; return it."""
    folder = out / name
    sp_model = train_sentencepiece(CORPUS, 120)
    vocab = vocabulary(sp_model) + LANGUAGE_TOKENS[family]
    with tempfile.TemporaryDirectory() as tmp:
        copy_transformer(Path(tmp) / "model", vocab)
        shutil.copytree(Path(tmp) / "model", folder)
    names = ["source.spm", "target.spm"] if family == "opus-mt" else ["sentencepiece.bpe.model"]
    for file in names:
        (folder / file).write_bytes(sp_model)
    descriptor = {"name": name, "family": family, "version": version, "pairs": [list(p) for p in pairs], **(extra or {})}
    (folder / "l10n-model.json").write_text(json.dumps(descriptor), encoding="utf-8")
    return folder


def zip_folder(folder: Path) -> Path:
    """The folder zipped with itself as the one top-level entry."""
    path = folder.with_suffix(".zip")
    with zipfile.ZipFile(path, "w") as archive:
        for file in sorted(folder.rglob("*")):
            archive.write(file, file.relative_to(folder.parent).as_posix())
    return path
