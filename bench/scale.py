"""How l10n scales with the size of a project: time and peak memory of translate, status, release.

Generates projects of 10, 100 and 1,000 documents of 50 sentences each, runs each command as a real
``python -m l10n`` subprocess with the pseudo engine, and prints per command and size: wall time,
time per document, and the process's peak RSS. Then a no-change re-run of ``translate``. Checks, all
measured side by side in this one run:

- time per document at the largest size within 1.5x of that at the smallest, both net of the
  interpreter's start-up (``l10n --help``, measured here too);
- peak memory at the largest size within 1.5x of that at the smallest (bounded by a chunk of
  documents, not by the project);
- a no-change re-run at the largest size under 10% of the first run.

Usage: ``python bench/scale.py [--sizes 10,100,1000] [--sentences 50] [--keep DIR]``. Exits 1 if a
target is missed. Takes a few minutes on two cores.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

CITIES = ["Düsseldorf", "Köln", "Essen", "Dortmund", "Bonn", "Münster", "Aachen", "Bochum", "Duisburg", "Wuppertal"]
VERBS = ["eröffnet", "erweitert", "verlegt", "plant", "gründet", "baut"]
OBJECTS = ["ein Büro", "seine Europazentrale", "ein Forschungszentrum", "einen Standort", "ein Lager", "eine Vertriebsstelle"]


def sentence(doc: int, n: int) -> str:
    """A German press-release sentence, different for every (doc, n)."""
    city = CITIES[(doc + n) % len(CITIES)]
    verb = VERBS[n % len(VERBS)]
    obj = OBJECTS[(doc * 7 + n) % len(OBJECTS)]
    return f"Die Firma Nummer {doc * 100 + n} {verb} im Jahr {2000 + n % 25} {obj} in {city} mit {10 + n * 3} Beschäftigten."


def make_project(root: Path, docs: int, sentences: int) -> None:
    """A project with ``docs`` documents of ``sentences`` sentences in paragraphs of five."""
    (root / "source").mkdir(parents=True)
    (root / "l10n.toml").write_text('[project]\nname = "scale"\n[translate]\nengine = "pseudo"\n', encoding="utf-8")
    for d in range(docs):
        paragraphs = [" ".join(sentence(d, n) for n in range(start, min(start + 5, sentences))) for start in range(0, sentences, 5)]
        text = "---\ndate: 2024-01\n---\n\n" + "\n\n".join(paragraphs) + "\n"
        (root / "source" / f"release-{d:05}.md").write_text(text, encoding="utf-8")


def run(root: Path, *args: str) -> tuple[float, float]:
    """Run ``python -m l10n ARGS`` in ``root``; return (seconds, peak RSS in MiB) of that process."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "SOURCE_DATE_EPOCH": "1700000000"}
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "l10n", *args], cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        sys.exit(f"l10n {' '.join(args)} failed in {root}: {proc.stderr.read().decode()}")
    proc.stderr.close()
    return seconds, usage.ru_maxrss / 1024  # ru_maxrss is in KiB on Linux


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10,100,1000")
    parser.add_argument("--sentences", type=int, default=50)
    parser.add_argument("--keep", type=Path, help="build the projects here and keep them")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    work = args.keep or Path(tempfile.mkdtemp(prefix="l10n-scale-"))
    startup = min(run(REPO, "--help")[0] for _ in range(3))
    print(f"python -m l10n start-up: {startup:.3f} s (subtracted for the per-document figures)")
    print(f"{'docs':>6} {'command':<10} {'seconds':>8} {'ms/doc':>8} {'net ms/doc':>10} {'peak MiB':>9}")
    results: dict[tuple[int, str], tuple[float, float]] = {}
    for size in sizes:
        root = work / f"docs-{size}"
        if root.exists():
            shutil.rmtree(root)
        make_project(root, size, args.sentences)
        for label, command in (("translate", ("translate",)), ("status", ("status",)), ("release", ("release", "--include-fuzzy")), ("re-run", ("translate",))):
            seconds, mib = run(root, *command)
            results[size, label] = (seconds, mib)
            print(f"{size:6} {label:<10} {seconds:8.2f} {1000 * seconds / size:8.1f} {1000 * max(seconds - startup, 0) / size:10.1f} {mib:9.1f}", flush=True)
        if not args.keep:
            shutil.rmtree(root)

    # One large document: no step may be quadratic in a document's length.
    big = args.sentences * 100
    root = work / "one-large"
    if root.exists():
        shutil.rmtree(root)
    make_project(root, 1, big)
    print(f"\nOne document of {big} sentences:")
    for label, command in (("translate", ("translate",)), ("status", ("status",)), ("release", ("release", "--include-fuzzy"))):
        seconds, mib = run(root, *command)
        per_sentence = 1000 * (seconds - startup) / big
        print(f"  {label:<10} {seconds:6.2f} s  {per_sentence:6.3f} ms/sentence (net)  peak {mib:6.1f} MiB")
    if not args.keep:
        shutil.rmtree(root)

    small, large = sizes[0], sizes[-1]
    failures = []
    print(f"\nTargets ({small} vs {large} documents):")
    for label in ("translate", "status", "release"):
        per_small = (results[small, label][0] - startup) / small
        per_large = (results[large, label][0] - startup) / large
        ratio = per_large / per_small if per_small > 0 else float("inf")
        mem = results[large, label][1] / results[small, label][1]
        ok = ratio <= 1.5 and mem <= 1.5
        failures += [] if ok else [label]
        print(f"  {label:<10} time/doc x{ratio:.2f} (<= 1.5)   peak memory x{mem:.2f} (<= 1.5)   {'ok' if ok else 'MISSED'}")
    rerun = results[large, "re-run"][0] / results[large, "translate"][0]
    print(f"  no-change re-run at {large}: {100 * rerun:.1f}% of the first run (< 10%)   {'ok' if rerun < 0.10 else 'MISSED'}")
    if rerun >= 0.10:
        failures.append("re-run")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
