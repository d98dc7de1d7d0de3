"""Build tiny Argos-compatible packages for tests, in well under a second, with no download.

A package is what the Argos package index serves: a zip (``.argosmodel``) holding one folder with
``metadata.json``, a tokenizer and ``model/`` (a CTranslate2 model), in one of the layouts of
:data:`LAYOUTS`. Here the tokenizer (SentencePiece, or subword-nmt BPE codes) is trained in
memory on a few sentences and the model is a small transformer
written through CTranslate2's own ``TransformerSpec``: random weights (output is noise), or
hand-set weights that copy the input (to follow placeholders through the real engine). Tests use
them for the mechanics (loading, batching, pivoting, caching, masking, errors), never as
translation. ``bench/mt_throughput.py`` uses the same builder at real Argos size.
"""

from __future__ import annotations

import contextlib
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
    _save(spec, vocab, model_dir, quantization)


def _save(spec, vocab: list[str], model_dir: Path, quantization: str | None) -> None:
    spec.register_source_vocabulary(vocab)
    spec.register_target_vocabulary(vocab)
    spec.validate()
    spec.optimize(quantization=quantization)
    model_dir.mkdir(parents=True, exist_ok=True)
    spec.save(str(model_dir))


def copy_transformer(model_dir: Path, vocab: list[str], *, layers: int = 1, d_model: int = 64, heads: int = 1, ffn: int = 4,
                     max_positions: int = 1024, seed: int = 0, quantization: str | None = None) -> None:
    """Write a transformer that copies its input, token for token, as a CTranslate2 model.

    Hand-set weights, no training: position encodings are random vectors in the first 48 dimensions,
    so the last decoder layer's cross-attention (its first head) at step t lands on source position
    t; the model always emits ``<unk>``, which CTranslate2 (``replace_unknowns``) replaces by that
    attended source token; a marker that only ``</s>`` carries (the source gets ``</s>`` appended)
    makes it stop after the last source token. With beam 4 and Argos's length penalty it reproduces
    its input exactly, so a test can see whether glossary placeholders survive the real engine
    path. Every other layer and head adds nothing but costs what it costs in a real model: at real
    size (6+6 layers, 512 wide, 8 heads) it decodes like a real model whose output is as long as its
    input, ending at the end token.
    """
    import numpy as np
    from ctranslate2.specs import transformer_spec

    d, pos, mark = d_model, 48, d_model // heads - 1  # attention dims 0..47; the end marker at mark, mark-1 (head 0)
    v = len(vocab)
    unk, eos = vocab.index("<unk>"), vocab.index("</s>")
    spec = transformer_spec.TransformerSpec.from_config((layers, layers), heads)
    object.__setattr__(spec.config, "add_source_eos", True)  # frozen config; the end marker needs it
    zeros, ones = (lambda *shape: np.zeros(shape, np.float32)), (lambda n: np.ones(n, np.float32))
    encodings = zeros(max_positions, d)
    encodings[:, :pos] = np.random.default_rng(seed).standard_normal((max_positions, pos))
    source_embeddings = zeros(v, d)
    # A difference LayerNorm keeps; 4 once CTranslate2 scales embeddings by sqrt(d): strong enough to
    # stop on, weak enough not to drown the end position's encoding (a long sentence would never end).
    source_embeddings[eos, mark], source_embeddings[eos, mark - 1] = 4 * d**-0.5, -4 * d**-0.5

    def quiet(layer, cross: bool = False) -> None:  # adds nothing to the residual stream
        for norm in [layer.self_attention.layer_norm, layer.ffn.layer_norm] + ([layer.attention.layer_norm] if cross else []):
            norm.gamma, norm.beta = ones(d), zeros(d)
        layer.self_attention.linear[0].weight, layer.self_attention.linear[1].weight = zeros(3 * d, d), zeros(d, d)
        layer.ffn.linear_0.weight, layer.ffn.linear_1.weight = zeros(ffn, d), zeros(d, ffn)
        if cross:
            attention = layer.attention.linear
            attention[0].weight, attention[1].weight, attention[2].weight = zeros(d, d), zeros(2 * d, d), zeros(d, d)

    encoder, decoder = spec.encoder, spec.decoder
    encoder.embeddings[0].weight, encoder.position_encodings.encodings = source_embeddings, encodings
    encoder.layer_norm.gamma, encoder.layer_norm.beta = ones(d), zeros(d)
    for layer in encoder.layer:
        quiet(layer)
    decoder.embeddings.weight, decoder.position_encodings.encodings = zeros(v, d), encodings
    decoder.layer_norm.gamma, decoder.layer_norm.beta = ones(d), zeros(d)
    for layer in decoder.layer:
        quiet(layer, cross=True)
    query, key_value, out = zeros(d, d), zeros(2 * d, d), zeros(d, d)
    for i in range(pos):
        query[i, i], key_value[i, i] = 40.0, 1.0  # sharp attention on the same position
    key_value[d + mark, mark], key_value[d + mark, mark - 1] = 1.0, -1.0  # the value carries the marker
    out[mark, mark] = 1.0
    last = decoder.layer[-1].attention.linear  # the last layer's first head is where replace_unknowns looks
    last[0].weight, last[1].weight, last[2].weight = query, key_value, out
    projection, bias = zeros(v, d), np.full(v, -30.0, np.float32)
    projection[eos, mark], projection[eos, mark - 1] = 30.0, -30.0
    bias[unk], bias[eos] = 0.0, -60.0
    decoder.projection.weight, decoder.projection.bias = projection, bias
    _save(spec, vocab, model_dir, quantization)


