"""Machine-translation speed and memory as a user gets it: ``l10n translate`` against raw CTranslate2.

No real Argos model can be downloaded here, so the benchmark builds two de->en packages of real
Argos size (6+6 layers, width 512, FFN 2048, a 32,000-entry vocabulary, int8; the SentencePiece
tokenizer is trained on the FLORES devtest text) and installs them, one at a time, in a temporary
Argos package folder:

- **copy** (the row that picks the defaults): the hand-set copying model of
  ``tests/argos_builder.py`` at that size. Its output is as long as its input and ends at the end
  token, as a real model's does, so decoding costs what it costs with a real package (one
  attention head instead of 8: the attention products are a small share of the work);
- **random, 64 tokens**: random weights and ``max_decoding_length: 64`` in the package's
  metadata: it never emits the end token, so every sentence decodes 64 tokens.

For each, in one run, side by side, each side in its own process (peak memory is that side's alone):

- **l10n**: the whole command a user runs, ``l10n translate --no-cache --lang en``, default
  settings, on a project whose one source document holds the first N FLORES German sentences
  (start-up, segmentation, model loading, catalog writing included);
- **raw CTranslate2**: ``Translator.translate_batch`` on the same sentences pre-tokenised, with the
  same decoding options (beam 4, length penalty 0.2, unknowns replaced), timed without loading,
  at batch 8, 16 and 32 sentences with one or two replicas: the best of the six is the yardstick.

Printed: sentences per second, the ratio, peak RSS (VmHWM). The target: the whole default command
reaches >= 0.8x the best raw setting on the copy row, with peak memory <= 1 GiB on both rows; the
script exits 1 when it misses. ``--batches 4,8,16`` also runs l10n at those ``batch_size`` values
(to see what memory buys in speed).

Usage: ``python bench/mt_throughput.py [--sentences 130] [--batches ...]``. A few minutes on two
free cores; much longer on a loaded machine (the figures are ratios measured side by side, so
they hold, but say so when you quote them).
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
FLORES = Path(os.environ.get("L10N_SHARED", REPO.parent / "shared")) / "data" / "flores200-devtest"
BEAM, LENGTH_PENALTY = 4, 0.2
RAW_BATCHES, RAW_REPLICAS = (8, 16, 32), (1, 2)
MIN_RATIO, MAX_MEMORY_MIB = 0.8, 1024
SIZE = dict(layers=6, d_model=512, ffn=2048, model_vocab=32000, vocab_size=8000, quantization="int8")


def build(folder: Path, kind: str, corpus: list[str]) -> Path:
    """A real-size de->en package: ``copy`` (output as long as input) or ``random`` (64 tokens)."""
    sys.path.insert(0, str(REPO / "tests"))
    from argos_builder import build_package

    if kind == "copy":
        return build_package(folder, "de", "en", corpus=corpus, copy=True, heads=1, **SIZE)
    return build_package(folder, "de", "en", corpus=corpus, heads=8, extra_meta={"max_decoding_length": 64}, **SIZE)


# The whole command, run as ``python -m l10n``, reporting its own peak memory at exit.
L10N = r'''
import atexit, runpy, sys
def hwm():
    kib = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:"))
    print(f"VMHWM_KIB={kib}", file=sys.stderr)
atexit.register(hwm)
sys.argv = ["l10n", *sys.argv[1:]]
runpy.run_module("l10n", run_name="__main__")
'''

# Raw CTranslate2 on the same sentences: argv = packages dir, sentences file, batch, replicas, max length.
RAW = r'''
import json, os, sys, time
import ctranslate2, sentencepiece
packages, sentences_file, batch, replicas, cap = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
folder = next(p for p in (os.path.join(packages, n) for n in os.listdir(packages)) if os.path.isdir(p))
sp = sentencepiece.SentencePieceProcessor(model_file=os.path.join(folder, "sentencepiece.model"))
cores = len(os.sched_getaffinity(0))
translator = ctranslate2.Translator(os.path.join(folder, "model"), device="cpu", inter_threads=replicas, intra_threads=max(1, cores // replicas))
tokens = sp.encode(json.load(open(sentences_file, encoding="utf-8")), out_type=str)
translator.translate_batch(tokens[:1], beam_size=4, max_decoding_length=cap)
start = time.perf_counter()
translator.translate_batch(tokens, replace_unknowns=True, max_batch_size=batch, beam_size=4, length_penalty=0.2, max_decoding_length=cap)
seconds = time.perf_counter() - start
kib = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(json.dumps({"seconds": seconds, "n": len(tokens), "rss_mib": kib / 1024}))
'''


def project(folder: Path, sentences: list[str], batch: int | None) -> Path:
    """A project with one German document of ``sentences`` (one paragraph each), English only."""
    root = folder / f"project-{batch or 'default'}"
    (root / "source").mkdir(parents=True)
    (root / "source" / "flores.txt").write_text("\n\n".join(sentences) + "\n", encoding="utf-8")
    extra = f"batch_size = {batch}\n" if batch else ""
    (root / "l10n.toml").write_text(
        '[project]\nname = "bench"\nsource_language = "de"\ntarget_languages = ["en"]\n\n'
        f'[translate]\nengine = "argos"\n{extra}', encoding="utf-8")
    return root


def run_l10n(root: Path, env: dict) -> dict:
    """Wall time, sentences and peak memory of ``l10n translate --no-cache`` in ``root``."""
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", L10N, "translate", "--no-cache", "--lang", "en", "--project", str(root)],
                          capture_output=True, text=True, env=env)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"l10n translate failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")
    import polib

    catalog = polib.pofile(str(root / "locales" / "en" / "flores.po"))
    kib = int(proc.stderr.rsplit("VMHWM_KIB=", 1)[1].split()[0])
    return {"seconds": seconds, "n": len([e for e in catalog if e.msgstr]), "rss_mib": kib / 1024,
            "sentences": [e.msgid for e in catalog]}


def run_raw(packages: Path, sentences_file: Path, batch: int, replicas: int, cap: int, env: dict) -> dict:
    proc = subprocess.run([sys.executable, "-c", RAW, str(packages), str(sentences_file), str(batch), str(replicas), str(cap)],
                          capture_output=True, text=True, env=env)
    if proc.returncode != 0:
        sys.exit(f"raw CTranslate2 failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def measure(kind: str, archive: Path, folder: Path, sentences: list[str], batches: list[int], env: dict) -> dict:
    """One row: l10n's default command (and ``batches``), then every raw setting, on one installed package."""
    from l10n.models import install_archive

    install_archive(archive)
    runs = {"default": run_l10n(project(folder / kind, sentences, None), env)}
    for batch in batches:
        runs[f"batch_size = {batch}"] = run_l10n(project(folder / kind, sentences, batch), env)
    sentences_file = folder / f"{kind}.json"
    sentences_file.write_text(json.dumps(runs["default"]["sentences"], ensure_ascii=False), encoding="utf-8")
    cap = 64 if kind == "random" else 256
    raw = {(b, r): run_raw(Path(env["ARGOS_PACKAGES_DIR"]), sentences_file, b, r, cap, env) for b in RAW_BATCHES for r in RAW_REPLICAS}
    for result in [*runs.values(), *raw.values()]:
        result["rate"] = result["n"] / result["seconds"]
    best = max(raw, key=lambda k: raw[k]["rate"])
    return {"l10n": runs, "raw": raw, "best": best}


