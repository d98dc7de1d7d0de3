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

Then translation memory and glossary at scale (``--parts memory,glossary``):

- memory: a project of 300 documents x 100 approved sentences (30,000 approved entries, one target
  language) gets five new sentences in each document, once close variants of approved sentences
  (1,500 similar: each meets the fuzzy lookup with 30,000 look-alike candidates), once sentences
  sharing nothing with the memory (1,500 unrelated). ``translate`` on the similar ones must cost no
  more than 3x the unrelated ones;
- glossary: ``translate`` and ``check`` of a 26-sentence release with a 30-term and a 30,000-term
  glossary; with the large one each may cost at most 1.5x the small one (glossary cost near-
  independent of its size); the matching alone, in-process over 2,000 sentences, at most 1.5x too.
  Reading and indexing the glossary is linear in its size and printed apart. These are judged on
  CPU seconds (user + system of each process, best of three; wall time printed beside them): on
  a shared machine a process's wall time says more about the other processes than about it.

Usage: ``python bench/scale.py [--parts size,memory,glossary] [--sizes 10,100,1000] [--sentences 50]
[--keep DIR]``. Exits 1 if a target is missed. Takes a few minutes on two cores.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

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


def make_project(root: Path, docs: int, sentences: int, extra: str = "") -> None:
    """A project with ``docs`` documents of ``sentences`` sentences in paragraphs of five."""
    (root / "source").mkdir(parents=True)
    (root / "l10n.toml").write_text('[project]\nname = "scale"\n[translate]\nengine = "pseudo"\n' + extra, encoding="utf-8")
    for d in range(docs):
        paragraphs = [" ".join(sentence(d, n) for n in range(start, min(start + 5, sentences))) for start in range(0, sentences, 5)]
        text = "---\ndate: 2024-01\n---\n\n" + "\n\n".join(paragraphs) + "\n"
        (root / "source" / f"release-{d:05}.md").write_text(text, encoding="utf-8")


def run(root: Path, *args: str, ok: tuple[int, ...] = (0,)) -> tuple[float, float]:
    """Run ``python -m l10n ARGS`` in ``root``; return (seconds, peak RSS in MiB) of that process.

    An exit status outside ``ok`` stops the benchmark."""
    seconds, mib, _ = run_cpu(root, *args, ok=ok)
    return seconds, mib