# The package layouts Argos Translate reads, as build_package(layout=...) makes them: the tokenizer
# file, the argos_version, and the sentence-splitter folder that comes with the package.
LAYOUTS = {
    "sentencepiece": {"tokenizer": "sentencepiece", "argos_version": "1.9.0", "sbd": None},
    "bpe": {"tokenizer": "bpe", "argos_version": "1.9.0", "sbd": None},
    "1.0": {"tokenizer": "sentencepiece", "argos_version": "1.0", "sbd": "stanza"},  # no target_prefix either
    "minisbd": {"tokenizer": "sentencepiece", "argos_version": "1.9.0", "sbd": "minisbd"},
    "spacy": {"tokenizer": "sentencepiece", "argos_version": "1.9.0", "sbd": "spacy"},
}
# Placeholder files in each sentence-splitter folder, named as in real packages (l10n never reads them).
SBD_FILES = {"stanza": ["resources.json", "{lang}/tokenize/default.pt"], "minisbd": ["{lang}.onnx"],
             "spacy": ["config.cfg", "meta.json"]}


def learn_bpe_codes(sentences: list[str], source: str, merges: int) -> bytes:
    """subword-nmt BPE codes learned in memory on ``sentences`` after Moses tokenisation, as Argos's ``bpe.model``."""
    from sacremoses import MosesPunctNormalizer, MosesTokenizer
    from subword_nmt.learn_bpe import learn_bpe

    normalizer, tokenizer = MosesPunctNormalizer(source), MosesTokenizer(source)
    text = "\n".join(" ".join(tokenizer.tokenize(normalizer.normalize(s))) for s in sentences)
    out = io.StringIO()
    with contextlib.redirect_stderr(io.StringIO()):  # its progress bar
        learn_bpe(io.StringIO(text), out, merges, min_frequency=1)
    return out.getvalue().encode("utf-8")


def bpe_vocabulary(codes: bytes, sentences: list[str], source: str, size: int | None = None) -> list[str]:
    """CTranslate2's vocabulary for BPE codes: specials, every piece of ``sentences``, every character."""
    from sacremoses import MosesPunctNormalizer, MosesTokenizer
    from subword_nmt.apply_bpe import BPE

    normalizer, tokenizer = MosesPunctNormalizer(source), MosesTokenizer(source)
    bpe = BPE(io.StringIO(codes.decode("utf-8")))
    pieces: set[str] = set()
    for sentence in sentences:
        words = tokenizer.tokenize(normalizer.normalize(sentence))
        pieces.update(bpe.segment_tokens(words))
        pieces.update(c + suffix for w in words for c in w for suffix in ("", "@@"))
    vocab = SPECIALS + sorted(pieces - set(SPECIALS))
    return vocab + [f"<unused{i}>" for i in range(max(0, (size or 0) - len(vocab)))]


def tokenizer_files(kind: str, corpus: list[str], vocab_size: int, source: str, model_vocab: int | None) -> tuple[dict[str, bytes], list[str]]:
    """The tokenizer file of a ``kind`` package (name -> bytes) and the model vocabulary that goes with it."""
    if kind == "bpe":
        codes = learn_bpe_codes(corpus, source, vocab_size)
        return {"bpe.model": codes}, bpe_vocabulary(codes, corpus, source, model_vocab)
    sp_model = train_sentencepiece(corpus, vocab_size)
    return {"sentencepiece.model": sp_model}, vocabulary(sp_model, model_vocab)


def build_package(out: Path, source: str, target: str, *, version: str = "1.0", corpus: list[str] | None = None,
                  vocab_size: int = 120, seed: int = 0, target_prefix: str = "", extra_meta: dict | None = None,
                  model_vocab: int | None = None, copy: bool = False, layout: str = "sentencepiece", **model: object) -> Path:
    """Build ``out/translate-<source>_<target>-<version>.argosmodel`` in ``layout`` (see LAYOUTS); return its path.

    The model has random weights (output is noise), or with ``copy`` it reproduces its input.
    """
    import tempfile

    shape = LAYOUTS[layout]
    root = f"translate-{source}_{target}-{version.replace('.', '_')}"
    files, vocab = tokenizer_files(shape["tokenizer"], corpus or CORPUS, vocab_size, source, model_vocab)
    meta = {
        "package_version": version, "argos_version": shape["argos_version"], "from_code": source, "to_code": target,
        "from_name": source, "to_name": target, "type": "translate", "target_prefix": target_prefix, **(extra_meta or {}),
    }
    if shape["argos_version"] == "1.0":
        del meta["target_prefix"], meta["type"]  # 1.0 metadata predates both
    files["metadata.json"] = json.dumps(meta).encode()
    files["README.md"] = b"Test fixture built by tests/argos_builder.py: random weights, output is noise.\n"
    for name in SBD_FILES.get(shape["sbd"], []):
        files[f"{shape['sbd']}/{name.format(lang=source)}"] = b"placeholder: l10n already has sentences\n"
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"{root}.argosmodel"
    with tempfile.TemporaryDirectory() as tmp:
        model_dir = Path(tmp) / "model"
        if copy:
            copy_transformer(model_dir, vocab, seed=seed, **model)  # type: ignore[arg-type]
        else:
            random_transformer(model_dir, vocab, seed=seed, **model)  # type: ignore[arg-type]
        with zipfile.ZipFile(path, "w") as archive:
            for name, data in files.items():
                archive.writestr(f"{root}/{name}", data)
            for file in sorted(model_dir.iterdir()):
                archive.write(file, f"{root}/model/{file.name}")
    return path
