"""Glossary files, term masking around any engine, #. notes, and `l10n check` end to end."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Sequence

import pytest
from typer.testing import CliRunner

from l10n.catalog import read_catalog
from l10n.cli import app
from l10n.engines import Translation
from l10n.engines.masking import MASK_FLAG, MaskingEngine, mask, unmask
from l10n.errors import ConfigError
from l10n.glossary import parse_csv, parse_tbx, read_glossary
from l10n.project import Project
from l10n.translate import translate_project

from .conftest import REPO, SEED_DOC

SEED_GLOSSARY = read_glossary(REPO / "glossary.csv", "de")
PROTECTED = ["OPPO", "VIVO", "Xiaomi", "NRW.INVEST", "Counterpoint Research", "Fortune Global 500", "mi.com"]


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def test_seed_glossary_protects_the_names_of_the_issue() -> None:
    dnt = {t.forms[0][1][0] for t in SEED_GLOSSARY.terms if t.dnt}
    assert set(PROTECTED) <= dnt
    pair = next(t for t in SEED_GLOSSARY.terms if not t.dnt)
    assert pair.get("en")[0] == "economic development agency" and pair.get("zh")[0] == "经济促进机构"


def test_csv_errors_name_file_and_line() -> None:
    with pytest.raises(ConfigError) as err:
        parse_csv("de,en\nOPPO,\n,company\n", "g.csv", "de")
    assert (err.value.path, err.value.line) == ("g.csv", 3)
    with pytest.raises(ConfigError, match="header"):
        parse_csv("term,english\nOPPO,\n", "g.csv", "de")



def test_csv_terms_are_built_when_asked_for() -> None:
    glossary = parse_csv("de,en,note\nOPPO,,\n\nWirtschaftsförderung | WiFö,economic development,x\n", "g.csv", "de")
    assert len(glossary.terms) == 2  # the blank line 3 is no term
    assert glossary.terms[1].forms == (("de", ("Wirtschaftsförderung", "WiFö")), ("en", ("economic development",)))
    assert [t.dnt for t in glossary.terms] == [True, False] and glossary.terms[1].note == "x"


def test_terms_sharing_a_form_are_all_found() -> None:
    """The index stores one integer per form: a form two terms share, or a ``|`` alternative,
    must still lead to every term that has it."""
    glossary = parse_csv("de,en\nBank,bank\nbank,bench\nNRW|Nordrhein-Westfalen,\n", "g.csv", "de")
    assert [t.get("en") for t in glossary.in_source("Die Bank in Nordrhein-Westfalen", "de")] == [(), ("bank",), ("bench",)]
    assert [t.forms[0][1][0] for t in glossary.in_source("NRW", "de")] == ["NRW"]
    assert glossary.in_source("bench", "en")[0].get("de") == ("bank",)


@pytest.mark.parametrize("text, found", [
    ("Die Datenbank", []),  # inside a word: dropped by the index before any pattern runs
    ("Die Bankfiliale", ["Bank"]),  # a German compound still counts
    ("Große Bank", ["Bank"]),  # "ß" folds to two letters: positions differ, nothing is dropped early
    ("构NRW.INVEST提", ["NRW.INVEST"]),  # no Latin letter before it: the name stands alone
])
def test_index_keeps_exactly_what_the_patterns_match(text: str, found: list[str]) -> None:
    glossary = parse_csv("de,en\nBank,bank\nNRW.INVEST,\n", "g.csv", "de")
    assert [t.forms[0][1][0] for t in glossary.in_source(text, "de")] == found

TBX = """<?xml version="1.0"?>
<martif type="TBX"><text><body>
  <termEntry><langSet xml:lang="de"><tig><term>VIVO</term></tig></langSet></termEntry>
  <termEntry><descrip type="note">doNotTranslate</descrip>
    <langSet xml:lang="de"><tig><term>Xiaomi</term></tig></langSet>
    <langSet xml:lang="en"><tig><term>Xiaomi</term></tig></langSet></termEntry>
  <termEntry>
    <langSet xml:lang="de"><tig><term>Wirtschaftsförderungsgesellschaft</term></tig></langSet>
    <langSet xml:lang="en-US"><tig><term>economic development agency</term></tig></langSet>
    <langSet xml:lang="zh-CN"><ntig><termGrp><term>经济促进机构</term></termGrp></ntig></langSet>
  </termEntry>
