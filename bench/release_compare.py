"""`l10n release` against another revision: the same bytes, and how often each input is opened.

Usage: python bench/release_compare.py [--base REV]   (default: main)

Builds two projects (the bundled one; and a richer one: a second release half reviewed, a logo, a
nested Markdown and a plain-text file with a BOM and no catalogs), releases each with four
settings (default, --threshold 0, --threshold 50, --include-fuzzy --threshold 0) with the code of
REV (from `git archive`) and with this tree's, SOURCE_DATE_EPOCH pinned, and prints per case the
number of files in dist/, whether every file (the kit's zip and status page included) and the
command's output are byte-identical, and the most times one source or catalog was opened for
reading by each. Exits 1 when a file or the output differs, or when this tree opens an input more
than once (issue 16).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.conftest import copy_project  # noqa: E402
from tests.kit_support import reviewed_project, second_release  # noqa: E402

SETTINGS = {"default": [], "t0": ["--threshold", "0"], "t50": ["--threshold", "50"], "fuzzy": ["--include-fuzzy", "--threshold", "0"]}

# Runs `l10n release` with the code in sys.argv[1]; counts the opens for reading (the audit event
# "open" covers open(), Path.read_bytes() and os.open()) of source/ and locales/ files.
RUNNER = """
import json, os, sys
code, counts, *args = sys.argv[1:]
sys.path.insert(0, code)
opens = []
sys.addaudithook(lambda event, a: opens.append(a) if event == "open" and isinstance(a[0], (str, bytes, os.PathLike)) else None)
from l10n.cli import main
root = args[args.index("-C") + 1]
sys.argv = ["l10n", *args]
try:
    main()
except SystemExit as exc:
    assert not exc.code, exc.code
found = {}
for path, mode, flags in opens:
    reading = (flags & os.O_ACCMODE) == os.O_RDONLY if mode is None else not any(c in str(mode) for c in "wax+")
    rel = os.path.relpath(os.fsdecode(path), root)
    if reading and rel.split(os.sep)[0] in ("source", "locales"):
        found[rel] = found.get(rel, 0) + 1
open(counts, "w").write(json.dumps(found))
"""


def projects(folder: Path) -> dict[str, Path]:
    """The two input projects, made with this tree's code."""
    folder.mkdir()
    bundled = copy_project(folder / "bundled")
    rich = second_release(reviewed_project(copy_project(folder / "rich", catalogs=False)))
    shutil.rmtree(rich / ".l10n")
    (rich / "source" / "2020").mkdir()
    (rich / "source" / "2020" / "launch.md").write_text("---\nort: Köln\n---\n# Neue Zentrale\n\nDer Umzug ist fertig. Alle sind da.\n", encoding="utf-8")
    (rich / "source" / "2020" / "notice.txt").write_bytes("\ufeffHinweis <b>fett</b>: Der Termin entfällt.\n\nMehr folgt.\n".encode())
    return {"bundled": bundled, "rich": rich}


def release(code: Path, project: Path, args: list[str], work: Path) -> dict:
    """Release a copy of ``project`` with the code in ``code``: hashes, output, open counts."""
    root = work / "project"
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(project, root)
    counts = work / "counts.json"
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    run = subprocess.run([sys.executable, "-c", RUNNER, str(code), str(counts), "release", "-C", str(root), *args],
                         capture_output=True, text=True, env=env, cwd=work)
    if run.returncode:
        sys.exit(f"release failed with {code}: {run.stderr}")
    dist = root / "dist"
    hashes = {p.relative_to(dist).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(dist.rglob("*")) if p.is_file()}
    return {"hashes": hashes, "output": run.stdout.replace(str(root), "<project>"), "opens": json.loads(counts.read_text())}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", default="main", help="the revision to compare with (default: main)")
    base = parser.parse_args().base
    with tempfile.TemporaryDirectory(prefix="release-compare-") as tmp:
        temp = Path(tmp)
        old = temp / "base"
        old.mkdir()
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", base, "l10n"], capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(old)], input=archive, check=True)
        inputs = projects(temp / "inputs")
        (temp / "work").mkdir()
        failed = False
        print(f"{'case':16} {'files':>5}  {'dist/ bytes':11} {'output':9} {'opens ' + base:>12} {'opens here':>10}")
        for name, project in inputs.items():
            for setting, args in SETTINGS.items():
                before = release(old, project, args, temp / "work")
                after = release(ROOT, project, args, temp / "work")
                same, said = before["hashes"] == after["hashes"], before["output"] == after["output"]
                most = max(after["opens"].values(), default=0)
                failed |= not same or not said or most > 1 or not after["opens"]
                print(f"{name + '/' + setting:16} {len(after['hashes']):5}  {'identical' if same else 'DIFFER':11} {'same' if said else 'DIFFERS':9} "
                      f"{max(before['opens'].values(), default=0):>12} {most:>10}")
                for rel in sorted(set(before["hashes"]) | set(after["hashes"])):
                    if before["hashes"].get(rel) != after["hashes"].get(rel):
                        print(f"  differs: {rel}")
    print("FAIL" if failed else "OK: the same bytes, each source and catalog opened once")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
