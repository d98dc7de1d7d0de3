"""`l10n eval`: a test set translated the project's way and scored with sacrebleu, honestly.

A package whose model copies its input must score chrF 100 against its own source (directly and
through the pivot), low against a real English reference, and low against a shuffled reference.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from typer.testing import CliRunner

from l10n.cli import app

from .argos_builder import build_package
from .conftest import SHARED, _install_into_fresh_folder

pytestmark = pytest.mark.usefixtures("no_network")

FLORES = SHARED / "data" / "flores200-devtest"
N = 40


@pytest.fixture(scope="module")
def test_set(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """FLORES German and English lines, and the German shuffled."""
    out = tmp_path_factory.mktemp("evalset")
    de = (FLORES / "deu_Latn.devtest").read_text(encoding="utf-8").splitlines()[:N]
    en = (FLORES / "eng_Latn.devtest").read_text(encoding="utf-8").splitlines()[:N]
    shuffled = de[:]
    random.Random(0).shuffle(shuffled)
    files = {"de": de, "en": en, "shuffled": shuffled}
    paths = {name: out / f"{name}.txt" for name in files}
    for name, lines in files.items():
        paths[name].write_text("\n".join(lines) + "\n", encoding="utf-8")
    return paths


@pytest.fixture(scope="module")
def copying(test_set, tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """Copying de->en and en->zh packages whose tokenizer knows the test set's words."""
    out = tmp_path_factory.mktemp("evalmodels")
    corpus = [line for name in ("de", "en") for line in test_set[name].read_text(encoding="utf-8").splitlines()]
    return {pair: build_package(out, *pair, copy=True, corpus=corpus, vocab_size=400) for pair in [("de", "en"), ("en", "zh")]}


def _eval(project: Path, *args: str) -> dict:
    result = CliRunner().invoke(app, ["eval", "--project", str(project), "--json", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_copying_package_scores(test_set, copying, empty_project: Path, tmp_path: Path, monkeypatch) -> None:
    _install_into_fresh_folder(copying, tmp_path, monkeypatch)
    de, en, shuffled = (str(test_set[k]) for k in ("de", "en", "shuffled"))

    itself = _eval(empty_project, "--lang", "en", "--source", de, "--reference", de)
    assert itself["chrf"] == 100 and itself["bleu"] == 100 and itself["sentences"] == N
    assert itself["signature"].startswith("chrF nrefs:1") and "BLEU nrefs:1" in itself["signature"]
    assert itself["numbers"] > 10 and itself["numbers_kept"] == 1.0
    assert itself["model"].startswith("translate-de_en-1.0")

    real = _eval(empty_project, "--lang", "en", "--source", de, "--reference", en)
    assert real["chrf"] < 50 and real["bleu"] < 20  # a copy of German is no English translation

    wrong_order = _eval(empty_project, "--lang", "en", "--source", de, "--reference", shuffled)
    assert wrong_order["chrf"] < 40 and wrong_order["bleu"] < 20

    pivot = _eval(empty_project, "--lang", "zh", "--source", de, "--reference", de)
    assert " + translate-en_zh-1.0" in pivot["model"] and pivot["chrf"] == 100  # de->en->zh, copied twice


def test_glossary_terms_are_masked_and_counted(test_set, copying, empty_project: Path, tmp_path: Path, monkeypatch) -> None:
    _install_into_fresh_folder(copying, tmp_path, monkeypatch)
    source = tmp_path / "seed.de"
    source.write_text("OPPO, VIVO und Xiaomi eröffnen Büros in Düsseldorf.\nNRW.INVEST berät alle drei Unternehmen.\n", encoding="utf-8")
    score = _eval(empty_project, "--lang", "en", "--source", str(source), "--reference", str(source))
    assert score["terms"] >= 4 and score["terms_kept"] == 1.0


def test_human_output_names_the_scores(test_set, copying, empty_project: Path, tmp_path: Path, monkeypatch) -> None:
    _install_into_fresh_folder(copying, tmp_path, monkeypatch)
    de = str(test_set["de"])
    result = CliRunner().invoke(app, ["eval", "--project", str(empty_project), "--lang", "en", "--source", de, "--reference", de])
    assert result.exit_code == 0, result.output
    assert "chrF 100.00  BLEU 100.00" in result.output and "signature: chrF nrefs:1" in result.output


@pytest.mark.parametrize("case, message", [
    ("short", r"shuffled-short.txt: 39 lines, but .*de.txt has 40"),
    ("missing", r"nothing.txt: no such file"),
    ("blank", r"blank.txt:2: empty source line"),
])
def test_bad_test_sets_are_one_line_errors(case: str, message: str, test_set, empty_project: Path, tmp_path: Path) -> None:
    import re
    import subprocess
    import sys

    de = test_set["de"]
    reference = de
    if case == "short":
        reference = tmp_path / "shuffled-short.txt"
        reference.write_text("\n".join(test_set["shuffled"].read_text(encoding="utf-8").splitlines()[:-1]), encoding="utf-8")
    elif case == "missing":
        de = tmp_path / "nothing.txt"
    else:
        de = tmp_path / "blank.txt"
        de.write_text("Eins.\n\nDrei.\n", encoding="utf-8")
        reference = de
    proc = subprocess.run([sys.executable, "-m", "l10n", "eval", "-C", str(empty_project), "--lang", "en", "--source", str(de),
                           "--reference", str(reference)], capture_output=True, text=True)
    assert proc.returncode == 1 and not proc.stdout
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and re.search(message, lines[0]), proc.stderr
