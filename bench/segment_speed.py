"""German sentence splitting: throughput against pySBD, and memory as the input grows.

Run from the repository root:  python bench/segment_speed.py [--repeat 3]

Text: the FLORES-200 German devtest (``../shared/data/flores200-devtest/deu_Latn.devtest``), its
lines joined into paragraphs of five. Both splitters get the same paragraphs in the same run;
the ratio is measured side by side. Memory: tracemalloc peak while splitting texts of growing size
with :meth:`iter_spans` (the spans are consumed, not kept), which must stay flat. Exits 1 when a
target is missed: >= 5x pySBD, >= 1 MB/s, at least as many FLORES line ends as pySBD, a peak at 16x
the input within 2x of the first.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import tracemalloc
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from l10n.segment import get_splitter  # noqa: E402

FLORES = Path(os.environ.get("L10N_SHARED", REPO.parent / "shared")) / "data/flores200-devtest/deu_Latn.devtest"


def paragraphs(path: Path, size: int = 5) -> tuple[list[str], list[set[int]]]:
    """Paragraphs of ``size`` lines, and for each the offsets where its lines end (known sentence ends)."""
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    groups = [lines[i : i + size] for i in range(0, len(lines), size)]
    ends = []
    for group in groups:
        offsets = [sum(len(x) + 1 for x in group[:k]) + len(group[k]) for k in range(len(group) - 1)]
        ends.append(set(offsets))
    return [" ".join(g) for g in groups], ends


def best_time(split, paras: list[str], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        for p in paras:
            split(p)
        best = min(best, time.perf_counter() - t0)
    return best


def line_boundaries(paras: list[str], ends: list[set[int]], ours, pysbd) -> tuple[int, int, int]:
    """How many of the known sentence ends (the joins between FLORES lines) each splitter finds."""
    char_spans = pysbd.Segmenter(language="de", clean=False, char_span=True)
    found_ours = found_pysbd = known = 0
    for para, joins in zip(paras, ends):
        known += len(joins)
        found_ours += len(joins & {s.end for s in ours.split(para)})
        found_pysbd += len(joins & {s.start + len(s.sent.rstrip()) for s in char_spans.segment(para)})
    return found_ours, found_pysbd, known


def peak_bytes(splitter, text: str) -> int:
    tracemalloc.start()
    count = sum(1 for _ in splitter.iter_spans(text))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert count > 0
    return peak


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="timing runs per splitter (best is kept)")
    args = parser.parse_args()
    if not FLORES.exists():
        sys.exit(f"missing {FLORES} (set L10N_SHARED to the shared folder)")
    import pysbd

    paras, ends = paragraphs(FLORES)
    size_mb = sum(len(p.encode("utf-8")) for p in paras) / 1e6
    ours = get_splitter("de")
    seg = pysbd.Segmenter(language="de", clean=False, char_span=False)
    t_ours = best_time(ours.split, paras, args.repeat)
    t_pysbd = best_time(seg.segment, paras, 1)  # pySBD is slow: one run
    n_ours = sum(len(ours.split(p)) for p in paras)
    print(f"text: {len(paras)} paragraphs, {size_mb:.3f} MB, {n_ours} sentences (l10n)")
    print(f"l10n : {size_mb / t_ours:8.2f} MB/s  ({t_ours:.3f} s, best of {args.repeat})")
    print(f"pySBD: {size_mb / t_pysbd:8.2f} MB/s  ({t_pysbd:.3f} s, one run)")
    print(f"speed-up: {t_pysbd / t_ours:.1f}x  (targets: >= 5x pySBD, >= 1 MB/s)")
    found_ours, found_pysbd, known = line_boundaries(paras, ends, ours, pysbd)
    print(f"FLORES line ends found ({known}): l10n {found_ours}, pySBD {found_pysbd}")
    whole = "\n\n".join(paras)
    print("memory (tracemalloc peak while splitting, input allocated before):")
    peaks = []
    for factor in (1, 4, 16):
        text = whole * factor
        peaks.append(peak_bytes(ours, text))
        print(f"  {len(text.encode('utf-8')) / 1e6:7.2f} MB input -> peak {peaks[-1] / 1024:8.1f} KiB")
    missed = [m for m, bad in [
        (f"speed-up {t_pysbd / t_ours:.1f}x < 5x", t_pysbd / t_ours < 5),
        (f"{size_mb / t_ours:.2f} MB/s < 1 MB/s", size_mb / t_ours < 1),
        (f"{found_ours} line ends found < pySBD's {found_pysbd}", found_ours < found_pysbd),
        (f"peak memory grew {peaks[-1] / peaks[0]:.1f}x with 16x the input", peaks[-1] > 2 * peaks[0]),
    ] if bad]
    for miss in missed:
        print(f"target missed: {miss}")
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
