"""Build tiny Argos-compatible packages for tests, in well under a second, with no download.

A package is what the Argos package index serves: a zip (``.argosmodel``) holding one folder with
``metadata.json``, ``sentencepiece.model`` and ``model/`` (a CTranslate2 model). Here the
SentencePiece model is trained in memory on a few sentences and the model is a small transformer
with random weights, written through CTranslate2's own ``TransformerSpec``. Its output is noise:
tests use it for the mechanics (loading, batching, pivoting, caching, masking, errors), never as
translation. ``bench/mt_throughput.py`` uses the same builder at real Argos size.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

SPECIALS = ["<blank>", "<unk>", "<s>", "</s>"]

CORPUS = [
    "Die chinesischen Technologiekonzerne OPPO, VIVO und Xiaomi eröffnen Niederlassungen in Düsseldorf.",
    "Alle drei zählen zu den wichtigsten Digitalkonzernen Chinas.",
    "The Chinese technology groups are opening offices in Düsseldorf.",
    "OPPO hat rund 20.000 Mitarbeiter und erwirtschaftete 2018 einen Umsatz von 19,7 Milliarden Euro.",
    "Xiaomi plant, weitere Teile seines Geschäftsmodells nach Deutschland zu bringen.",
    "中国科技企业将在杜塞尔多夫设立分支机构。",
    "The company is investing heavily in research and development.",
    "Unterstützt und beraten werden alle drei Unternehmen durch NRW.INVEST.",
]


def train_sentencepiece(sentences: list[str], vocab_size: int) -> bytes:
    """A SentencePiece model trained in memory on ``sentences``; its serialized bytes."""
    import sentencepiece

    out = io.BytesIO()
    sentencepiece.SentencePieceTrainer.train(
        sentence_iterator=iter(sentences),
        model_writer=out,
        vocab_size=vocab_size,
        model_type="unigram",
        character_coverage=1.0,
        hard_vocab_limit=False,
        minloglevel=2,
        num_threads=1,
    )
    return out.getvalue()


def vocabulary(sp_model: bytes, size: int | None = None) -> list[str]:
    """CTranslate2's vocabulary for a SentencePiece model: specials first, then every piece.

    ``size`` pads it with unused tokens, to give the model the output layer of a real package
    (Argos models have about 32,000 entries) when the tokenizer was trained on little text.
    """
    import sentencepiece

    sp = sentencepiece.SentencePieceProcessor(model_proto=sp_model)
    pieces = [sp.id_to_piece(i) for i in range(sp.get_piece_size())]
    vocab = SPECIALS + [p for p in pieces if p not in SPECIALS]
    return vocab + [f"<unused{i}>" for i in range(max(0, (size or 0) - len(vocab)))]


def random_transformer(model_dir: Path, vocab: list[str], *, layers: int = 2, d_model: int = 32, heads: int = 2,
                       ffn: int = 64, seed: int = 0, quantization: str | None = None) -> None:
    """Write a transformer with random weights as a CTranslate2 model into ``model_dir``."""
    import numpy as np
    from ctranslate2.specs import transformer_spec

    rng = np.random.default_rng(seed)
    spec = transformer_spec.TransformerSpec.from_config((layers, layers), heads)
    v, d = len(vocab), d_model
    shapes = {
        "embeddings": (v, d), "embeddings_0": (v, d), "projection": (v, d),
        "self_attention/linear_0": (3 * d, d), "self_attention/linear_1": (d, d),
        "attention/linear_0": (d, d), "attention/linear_1": (2 * d, d), "attention/linear_2": (d, d),
        "ffn/linear_0": (ffn, d), "ffn/linear_1": (d, ffn),
    }

    def fill(scope, path: str) -> None:
        for name, value in list(vars(scope).items()):
            full = f"{path}/{name}" if path else name
            if hasattr(value, "__dict__") and not isinstance(value, (str, bytes)) and type(value).__module__.startswith("ctranslate2"):
                fill(value, full)
            elif isinstance(value, list):
                for i, item in enumerate(value):
                    fill(item, f"{full}_{i}")
            elif value is None and name in ("weight", "gamma", "beta"):
                if name == "gamma":
                    setattr(scope, name, np.ones(d, dtype=np.float32))
                elif name == "beta":
                    setattr(scope, name, np.zeros(d, dtype=np.float32))
                else:
                    key = next(k for k in shapes if path.endswith(k))
                    setattr(scope, name, (rng.standard_normal(shapes[key]) * 0.2).astype(np.float32))

    fill(spec, "")
    spec.register_source_vocabulary(vocab)
    spec.register_target_vocabulary(vocab)
    spec.validate()
    spec.optimize(quantization=quantization)
    model_dir.mkdir(parents=True, exist_ok=True)
    spec.save(str(model_dir))


def build_package(out: Path, source: str, target: str, *, version: str = "1.0", corpus: list[str] | None = None,
                  vocab_size: int = 120, seed: int = 0, target_prefix: str = "", extra_meta: dict | None = None,
                  model_vocab: int | None = None, **model: object) -> Path:
    """Build ``out/translate-<source>_<target>-<version>.argosmodel`` and return its path."""
    import tempfile

    root = f"translate-{source}_{target}-{version.replace('.', '_')}"
    sp_model = train_sentencepiece(corpus or CORPUS, vocab_size)
    meta = {
        "package_version": version, "argos_version": "1.9.0", "from_code": source, "to_code": target,
        "from_name": source, "to_name": target, "type": "translate", "target_prefix": target_prefix,
        **(extra_meta or {}),
    }
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"{root}.argosmodel"
    with tempfile.TemporaryDirectory() as tmp:
        model_dir = Path(tmp) / "model"
        random_transformer(model_dir, vocabulary(sp_model, model_vocab), seed=seed, **model)  # type: ignore[arg-type]
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr(f"{root}/metadata.json", json.dumps(meta))
            archive.writestr(f"{root}/sentencepiece.model", sp_model)
            archive.writestr(f"{root}/README.md", "Test fixture built by tests/argos_builder.py: random weights, output is noise.\n")
            for file in sorted(model_dir.iterdir()):
                archive.write(file, f"{root}/model/{file.name}")
    return path
