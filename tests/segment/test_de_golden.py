"""German golden cases: pySBD's table (shared data) and our own press/news table."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from l10n.project import Project
from l10n.segment import get_splitter

from ..conftest import REPO, SEED_DOC, SHARED

HERE = Path(__file__).parent
# ../shared beside the checkout (CI); L10N_SHARED points elsewhere (a worktree checkout).
PYSBD_GOLDEN = Path(os.environ.get("L10N_SHARED", SHARED)) / "data" / "segmentation" / "de_golden_pysbd.jsonl"


def load_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def collapse(text: str) -> str:
    """Whitespace runs to one space, ends trimmed: how the golden files compare sentences."""
    return re.sub(r"\s+", " ", text).strip()


def sentences(text: str, lang: str = "de") -> list[str]:
    return [collapse(text[s.start : s.end]) for s in get_splitter(lang).split(text)]


def _pysbd_cases() -> list:
    if not PYSBD_GOLDEN.exists():
        return [pytest.param(None, id="missing", marks=pytest.mark.skip(reason=f"{PYSBD_GOLDEN} not found"))]
    # The three clean+pdf cases expect pySBD's PDF line joining, which l10n does not do.
    return [pytest.param(c, id=c["id"]) for c in load_jsonl(PYSBD_GOLDEN) if c["pysbd_options"] != "clean+pdf"]


@pytest.mark.parametrize("case", _pysbd_cases())
def test_pysbd_golden(case: dict) -> None:
    assert sentences(case["input"]) == [collapse(e) for e in case["expected"]]


OWN_CASES = load_jsonl(HERE / "data" / "de_cases.jsonl")


def test_own_table_covers_every_phenomenon() -> None:
    topics = {c["topic"] for c in OWN_CASES}
    assert len(OWN_CASES) >= 60
    expected = {"abbr", "ordinal", "number", "domain", "quote", "colon", "ellipsis", "paren", "footnote"}
    assert expected | {"heading", "list", "linebreak", "dateline", "abbr-end"} <= topics


@pytest.mark.parametrize("case", OWN_CASES, ids=[f"{i:02d}-{c['topic']}" for i, c in enumerate(OWN_CASES)])
def test_own_table(case: dict) -> None:
    assert sentences(case["input"]) == case["expected"]


def test_seed_press_release_keeps_its_26_sentences() -> None:
    # Reviewed catalogs are keyed on these sentences; the dateline stays with the first one.
    expected = json.loads((HERE / "data" / "seed_press_release.json").read_text(encoding="utf-8"))
    doc = Project.open(REPO).load(REPO / "source" / f"{SEED_DOC}.md")
    assert [s.msgid for s in doc.segments] == expected
    assert len(expected) == 26 and expected[0].startswith("DÜSSELDORF. Die chinesischen")


def test_extra_abbreviations_extend_the_list() -> None:
    text = "Wir trafen Bürgerm. Meyer in Köln."
    assert len(get_splitter("de").split(text)) == 2
    assert len(get_splitter("de", ["Bürgerm."]).split(text)) == 1