def report(kind: str, row: dict) -> tuple[float, float]:
    """Print a row's table; return (default / best raw speed, default's peak MiB)."""
    title = {"copy": "copy model (output as long as input, ends at </s>)", "random": "random model, output capped at 64 tokens"}[kind]
    print(f"\n{title}")
    print(f"  {'side':<44} {'seconds':>8} {'sent/s':>7} {'peak MiB':>9}")
    best = row["raw"][row["best"]]
    for name, r in row["l10n"].items():
        print(f"  {'l10n translate --no-cache, ' + name:<44} {r['seconds']:>8.2f} {r['rate']:>7.1f} {r['rss_mib']:>9.0f}  "
              f"{r['rate'] / best['rate']:.2f}x best raw")
    for (batch, replicas), r in row["raw"].items():
        mark = "  <- best" if (batch, replicas) == row["best"] else ""
        print(f"  {f'ctranslate2 batch {batch}, {replicas} replica(s)':<44} {r['seconds']:>8.2f} {r['rate']:>7.1f} {r['rss_mib']:>9.0f}{mark}")
    default = row["l10n"]["default"]
    return default["rate"] / best["rate"], default["rss_mib"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sentences", type=int, default=130)
    parser.add_argument("--batches", default="", help="also run l10n with these batch_size values, e.g. 4,8,16")
    parser.add_argument("--rows", default="copy,random", help="which packages: copy, random or both")
    args = parser.parse_args()
    if not (FLORES / "deu_Latn.devtest").exists():
        sys.exit(f"FLORES devtest not found in {FLORES} (set L10N_SHARED)")
    german = (FLORES / "deu_Latn.devtest").read_text(encoding="utf-8").splitlines()
    corpus = german + (FLORES / "eng_Latn.devtest").read_text(encoding="utf-8").splitlines()
    batches = [int(b) for b in args.batches.split(",") if b]
    load = os.getloadavg()[0]
    print(f"{args.sentences} FLORES German sentences, beam {BEAM}, length penalty {LENGTH_PENALTY}, CPU, "
          f"{len(os.sched_getaffinity(0))} cores, load average {load:.1f} at start")
    sys.path.insert(0, str(REPO))
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = {**os.environ, "PYTHONPATH": str(REPO), "ARGOS_PACKAGES_DIR": str(folder / "packages")}
        for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
            env[var] = os.environ[var] = str(folder / var.lower())
        os.environ["ARGOS_PACKAGES_DIR"] = env["ARGOS_PACKAGES_DIR"]
        for kind in args.rows.split(","):
            start = time.perf_counter()
            archive = build(folder / "archives" / kind, kind, corpus)
            print(f"{kind}: {archive.stat().st_size / 2**20:.0f} MB package built in {time.perf_counter() - start:.0f} s")
            results[kind] = measure(kind, archive, folder, german[: args.sentences], batches, env)
            from l10n.models import remove_package

            remove_package("de", "en")
    missed = False
    print(f"\nload average {os.getloadavg()[0]:.1f} at the end (2 cores: above 2, other work shared the machine)")
    for kind, row in results.items():
        ratio, memory = report(kind, row)
        ok = (ratio >= MIN_RATIO or kind != "copy") and memory <= MAX_MEMORY_MIB
        missed |= not ok
        print(f"  => default / best raw: {ratio:.2f} (target >= {MIN_RATIO} on the copy row), "
              f"peak {memory:.0f} MiB (target <= {MAX_MEMORY_MIB}): {'ok' if ok else 'MISSED'}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
