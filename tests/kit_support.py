"""A project whose catalogs are reviewed, for the press kit tests (unit and end-to-end).

The pseudo engine fills every catalog; then entries are approved, as a reviewer would, and a few
get real text: a Chinese headline (so screenshots show whether CJK renders), an English one with a
dateline, and one msgstr with markup that must show as text.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from typer.testing import CliRunner

from l10n.catalog import read_catalog, write_catalog
from l10n.cli import app

from .conftest import SEED_DOC

FIRST = "DÜSSELDORF. Die chinesischen Technologiekonzerne OPPO, VIVO und Xiaomi eröffnen Niederlassungen in Düsseldorf."
NEXT_PARAGRAPH = "Nach Angaben des Hongkonger Marktforschungsinstituts Counterpoint Research haben damit künftig vier der sechs Smartphoneproduzenten mit den weltweit größten Marktanteilen ihren Sitz in Düsseldorf."
REVIEWED = {
    "en": {
        FIRST: "DÜSSELDORF. Chinese technology groups OPPO, VIVO and Xiaomi open offices in Düsseldorf.",
        "Kurzporträt OPPO": "OPPO in brief <script>document.title = 'pwned'</script>",
        NEXT_PARAGRAPH: "<img src=x onerror=\"document.title = 'pwned'\"> According to Counterpoint Research, four of the six largest smartphone makers will be based in Düsseldorf.",
    },
    "zh": {
        FIRST: "中国科技企业OPPO、VIVO和小米在杜塞尔多夫设立分支机构。",
        "Kurzporträt OPPO": "OPPO简介",
        "Kurzporträt VIVO": "VIVO简介",
        "Kurzporträt Xiaomi": "小米简介",
    },
}
TITLES = {
    "de": "Die chinesischen Technologiekonzerne OPPO, VIVO und Xiaomi eröffnen Niederlassungen in Düsseldorf.",
    "en": "Chinese technology groups OPPO, VIVO and Xiaomi open offices in Düsseldorf.",
    "zh": "中国科技企业OPPO、VIVO和小米在杜塞尔多夫设立分支机构。",
}

runner = CliRunner()


def cli(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def catalog_path(root: Path, lang: str) -> Path:
    return root / "locales" / lang / f"{SEED_DOC}.po"


def review(root: Path, lang: str, keep_fuzzy: int = 0) -> None:
    """Approve every entry of ``lang`` but the last ``keep_fuzzy``, with the texts in REVIEWED."""
    path = catalog_path(root, lang)
    catalog = read_catalog(path)
    active = [e for e in catalog.entries if not e.obsolete]
    left_fuzzy = {id(e) for e in active[len(active) - keep_fuzzy :]} if keep_fuzzy else set()
    entries = tuple(
        e if id(e) in left_fuzzy else replace(e, msgstr=REVIEWED[lang].get(e.msgid, e.msgstr), fuzzy=False)
        for e in catalog.entries
    )
    write_catalog(path, replace(catalog, entries=entries), catalog)


def reviewed_project(root: Path) -> Path:
    """Fill ``root``'s empty catalogs with the pseudo engine and approve them all."""
    result = cli("translate", "--engine", "pseudo", "-C", str(root))
    assert result.exit_code == 0, result.output
    for lang in ("en", "zh"):
        review(root, lang)
    return root


# A second release, as a press office writes one: a `# headline`, a dateline with its place, a
# quote, a bullet list, a link and a contact line, dated after the seed.
SECOND_DOC = "chempark-dormagen"
SECOND_RELEASE = """---
date: 2026-11-12
---

# Neues Forschungszentrum im Chempark Dormagen

DORMAGEN. Die Beispiel AG eröffnet am 1. Januar 2027 ein Forschungszentrum mit 20.000 Quadratmetern. Dort sollen 150 Fachleute arbeiten.

„Wir investieren in die Zukunft der Region“, sagte Vorstandschefin Anna Schmidt.

Das Zentrum bietet:

- Labore für Batterieforschung
- eine Pilotanlage für Recycling
- Büros für 40 Start-ups

Weitere Informationen: [www.beispiel.de](https://www.beispiel.de/presse)

Pressekontakt: Jonas Berger, Telefon +49 211 1234567, presse@beispiel.de
"""
# Half of it reviewed in English: the rest stays German on a partial page.
SECOND_EN = {
    "Neues Forschungszentrum im Chempark Dormagen": "New research centre at Chempark Dormagen",
    "DORMAGEN. Die Beispiel AG eröffnet am 1. Januar 2027 ein Forschungszentrum mit 20.000 Quadratmetern.": "DORMAGEN. Beispiel AG is opening a 20,000 square metre research centre on 1 January 2027.",
    "„Wir investieren in die Zukunft der Region“, sagte Vorstandschefin Anna Schmidt.": "“We are investing in the future of the region,” said CEO Anna Schmidt.",
    "Das Zentrum bietet:": "The centre offers:",
    "Labore für Batterieforschung": "laboratories for battery research",
}
KIT_SECTION = """
[kit]
organisation = "Beispiel AG"
contact = ["Jonas Berger, press office", "+49 211 1234567", "presse@beispiel.de"]
logo = "assets/logo.svg"
"""
LOGO = '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><rect width="40" height="40" rx="6" fill="#0b4f8a"/></svg>\n'


def second_release(root: Path, *, kit: bool = True) -> Path:
    """Add the second release to a reviewed project, pseudo suggestions in its catalogs, the
    English half reviewed; with ``kit``, the ``[kit]`` section and its logo."""
    (root / "source" / f"{SECOND_DOC}.md").write_text(SECOND_RELEASE, encoding="utf-8")
    if kit:
        (root / "assets").mkdir()
        (root / "assets" / "logo.svg").write_text(LOGO, encoding="utf-8")
        with (root / "l10n.toml").open("a", encoding="utf-8") as config:
            config.write(KIT_SECTION)
    result = cli("translate", "--engine", "pseudo", "-C", str(root))
    assert result.exit_code == 0, result.output
    path = root / "locales" / "en" / f"{SECOND_DOC}.po"
    catalog = read_catalog(path)
    entries = tuple(replace(e, msgstr=SECOND_EN[e.msgid], fuzzy=False) if e.msgid in SECOND_EN else e for e in catalog.entries)
    write_catalog(path, replace(catalog, entries=entries), catalog)
    return root
