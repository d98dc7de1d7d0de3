"""False alarms and caught faults of `l10n check` on the FLORES devtest (human translations).

Usage: python bench/check_false_alarms.py [--limit N] [--lang en --lang zh]

German sentences with their English and Chinese references as approved translations: prints the
share of entries with an error-level finding (per check), then, per injected fault, the share of
faulty entries that get an error. Targets (issue 6): false alarms <= 3%, each fault >= 95%,
swapped translations >= 70% (aim).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from l10n.checks import Settings  # noqa: E402
from l10n.checks.evaluate import evaluate, format_report, read_flores  # noqa: E402

# ../shared beside the repository (as in CI); L10N_SHARED overrides it (a worktree elsewhere).
FLORES = Path(os.environ.get("L10N_SHARED", ROOT.parent / "shared")) / "data" / "flores200-devtest"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="first N sentences only")
    parser.add_argument("--lang", action="append", choices=["en", "zh"], help="default: en and zh")
    parser.add_argument("--data", type=Path, default=FLORES)
    args = parser.parse_args()
    if not args.data.exists():
        print(f"FLORES devtest not found at {args.data}", file=sys.stderr)
        return 2
    settings = Settings.from_config(None)
    for lang in args.lang or ["en", "zh"]:
        started = time.perf_counter()
        report = evaluate(read_flores(args.data, lang, args.limit), lang, settings)
        print(format_report(report, time.perf_counter() - started))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