def run_cpu(root: Path, *args: str, ok: tuple[int, ...] = (0,)) -> tuple[float, float, float]:
    """:func:`run`, and the CPU seconds (user + system) the process used."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "SOURCE_DATE_EPOCH": "1700000000"}
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "l10n", *args], cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in ok:
        sys.exit(f"l10n {' '.join(args)} failed in {root}: {proc.stderr.read().decode()}")
    proc.stderr.close()
    return seconds, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime  # ru_maxrss is in KiB on Linux


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--parts", default="size,memory,glossary")
    parser.add_argument("--sizes", default="10,100,1000")
    parser.add_argument("--sentences", type=int, default=50)
    parser.add_argument("--keep", type=Path, help="build the projects here and keep them")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="l10n-scale-"))
    startup = min(run(REPO, "--help")[0] for _ in range(3))
    print(f"python -m l10n start-up: {startup:.3f} s (subtracted for the per-document figures)")
    parts = args.parts.split(",")
    failures = []
    if "size" in parts:
        failures += project_size(work, [int(s) for s in args.sizes.split(",")], args.sentences, startup, keep=bool(args.keep))
    if "memory" in parts:
        failures += memory_scale(work)
    if "glossary" in parts:
        failures += glossary_scale(work)
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    print("all targets met" if not failures else f"MISSED: {', '.join(failures)}")
    return 1 if failures else 0


def project_size(work: Path, sizes: list[int], sentences: int, startup: float, *, keep: bool) -> list[str]:
    """Time and memory per document at each size, one large document, a no-change re-run."""
    print(f"{'docs':>6} {'command':<10} {'seconds':>8} {'ms/doc':>8} {'net ms/doc':>10} {'peak MiB':>9}")
    results: dict[tuple[int, str], tuple[float, float]] = {}
    for size in sizes:
        root = work / f"docs-{size}"
        if root.exists():
            shutil.rmtree(root)
        make_project(root, size, sentences)
        for label, command in (("translate", ("translate",)), ("status", ("status",)), ("release", ("release", "--include-fuzzy")), ("re-run", ("translate",))):
            seconds, mib = run(root, *command)
            results[size, label] = (seconds, mib)
            print(f"{size:6} {label:<10} {seconds:8.2f} {1000 * seconds / size:8.1f} {1000 * max(seconds - startup, 0) / size:10.1f} {mib:9.1f}", flush=True)
        if not keep:
            shutil.rmtree(root)

    # One large document: no step may be quadratic in a document's length.
    big = sentences * 100
    root = work / "one-large"
    if root.exists():
        shutil.rmtree(root)
    make_project(root, 1, big)
    print(f"\nOne document of {big} sentences:")
    for label, command in (("translate", ("translate",)), ("status", ("status",)), ("release", ("release", "--include-fuzzy"))):
        seconds, mib = run(root, *command)
        per_sentence = 1000 * (seconds - startup) / big
        print(f"  {label:<10} {seconds:6.2f} s  {per_sentence:6.3f} ms/sentence (net)  peak {mib:6.1f} MiB")
    if not keep:
        shutil.rmtree(root)

    small, large = sizes[0], sizes[-1]
    failures: list[str] = []
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
    return failures


# German words the generated releases never use: sentences from them share no word with the memory
# (only the odd trigram any two German texts share), and still read as German to the language check.
SUBJECTS = ["Der Gärtner", "Eine Lehrerin", "Unser Hund", "Die Katze", "Ein Bäcker", "Die Großmutter", "Der Förster", "Ein Schüler"]
ACTIONS = ["pflückt", "malt", "sucht", "versteckt", "kocht", "bewundert", "sammelt", "trägt"]
THINGS = ["rote Äpfel", "bunte Blumen", "warme Suppe", "alte Bücher", "frische Kräuter", "weiche Kissen", "kleine Steine", "grüne Blätter"]
PLACES = ["im Garten", "am Fluss", "unter dem Apfelbaum", "hinter der Scheune", "auf dem Dachboden", "neben dem Teich", "im Wald", "bei Regen"]
TIMES = ["jeden Sonntag", "am Abend", "morgens früh", "nach dem Frühstück", "im Herbst", "zur Mittagszeit", "bei Sonnenschein", "vor dem Schlafen"]


def unrelated(rng: random.Random) -> str:
    """A German sentence sharing no word with the generated releases."""
    parts = [rng.choice(SUBJECTS), rng.choice(ACTIONS), rng.choice(THINGS), "und", rng.choice(THINGS), rng.choice(PLACES), rng.choice(TIMES)]
    return " ".join(parts) + "."


def similar(doc: int, n: int) -> str:
    """A close variant of an approved sentence: one figure and one word changed."""
    return sentence(doc, n).replace(f"mit {10 + n * 3} Beschäftigten", f"mit {11 + n * 3} neuen Beschäftigten")


def approve_all(root: Path) -> int:
    """Clear the fuzzy flag of every translated entry (a reviewer approved them); return the count."""
    import polib

    count = 0
    for path in (root / "locales").rglob("*.po"):
        catalog = polib.pofile(str(path))
        for entry in catalog:
            if entry.msgstr and "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
                entry.previous_msgid = None
                count += 1
        catalog.save()
    return count


def add_paragraph(root: Path, make: Callable[[int, int], str]) -> None:
    """Append a paragraph of five new sentences ``make(doc, k)`` to every document."""
    for doc, path in enumerate(sorted((root / "source").glob("*.md"))):
        with path.open("a", encoding="utf-8") as f:
            f.write("\n" + " ".join(make(doc, k) for k in range(5)) + "\n")


def memory_scale(work: Path, docs: int = 300, sentences: int = 100) -> list[str]:
    """``translate`` adding 1,500 similar vs 1,500 unrelated sentences to 30,000 approved entries."""
    base = work / "memory"
    shutil.rmtree(base, ignore_errors=True)
    make_project(base, docs, sentences)
    toml = base / "l10n.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('name = "scale"', 'name = "scale"\ntarget_languages = ["en"]'), encoding="utf-8")
    seconds, _ = run(base, "translate")
    approved = approve_all(base)
    print(f"\nTranslation memory: {approved:,} approved entries (set up in {seconds:.1f} s)")
    rng = random.Random(15)
    timings = {}
    for label, make in (("unrelated", lambda d, k: unrelated(rng)), ("similar", similar)):
        root = work / f"memory-{label}"
        shutil.rmtree(root, ignore_errors=True)
        shutil.copytree(base, root)
        add_paragraph(root, make)
        timings[label], mib = run(root, "translate")
        print(f"  translate + {5 * docs:,} {label:<9} sentences: {timings[label]:7.2f} s  peak {mib:6.1f} MiB", flush=True)
        shutil.rmtree(root)
    shutil.rmtree(base)
    ratio = timings["similar"] / timings["unrelated"]
    print(f"  similar / unrelated: x{ratio:.2f} (<= 3)   {'ok' if ratio <= 3 else 'MISSED'}")
    return [] if ratio <= 3 else ["memory"]


def write_glossary(path: Path, size: int) -> None:
    """A glossary of ``size`` terms: the cities (do not translate) and one pair occur in the release."""
    rows = ["de,en", *CITIES, "Beschäftigten,employees"]
    rng = random.Random(size)
    while len(rows) < size + 1:
        word = "".join(rng.choice("bdfgklmnprstvz") + rng.choice("aeiouäöü") for _ in range(rng.randint(2, 5)))
        rows.append(f"{word.capitalize()},{word[::-1]}")
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")


def glossary_costs(work: Path, size: int, sentences: int = 2_000) -> tuple[float, float]:
    """Seconds to read a glossary of ``size`` terms (and index it); seconds per sentence to match it."""
    sys.path.insert(0, str(REPO))
    from l10n.glossary import read_glossary

    path = work / f"glossary-{size}.csv"
    write_glossary(path, size)
    start = time.process_time()
    glossary = read_glossary(path, "de")
    glossary.in_source("Köln", "de")  # builds the index
    load = time.process_time() - start
    texts = [sentence(d, n) for d in range(sentences // 50) for n in range(50)]
    start = time.process_time()
    found = sum(len(glossary.in_source(text, "de")) for text in texts)
    match = (time.process_time() - start) / len(texts)
    assert found >= len(texts)  # every sentence names a city
    path.unlink()
    return load, match


def glossary_scale(work: Path, small: int = 30, large: int = 30_000) -> list[str]:
    """``translate`` and ``check`` of a 26-sentence release with a small and a large glossary."""
    print(f"\nGlossary: a 26-sentence release, {small:,} vs {large:,} terms")
    timings = {}
    for size in (small, large):
        root = work / f"glossary-{size}"
        shutil.rmtree(root, ignore_errors=True)
        make_project(root, 1, 26, '[glossary]\nfile = "glossary.csv"\n')
        write_glossary(root / "glossary.csv", size)
        for label, command in (("translate", ("translate",)), ("check", ("check",))):
            times = []
            for _ in range(3):  # the best of three: the figures are small and a shared machine is noisy
                if label == "translate":
                    shutil.rmtree(root / "locales", ignore_errors=True)
                    shutil.rmtree(root / ".l10n", ignore_errors=True)
                times.append(run_cpu(root, *command, ok=(0, 1)))
            timings[size, label] = min(cpu for _, _, cpu in times)
            wall = min(seconds for seconds, _, _ in times)
            print(f"  {size:>7,} terms  {label:<10} {timings[size, label]:6.2f} s CPU  ({wall:.2f} s wall; best of 3)", flush=True)
        shutil.rmtree(root)
    failures = []
    for size in (small, large):
        timings[size, "load"], timings[size, "match"] = glossary_costs(work, size)
        print(f"  {size:>7,} terms  in-process: load {1000 * timings[size, 'load']:7.1f} ms   "
              f"matching {1e6 * timings[size, 'match']:6.1f} µs/sentence", flush=True)
    for label in ("match", "translate", "check"):
        ratio = timings[large, label] / timings[small, label]
        print(f"  {label:<10} {large:,} / {small:,} terms: x{ratio:.2f} (<= 1.5)   {'ok' if ratio <= 1.5 else 'MISSED'}")
        failures += [] if ratio <= 1.5 else [f"glossary {label}"]
    return failures


if __name__ == "__main__":
    sys.exit(main())
