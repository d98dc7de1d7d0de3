"""Merge speed: l10n's merge against GNU ``msgmerge --previous`` over the same files, same run.

Generates DOCS documents of SENTENCES sentences each: an old, fully approved catalog and a new
template in which CHANGED of the sentences had one word or figure edited. Both sides read the old
catalog and the template from disk, merge, and write the result.

Like is compared with like: the target is judged on one catalog holding every document, merged
by one ``msgmerge`` process and by one in-process l10n merge. The per-document figures (1,000
``msgmerge`` processes, each paying its start-up, against one Python process) are printed for
the record, not judged. Exits 1 when l10n takes more than twice msgmerge's time on the single
catalog or finds a different number of fuzzy matches (more than 5 % apart).

    python bench/merge_speed.py [DOCS] [SENTENCES] [CHANGED]    # default: 1000 50 0.05
"""

from __future__ import annotations

import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from l10n.catalog import Catalog, Entry, read_catalog, render, write_catalog  # noqa: E402
from l10n.merge import merge  # noqa: E402

WORDS = (
    "Unternehmen Umsatz Milliarden Euro Markt Smartphones Hersteller Niederlassung Düsseldorf Peking "
    "Mitarbeiter Kunden Produkte Strategie Wachstum Europa Deutschland Technologie Forschung Entwicklung "
    "eröffnet steigerte erreichte plant beschäftigt gegründet weltweit wichtigsten führender neuen"
).split()


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 18))]
    words.insert(rng.randrange(len(words)), f"{rng.randint(1, 99)},{rng.randint(0, 9)}")
    return " ".join(words).capitalize() + "."


def edit(text: str, rng: random.Random) -> str:
    words = text.rstrip(".").split()
    i = rng.randrange(len(words))
    words[i] = rng.choice(WORDS) if not words[i][0].isdigit() else f"{rng.randint(100, 999)},{rng.randint(0, 9)}"
    return " ".join(words) + "."


def generate(folder: Path, docs: int, sentences: int, changed: float, rng: random.Random) -> list[tuple[Path, Path]]:
    header = {"Language": "en", "Content-Type": "text/plain; charset=UTF-8", "Content-Transfer-Encoding": "8bit"}
    pairs = []
    for d in range(docs):
        old = list(dict.fromkeys(sentence(rng) for _ in range(sentences)))
        new = [edit(s, rng) if rng.random() < changed else s for s in old]
        po, pot = folder / f"doc{d}.po", folder / f"doc{d}.pot"
        refs = lambda i: ((f"source/doc{d}.md", str(i + 1)),)  # noqa: E731
        po.write_text(render(Catalog(header, tuple(Entry(s, f"EN {s}", occurrences=refs(i)) for i, s in enumerate(old)))), encoding="utf-8")
        pot.write_text(render(Catalog(header, tuple(Entry(s, occurrences=refs(i)) for i, s in enumerate(new)))), encoding="utf-8")
        pairs.append((po, pot))
    return pairs


def combine(pairs: list[tuple[Path, Path]], folder: Path) -> tuple[Path, Path]:
    """One catalog and one template holding every document's entries (the same texts)."""
    olds, news = [read_catalog(po) for po, _ in pairs], [read_catalog(pot) for _, pot in pairs]
    header = olds[0].header
    po, pot = folder / "all.po", folder / "all.pot"
    for path, catalogs in ((po, olds), (pot, news)):
        entries = {e.msgid: e for c in catalogs for e in c.entries}  # msgids are unique in a catalog
        path.write_text(render(Catalog(header, tuple(entries.values()))), encoding="utf-8")
    return po, pot


def run_l10n(pairs: list[tuple[Path, Path]], out: Path) -> tuple[float, int]:
    start, fuzzy = time.perf_counter(), 0
    for po, pot in pairs:
        old = read_catalog(po)
        result = merge(old, read_catalog(pot), old.header)
        write_catalog(out / po.name, result.catalog)
        fuzzy += result.fuzzy_matched
    return time.perf_counter() - start, fuzzy


def run_msgmerge(pairs: list[tuple[Path, Path]], out: Path) -> tuple[float, int]:
    start = time.perf_counter()
    for po, pot in pairs:
        subprocess.run(["msgmerge", "--previous", "-q", "-o", str(out / po.name), str(po), str(pot)], check=True)
    elapsed = time.perf_counter() - start
    fuzzy = sum(1 for po, _ in pairs for e in read_catalog(out / po.name).active if e.fuzzy)
    return elapsed, fuzzy


def main() -> int:
    docs, sentences, changed = int(sys.argv[1]) if len(sys.argv) > 1 else 1000, int(sys.argv[2]) if len(sys.argv) > 2 else 50, float(sys.argv[3]) if len(sys.argv) > 3 else 0.05
    if shutil.which("msgmerge") is None:
        sys.exit("msgmerge (GNU gettext) is not installed")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        pairs = generate(folder, docs, sentences, changed, random.Random(5))
        for side in ("l10n", "gnu", "l10n-all", "gnu-all"):
            (folder / side).mkdir()
        combined = [combine(pairs, folder)]
        gnu_all, gnu_all_fuzzy = run_msgmerge(combined, folder / "gnu-all")
        ours_all, our_all_fuzzy = run_l10n(combined, folder / "l10n-all")
        gnu, gnu_fuzzy = run_msgmerge(pairs, folder / "gnu")
        ours, our_fuzzy = run_l10n(pairs, folder / "l10n")
    ratio = ours_all / gnu_all
    print(f"{docs} documents x {sentences} sentences, {changed:.0%} changed")
    print("one catalog of every document, one process each (judged):")
    print(f"  msgmerge --previous: {gnu_all:7.2f} s  ({gnu_all_fuzzy} fuzzy)")
    print(f"  l10n merge:          {ours_all:7.2f} s  ({our_all_fuzzy} fuzzy)")
    print(f"  ratio l10n/msgmerge: {ratio:7.2f}  (target <= 2.0)")
    print(f"per document ({docs} msgmerge processes against one Python process; not judged):")
    print(f"  msgmerge --previous: {gnu:7.2f} s  ({gnu_fuzzy} fuzzy)")
    print(f"  l10n merge:          {ours:7.2f} s  ({our_fuzzy} fuzzy)")
    misses = []
    if ratio > 2.0:
        misses.append(f"l10n took {ratio:.2f}x msgmerge's time (target <= 2.0)")
    if abs(our_all_fuzzy - gnu_all_fuzzy) > 0.05 * max(gnu_all_fuzzy, 1):
        misses.append(f"fuzzy matches differ: l10n {our_all_fuzzy}, msgmerge {gnu_all_fuzzy} (target: within 5 %)")
    for miss in misses:
        print(f"MISSED: {miss}")
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main())
