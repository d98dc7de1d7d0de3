"""The LibreOffice check every produced .docx goes through (tests/office.py), on a Word file built
with python-docx: it passes a good file, with the text of its runs, table, list, footer and
Chinese paragraph in LibreOffice's PDF, and it fails on a damaged one (soffice exits 0 there too).
"""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from .office import assert_opens_in_libreoffice


def add_link(paragraph, url: str, text: str) -> None:
    """A hyperlink run, as Word writes it (python-docx has no API for links)."""
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True))
    run = OxmlElement("w:r")
    text_element = OxmlElement("w:t")
    text_element.text = text
    run.append(text_element)
    link.append(run)
    paragraph._p.append(link)


def sample(path: Path) -> Path:
    """A short press release in Word: a sentence across bold, italic and link runs, a list, a
    table, a footer and a Chinese paragraph."""
    document = docx.Document()
    document.add_heading("Neues Werk in Dormagen", level=1)
    paragraph = document.add_paragraph("Die Beispiel AG ")
    paragraph.add_run("eröffnet").bold = True
    paragraph.add_run(" am 1. Januar ein ")
    paragraph.add_run("neues").italic = True
    paragraph.add_run(" Werk, mehr auf ")
    add_link(paragraph, "https://example.org/werk", "example.org")
    paragraph.add_run(".")
    for item in ("Labore für Batterieforschung", "eine Pilotanlage"):
        document.add_paragraph(item, style="List Bullet")
    table = document.add_table(rows=2, cols=2)
    for row, cells in zip(table.rows, (("Standort", "Mitarbeiter"), ("Dormagen", "150"))):
        for cell, text in zip(row.cells, cells):
            cell.text = text
    document.add_paragraph("中国科技企业在杜塞尔多夫设立分支机构。")
    document.sections[0].footer.paragraphs[0].text = "Pressekontakt: presse@beispiel.de"
    document.save(path)
    return path


def test_a_word_file_from_python_docx_opens_in_libreoffice(tmp_path: Path):
    text = assert_opens_in_libreoffice(
        sample(tmp_path / "werk.docx"),
        expect=["Neues Werk in Dormagen", "Die Beispiel AG eröffnet am 1. Januar ein neues Werk, mehr auf example.org.",
                "Labore für Batterieforschung", "Standort", "150", "中国科技企业在杜塞尔多夫设立分支机构。", "Pressekontakt: presse@beispiel.de"],
        shot="python-docx-sample",
    )
    assert "Mitarbeiter" in text


def test_a_damaged_word_file_fails_the_check(tmp_path: Path):
    good = sample(tmp_path / "good.docx").read_bytes()
    damaged = tmp_path / "damaged.docx"
    damaged.write_bytes(good[: len(good) // 2])  # a write cut off half-way
    with pytest.raises(AssertionError, match="could not be loaded"):
        assert_opens_in_libreoffice(damaged)