</body></text></martif>"""


def test_tbx_import() -> None:
    glossary = parse_tbx(TBX, "g.tbx", "de")
    assert [(t.forms[0][1][0], t.dnt) for t in glossary.terms] == [
        ("VIVO", True), ("Xiaomi", True), ("Wirtschaftsförderungsgesellschaft", False)]
    assert glossary.terms[2].get("zh") == ("经济促进机构",)
    with pytest.raises(ConfigError, match="not valid TBX") as err:
        parse_tbx("<martif><body>", "g.tbx", "de")
    assert err.value.line == 1


def test_mask_and_unmask_round_trip() -> None:
    text = "Guangdong OPPO Mobile Telecommunications und OPPO; die Wirtschaftsförderungsgesellschaft NRW.INVEST."
    masked = mask(text, SEED_GLOSSARY, "de", "en")
    assert "OPPO" not in masked.text and "NRW" not in masked.text
    assert masked.terms == ("Guangdong OPPO Mobile Telecommunications", "OPPO", "economic development agency", "NRW.INVEST")
    assert unmask(masked.text, masked) == text.replace("Wirtschaftsförderungsgesellschaft", "economic development agency")
    assert unmask(masked.text.replace("QX1", ""), masked) is None
    assert unmask(masked.text + " QX1", masked) is None
    assert mask("Modell QX9 von VIVO", SEED_GLOSSARY, "de", "en").terms == ()  # never confuse a real "QX9"


class Mangler:
    """A fake engine that lowercases names and, as a model sometimes does, drops or doubles a placeholder."""

    name = "mangler"

    def __init__(self, mode: str) -> None:
        self.mode = mode

    def supports(self, source: str, target: str) -> bool:
        return True

    def model_id(self, source: str, target: str) -> str:
        return "mangler v1"

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[Translation]:
        out = []
        for text in texts:
            if self.mode == "drop":
                text = text.replace("QX0", "")
            elif self.mode == "duplicate":
                text = text.replace("QX0", "QX0 QX0")
            elif self.mode == "rename":
                text = text.replace("QX0", "qx 0")  # a model changing case and spacing: still restorable
            out.append(Translation(text.replace("VIVO", "Vivo").replace("Xiaomi", "Xiao Mi")))
        return out


@pytest.mark.parametrize("mode, flagged", [("drop", True), ("duplicate", True), ("rename", False)])
def test_lost_placeholders_are_flagged_never_silent(mode: str, flagged: bool) -> None:
    engine = MaskingEngine(Mangler(mode), SEED_GLOSSARY)
    [result] = engine.translate(["VIVO und Xiaomi wachsen."], "de", "en")
    assert (MASK_FLAG in result.flags) == flagged
    if not flagged:
        assert result.text == "VIVO und Xiaomi wachsen."


def test_pseudo_translation_keeps_every_protected_term_exactly(empty_project: Path) -> None:
    reports = translate_project(Project.open(empty_project), engine_name="pseudo")
    assert any(r.machine for r in reports)
    for lang in ("en", "zh"):
        catalog = read_catalog(empty_project / "locales" / lang / f"{SEED_DOC}.po")
        checked = 0
        for entry in catalog.active:
            for term in SEED_GLOSSARY.in_source(entry.msgid, "de"):
                if term.dnt:
                    for form in term.forms[0][1]:
                        assert entry.msgstr.count(form) >= entry.msgid.count(form), (form, entry.msgstr)
                        checked += 1
            assert MASK_FLAG not in entry.flags
        assert checked >= 20


def test_terms_are_noted_for_the_reviewer(empty_project: Path) -> None:
    translate_project(Project.open(empty_project), engine_name="pseudo")
    catalog = read_catalog(empty_project / "locales" / "zh" / f"{SEED_DOC}.po")
    entry = next(e for e in catalog.active if "NRW.INVEST" in e.msgid)
    lines = entry.comment.splitlines()
    assert lines[0].startswith("paragraph, id ")
    assert "term: NRW.INVEST (do not translate)" in lines
    assert any("经济促进机构" in line for line in lines)


def test_source_paragraph_not_in_german_is_warned(empty_project: Path) -> None:
    source = empty_project / "source" / f"{SEED_DOC}.md"
    source.write_text(source.read_text(encoding="utf-8") + "\nThis paragraph was pasted in English by mistake and nobody noticed it.\n", encoding="utf-8")
    reports = translate_project(Project.open(empty_project), engine_name="pseudo")
    assert sum(len(r.warnings) for r in reports) == 1
    # The next run skips the untouched document (no-change fast path); forget that, so it warns again.
    (empty_project / ".l10n" / "translate-state.json").unlink()
    result = run("translate", "--engine", "pseudo", "-C", str(empty_project))
    assert result.exit_code == 0, result.output
    assert "paragraph looks like 'en', not 'de'" in result.output


def test_check_command_exit_code_and_json(empty_project: Path) -> None:
    po = empty_project / "locales" / "en" / "x.po"
    po.parent.mkdir(parents=True)
    po.write_text('msgid ""\nmsgstr ""\n"Language: en\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                  'msgid "OPPO hat 20.000 Mitarbeiter."\nmsgstr "OPPO has 20,000 employees."\n\n'
                  'msgid "VIVO hat 10.000 Mitarbeiter."\nmsgstr "Vivo has 1,000 employees."\n', encoding="utf-8")
    result = run("check", "--json", "-C", str(empty_project))
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    assert {(f["line"], f["check"]) for f in data["findings"]} == {(9, "numbers"), (9, "numbers-extra"), (9, "glossary")}
    assert data["findings"][0]["path"] == "locales/en/x.po"
    po.write_text(po.read_text(encoding="utf-8").replace("Vivo has 1,000", "VIVO has 10,000"), encoding="utf-8")
    result = run("check", str(po), "-C", str(empty_project))
    assert result.exit_code == 0, result.output
    assert "0 errors" in result.output
    assert run("check", "--lang", "zh", "-C", str(empty_project)).exit_code == 0
