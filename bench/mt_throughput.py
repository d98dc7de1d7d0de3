"""Machine-translation throughput and memory: l10n's Argos engine against its two yardsticks.

No real Argos model can be downloaded here, so the benchmark builds one of real Argos size with
random weights (6+6 layers, width 512, 8 heads, FFN 2048, a 32,000-entry vocabulary, int8; the
SentencePiece tokenizer is trained on the FLORES devtest text) and installs it in a temporary
Argos package folder. Its output is noise; what is measured is the work around the model.

On 200 German sentences of ``../shared/data/flores200-devtest/deu_Latn.devtest``, each side in
its own process (so peak memory is that side's alone), with the same decoding options (beam 4,
length penalty 0.2, unknowns replaced) and the same output length cap:

- **l10n**: ``ArgosEngine.translate`` on all sentences at once (sorted by length, in batches
  of a few sentences);
- **argostranslate**: ``argostranslate.translate`` called per sentence on the same package, as a
  script using Argos Translate directly would (its sentence splitter is replaced by "the input is
  one sentence", so it cannot download one; its ``translate_batch`` gets the same output cap);
- **raw CTranslate2**: ``Translator.translate_batch`` on pre-tokenised input, nothing else.

Model loading is outside the timed part on every side (one warm-up sentence first). Printed:
sentences per second, ratios, peak RSS (VmHWM), and the start-up time of ``l10n --help`` and
``l10n status`` (and whether they import torch, stanza or spaCy). Targets: l10n >= 5x
argostranslate, >= 0.9x raw CTranslate2, peak memory <= 1/2 of argostranslate's, start-up < 0.5 s.

The targets are judged at the default batch (``[translate] batch_size``/``batch_type``: two
sentences per replica on a CPU); raw CTranslate2 gets the same batches. l10n also runs at the
batches of ``--also`` to show what memory buys in speed: ``8`` is eight sentences, ``256t`` 256
source tokens (CTranslate2's usual measure, and l10n's default before sentences).

Usage: ``python bench/mt_throughput.py [--sentences 200] [--max-length 64] [--batch 2]
[--also 3,5,8,256t,64t] [--device cpu]``.
Exits 1 if a target is missed. About six minutes on two cores.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from l10n.engines.argos import DEFAULT_BATCH  # noqa: E402  (light: no model, no CTranslate2)
FLORES = Path(os.environ.get("L10N_SHARED", REPO.parent / "shared")) / "data" / "flores200-devtest"
BEAM, LENGTH_PENALTY = 4, 0.2


def build(folder: Path) -> Path:
    """A random de->en package of real Argos size, installed in ``folder/packages``."""
    sys.path.insert(0, str(REPO / "tests"))
    from argos_builder import build_package

    corpus = []
    for name in ("deu_Latn.devtest", "eng_Latn.devtest"):
        corpus += (FLORES / name).read_text(encoding="utf-8").splitlines()
    archive = build_package(folder / "archives", "de", "en", corpus=corpus, vocab_size=8000, model_vocab=32000,
                            layers=6, d_model=512, heads=8, ffn=2048, quantization="int8")
    return archive


# Each side runs this program in a fresh interpreter: argv = side, packages dir, sentences file, cap, device,
# batch size, batch type.
SIDE = r'''
import json, os, sys, time
side, packages, sentences_file, cap, device = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
batch, batch_type = int(sys.argv[6]), sys.argv[7]
sentences = json.loads(open(sentences_file, encoding="utf-8").read())
os.environ["ARGOS_PACKAGES_DIR"] = packages
os.environ["ARGOS_DEVICE_TYPE"] = device
import socket
def refuse(*a, **k):
    raise OSError("network blocked in the benchmark")
socket.socket.connect = refuse
socket.create_connection = refuse
BEAM, LP = 4, 0.2
if side == "l10n":
    from l10n.engines.argos import ArgosEngine, Decoding
    engine = ArgosEngine(device=device, decoding=Decoding(beam_size=BEAM, length_penalty=LP, max_decoding_length=cap, batch_size=batch, batch_type=batch_type))
    engine.translate(sentences[:1], "de", "en")
    start = time.perf_counter()
    out = engine.translate(sentences, "de", "en")
    seconds = time.perf_counter() - start
elif side == "argos":
    import ctranslate2
    real = ctranslate2.Translator.translate_batch
    def capped(self, *args, **kwargs):
        kwargs.setdefault("max_decoding_length", cap)
        return real(self, *args, **kwargs)
    ctranslate2.Translator.translate_batch = capped
    import argostranslate.translate as at
    from argostranslate import sbd
    # The input is one sentence: no splitter model to load or download.
    for cls in (sbd.MiniSBDSentencizer, sbd.StanzaSentencizer, sbd.SpacySentencizerSmall):
        cls.split_sentences = lambda self, text: [text]
    translation = at.get_translation_from_codes("de", "en")
    translation.translate(sentences[0])
    start = time.perf_counter()
    out = [translation.translate(s) for s in sentences]
    seconds = time.perf_counter() - start
else:
    import ctranslate2, sentencepiece
    from l10n.engines.argos import installed_packages, threads, CT2_BATCH_TYPE
    pkg = installed_packages()[0]
    sp = sentencepiece.SentencePieceProcessor(model_file=str(pkg.path / "sentencepiece.model"))
    inter, intra = threads(device)  # the same replicas and threads as l10n's engine
    translator = ctranslate2.Translator(str(pkg.path / "model"), device=device, inter_threads=inter, intra_threads=intra)
    tokens = sp.encode(sentences, out_type=str)
    translator.translate_batch(tokens[:1], beam_size=BEAM, max_decoding_length=cap)
    start = time.perf_counter()
    out = translator.translate_batch(tokens, replace_unknowns=True, max_batch_size=batch, batch_type=CT2_BATCH_TYPE[batch_type],
                                     beam_size=BEAM, length_penalty=LP, max_decoding_length=cap)
    seconds = time.perf_counter() - start
heavy = sorted(m for m in ("torch", "stanza", "spacy") if m in sys.modules)
# VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent across fork and exec.
hwm = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(json.dumps({"seconds": seconds, "n": len(out), "rss_mib": hwm / 1024, "heavy": heavy}))
'''


def parse_batch(spec: str) -> tuple[int, str]:
    """``8`` -> (8, "sentences"); ``256t`` -> (256, "tokens")."""
    return (int(spec[:-1]), "tokens") if spec.endswith("t") else (int(spec), "sentences")


def batch_name(batch: tuple[int, str]) -> str:
    return f"{batch[0]} {batch[1]}"


def run_side(side: str, packages: Path, sentences_file: Path, cap: int, device: str, batch: tuple[int, str]) -> dict:
    env = {**os.environ, "PYTHONPATH": str(REPO), "ARGOS_PACKAGES_DIR": str(packages)}
    proc = subprocess.run([sys.executable, "-c", SIDE, side, str(packages), str(sentences_file), str(cap), device, str(batch[0]), batch[1]],
                          capture_output=True, text=True, env=env)
    if proc.returncode != 0:
        sys.exit(f"{side} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def startup(args: list[str], cwd: Path) -> tuple[float, list[str]]:
    """Best of three wall times of ``python -m l10n ARGS``, and the heavy modules it imported."""
    probe = ("import runpy, sys, json\nsys.argv = ['l10n', *json.loads(sys.argv[1])]\n"
             "try:\n    runpy.run_module('l10n', run_name='__main__')\nexcept SystemExit:\n    pass\n"
             "print(json.dumps(sorted(m for m in ('torch', 'stanza', 'spacy', 'argostranslate.translate') if m in sys.modules)), file=sys.stderr)")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    times, heavy = [], []
    for _ in range(3):
        start = time.perf_counter()
        proc = subprocess.run([sys.executable, "-c", probe, json.dumps(args)], cwd=cwd, capture_output=True, text=True, env=env)
        times.append(time.perf_counter() - start)
        heavy = json.loads(proc.stderr.strip().splitlines()[-1])
    return min(times), heavy


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sentences", type=int, default=200)
    parser.add_argument("--max-length", type=int, default=64, help="output length cap (tokens), the same on all sides")
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--batch", default=None, help="l10n's and raw CTranslate2's batch: N sentences or Nt tokens (default: l10n's)")
    parser.add_argument("--also", default="3,5,8,256t,64t", help="other batches to run l10n with as well (memory against speed)")
    args = parser.parse_args()
    if not (FLORES / "deu_Latn.devtest").exists():
        sys.exit(f"FLORES devtest not found in {FLORES} (set L10N_SHARED)")
    batch = parse_batch(args.batch or str(DEFAULT_BATCH[args.device]))
    sentences = (FLORES / "deu_Latn.devtest").read_text(encoding="utf-8").splitlines()[: args.sentences]

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.environ["ARGOS_PACKAGES_DIR"] = str(folder / "packages")
        for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
            os.environ[var] = str(folder / var.lower())
        start = time.perf_counter()
        archive = build(folder)
        sys.path.insert(0, str(REPO))
        from l10n.models import install_archive

        install_archive(archive)
        print(f"model: random 6+6 layers, d=512, 32,000 vocabulary, int8; {archive.stat().st_size / 2**20:.0f} MB package, "
              f"built and installed in {time.perf_counter() - start:.1f} s")
        sentences_file = folder / "sentences.json"
        sentences_file.write_text(json.dumps(sentences, ensure_ascii=False), encoding="utf-8")
        print(f"{len(sentences)} FLORES German sentences, beam {BEAM}, length penalty {LENGTH_PENALTY}, "
              f"output capped at {args.max_length} tokens, device {args.device}\n")
        run = lambda side, b=batch: run_side(side, folder / "packages", sentences_file, args.max_length, args.device, b)
        results = {side: run(side) for side in ("raw", "l10n", "argos")}
        also = {batch_name(b): run("l10n", b) for b in map(parse_batch, args.also.split(",")) if b != batch}

    print(f"{'side':<38} {'seconds':>8} {'sent/s':>8} {'peak MiB':>9}  heavy imports")
    names = {"l10n": f"l10n ArgosEngine ({batch_name(batch)})", "argos": "argostranslate.translate per sentence",
             "raw": f"ctranslate2 translate_batch ({batch_name(batch)})"}
    rows = [(names[side], results[side]) for side in ("l10n", "argos", "raw")]
    rows += [(f"l10n ArgosEngine ({b})", r) for b, r in also.items()]
    for name, r in rows:
        r["rate"] = r["n"] / r["seconds"]
        print(f"{name:<38} {r['seconds']:>8.2f} {r['rate']:>8.1f} {r['rss_mib']:>9.0f}  {', '.join(r['heavy']) or '-'}")
    for b, r in also.items():
        print(f"  l10n at {b}: {r['rate'] / results['argos']['rate']:.2f}x argostranslate's speed, "
              f"{r['rss_mib'] / results['argos']['rss_mib']:.2f}x its peak memory")

    project = Path(tempfile.mkdtemp())
    (project / "source").mkdir()
    (project / "l10n.toml").write_text("[project]\nname = \"bench\"\n", encoding="utf-8")
    help_s, help_heavy = startup(["--help"], project)
    status_s, status_heavy = startup(["status"], project)
    print(f"\nstart-up: l10n --help {help_s:.2f} s, l10n status {status_s:.2f} s; heavy modules imported: {', '.join(help_heavy + status_heavy) or 'none'}")

    checks = [
        ("l10n / argostranslate throughput", results["l10n"]["rate"] / results["argos"]["rate"], ">=", 5.0),
        ("l10n / raw CTranslate2 throughput", results["l10n"]["rate"] / results["raw"]["rate"], ">=", 0.9),
        ("l10n / argostranslate peak memory", results["l10n"]["rss_mib"] / results["argos"]["rss_mib"], "<=", 0.5),
        ("l10n --help start-up (s)", help_s, "<=", 0.5),
        ("l10n status start-up (s)", status_s, "<=", 0.5),
    ]
    print()
    missed = False
    for label, value, op, target in checks:
        ok = value >= target if op == ">=" else value <= target
        missed |= not ok
        print(f"{label:<36} {value:6.2f}  (target {op} {target})  {'ok' if ok else 'MISSED'}")
    missed |= bool(help_heavy or status_heavy)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
