"""`l10n --help`, `status`, `eval --help` and `models list` must not pull in torch, stanza, spaCy,
argostranslate.translate, CTranslate2, sacrebleu or the BPE tokenizer's libraries."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
HEAVY = ("torch", "stanza", "spacy", "argostranslate.translate", "ctranslate2", "sacrebleu", "sacremoses", "subword_nmt")
PROBE = """
import json, sys
sys.argv = ["l10n", *sys.argv[1:]]
from l10n.cli import main
try:
    main()
except SystemExit:
    pass
print("\\nMODULES=" + json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in {"torch", "stanza", "spacy", "argostranslate", "ctranslate2", "sacrebleu", "sacremoses", "subword_nmt"})))
"""


@pytest.mark.parametrize("args", [["--help"], ["status"], ["eval", "--help"], ["models", "list"]])
def test_no_heavy_imports(args: list[str], project_dir: Path) -> None:
    run = subprocess.run([sys.executable, "-c", PROBE, *args], cwd=project_dir, capture_output=True, text=True,
                         env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"}, timeout=60)
    line = [ln for ln in run.stdout.splitlines() if ln.startswith("MODULES=")]
    assert line, run.stdout + run.stderr
    loaded = json.loads(line[0].removeprefix("MODULES="))
    assert not [m for m in loaded if m.startswith(HEAVY)], loaded
