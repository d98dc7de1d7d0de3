"""Word (.docx) sources: one entry per sentence across runs, markers, and the release rebuilt with
its formatting (issue 19)."""

from __future__ import annotations

import io
import random
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

from l10n.catalog import read_catalog
from l10n.errors import SourceError
from l10n.segment import get_splitter
from l10n.sources import docx as word
from l10n.sources import markers

from .docx_builder import ALT, LINK, press_release, tricky
from .test_cli import run

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SENTENCE = "Die Beispiel AG eröffnet <1>heute</1> eine <2>neue</2> Fabrik, siehe <3>unsere Website</3>."


@pytest.fixture(scope="module")
def source() -> bytes:
    return press_release()


@pytest.fixture(scope="module")
def doc(source: bytes):
    return word.read(source, "source/release.docx", get_splitter("de"), "release")


def reopen(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def runs(paragraph) -> list[tuple[str, bool | None, bool | None]]:
    return [(r.text, r.bold, r.italic) for r in paragraph.runs if r.text]


def by_msgid(doc) -> dict[str, object]:
    return {seg.msgid: seg for seg in doc.segments}


# --- reading -------------------------------------------------------------------------------------


def test_a_sentence_across_bold_italic_and_link_runs_is_one_entry_with_its_markers_explained(doc) -> None:
    seg = by_msgid(doc)[SENTENCE]
    assert seg.kind == "paragraph" and seg.line == 2
    # "Die Beispiel AG " and "eröffnet " are two runs of one formatting: no marker between them.
    assert seg.notes == ("<1>…</1> bold", "<2>…</2> italic", f"<3>…</3> link to {LINK}")
    assert "Sie hat 200 Mitarbeiter." in by_msgid(doc)  # the next sentence of the paragraph


def test_every_part_and_place_is_read_with_its_kind(doc) -> None:
    kinds = {seg.msgid: seg.kind for seg in doc.segments}
    assert kinds["Neue Fabrik in Dormagen"] == "heading"
    assert kinds["Erster Punkt der Liste."] == "list item"
    assert kinds["19,7 Mio. Euro"] == "cell"
    assert kinds["Der Kasten nennt den Termin."] == "text box"
    assert kinds["Pressemitteilung der Beispiel AG."] == "header"
    assert kinds["Pressekontakt: Jonas Berger."] == "footer"
    assert kinds["Laut Geschäftsbericht 2025."] == "footnote"  # the footnote number stays outside
    assert len(doc.segments) == 14


def test_an_image_inside_a_sentence_is_a_standalone_marker_with_its_alt_text(doc) -> None:
    seg = by_msgid(doc)["Das Werk <1/> liefert ab Juni."]
    assert seg.notes == (f"<1/> image '{ALT}'",)


def test_marker_shaped_text_is_escaped_and_plain_angle_brackets_are_not(doc) -> None:
    seg = by_msgid(doc)["Zweiter Punkt, kleiner als \\<1> Prozent."]
    assert markers.strip(seg.msgid) == "Zweiter Punkt, kleiner als <1> Prozent."
    assert not seg.notes


def test_the_document_text_holds_every_sentence_at_its_offsets(doc) -> None:
    assert all(doc.text[s.start : s.end] == s.text for s in doc.segments)
    assert all(doc.text[b.start : b.end].strip() for b in doc.blocks)


@pytest.mark.parametrize("data", [b"PK\x03\x04 broken", b"just text", b""])
def test_a_file_that_is_no_word_document_is_one_error_naming_it(data: bytes) -> None:
    with pytest.raises(SourceError) as caught:
        word.read(data, "source/x.docx", get_splitter("de"), "x")
    assert "source/x.docx" in str(caught.value) and "not a Word document" in str(caught.value)


# --- writing -------------------------------------------------------------------------------------


def test_nothing_translated_gives_the_source_back_byte_for_byte(doc, source: bytes) -> None:
    assert word.write(doc, "en", {}) == (source, 0)


def test_only_the_translated_paragraph_changes(doc, source: bytes) -> None:
    seg = by_msgid(doc)["Erster Punkt der Liste."]
    out, count = word.write(doc, "en", {seg.key: "First item of the list."})
    assert count == 1
    before, after = _parts(source), _parts(out)
    changed = {name for name in before if before[name] != after[name]}
    assert changed == {"word/document.xml"}
    old, new = (etree.fromstring(x[f"word/document.xml"]).findall(f".//{W}p") for x in (before, after))
    differ = [i for i, (a, b) in enumerate(zip(old, new)) if etree.tostring(a) != etree.tostring(b)]
    assert len(old) == len(new) and len(differ) == 1
    assert reopen(out).paragraphs[differ[0]].text == "First item of the list."
    assert reopen(out).paragraphs[differ[0]].style.name == "List Bullet"


def test_moved_markers_carry_their_formatting_and_the_link_keeps_its_address(doc) -> None:
    table = {by_msgid(doc)[SENTENCE].key: "<3>Our website</3> says: Beispiel AG opens a <2>new</2> factory <1>today</1>."}
    out, count = word.write(doc, "en", table)
    paragraph = reopen(out).paragraphs[1]
    assert count == 1
    assert runs(paragraph) == [(" says: Beispiel AG opens a ", None, None), ("new", None, True), (" factory ", None, None),
                               ("today", True, None), (". ", None, None), ("Sie hat 200 Mitarbeiter.", None, None)]
    assert [(h.url, h.text) for h in paragraph.hyperlinks] == [(LINK, "Our website")]
    link_run = paragraph._p.find(f"{W}hyperlink/{W}r/{W}rPr/{W}rStyle")
    assert link_run is not None and link_run.get(f"{W}val") == "Hyperlink"
    assert paragraph._p.find(f".//{W}footnoteReference") is not None  # between sentences: kept


def test_a_translation_with_broken_markers_keeps_its_text_and_the_image(doc) -> None:
    image = by_msgid(doc)["Das Werk <1/> liefert ab Juni."]
    lost = by_msgid(doc)[SENTENCE]
    table = {image.key: "The plant delivers from June.", lost.key: "Beispiel AG opens <1>today a <2>new</1> factory</2>."}
    out, count = word.write(doc, "en", table)
    paragraphs = reopen(out).paragraphs
    assert count == 2
    assert paragraphs[1].text.startswith("Beispiel AG opens today a new factory.")  # markup dropped, text kept
    assert paragraphs[2].text == "The plant delivers from June."
    assert len(paragraphs[2]._p.findall(f".//{W}drawing")) == 1


def test_chinese_sentences_of_one_paragraph_join_without_a_space(doc) -> None:
    first, second = (by_msgid(doc)[m] for m in (SENTENCE, "Sie hat 200 Mitarbeiter."))
    out, _ = word.write(doc, "zh", {first.key: "贝斯皮尔公司<1>今天</1>开设一家<2>新</2>工厂，见<3>网站</3>。", second.key: "它有200名员工。"})
    paragraph = reopen(out).paragraphs[1]
    assert paragraph.text == "贝斯皮尔公司今天开设一家新工厂，见网站。它有200名员工。"
    assert {lang.get(f"{W}eastAsia") for lang in paragraph._p.iter(f"{W}lang")} == {"zh-CN"}


def test_text_box_header_footer_and_footnote_are_written(doc) -> None:
    table = {seg.key: f"EN {markers.strip(seg.msgid)}" for seg in doc.segments if seg.kind in ("text box", "header", "footer", "footnote")}
    out, count = word.write(doc, "en", table)
    parts = {name: data.decode("utf-8") for name, data in _parts(out).items() if name.endswith(".xml")}
    assert count == 4
    assert "EN Der Kasten nennt den Termin." in parts["word/document.xml"]
    assert "EN Pressemitteilung der Beispiel AG." in parts["word/header1.xml"]
    assert "EN Pressekontakt: Jonas Berger." in parts["word/footer1.xml"]
    assert "EN Laut Geschäftsbericht 2025." in parts["word/footnotes.xml"] and "footnoteRef" in parts["word/footnotes.xml"]


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


# --- the workflow end to end ---------------------------------------------------------------------


@pytest.fixture
def word_project(empty_project: Path, source: bytes) -> Path:
    shutil.rmtree(empty_project / "source")
    (empty_project / "source").mkdir()
    (empty_project / "source" / "release.docx").write_bytes(source)
    return empty_project


def _release(project: Path, *options: str) -> dict[str, bytes]:
    result = run("release", "--include-fuzzy", *options, "-C", str(project))
    assert result.exit_code == 0, result.output
    return {lang: (project / "dist" / lang / "release.docx").read_bytes() for lang in ("en", "zh")}


def test_pseudo_translation_and_release_keep_structure_and_run_formatting(word_project: Path, source: bytes) -> None:
    assert run("translate", "--engine", "pseudo", "-C", str(word_project)).exit_code == 0
    po = word_project / "locales" / "en" / "release.po"
    entry = next(e for e in read_catalog(po).active if e.msgid == SENTENCE)
    assert "<1>…</1> bold" in entry.comment and entry.msgstr.count("<1>") == 1
    subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(po)], check=True)
    original = reopen(source)
    for lang, data in _release(word_project).items():
        released = reopen(data)
        assert [p.style.name for p in released.paragraphs] == [p.style.name for p in original.paragraphs]
        assert len(released.tables) == 1 and len(released.tables[0].rows) == 2
        body = released.paragraphs[1]
        assert [(bold, italic) for _, bold, italic in runs(body)] == [(None, None), (True, None), (None, None), (None, True), (None, None), (None, None)]
        assert [h.url for h in body.hyperlinks] == [LINK]
        assert released.paragraphs[1].text != original.paragraphs[1].text
        assert len(released.inline_shapes) == len(original.inline_shapes) == 2  # the image and the text box


def test_a_noisy_model_that_loses_markers_still_releases_every_paragraph(word_project: Path, argos_packages: Path, source: bytes) -> None:
    result = run("translate", "-C", str(word_project))
    assert result.exit_code == 0, result.output
    original = reopen(source)
    for data in _release(word_project).values():
        released = reopen(data)
        assert len(released.paragraphs) == len(original.paragraphs)
        assert [p.style.name for p in released.paragraphs] == [p.style.name for p in original.paragraphs]
        assert len(released.inline_shapes) == len(original.inline_shapes) == 2 and len(released.tables) == 1


@pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftotext")), reason="LibreOffice (soffice) or pdftotext is not installed")
def test_libreoffice_opens_every_released_word_file(word_project: Path, tmp_path: Path) -> None:
    assert run("translate", "--engine", "pseudo", "-C", str(word_project)).exit_code == 0
    files = []
    for lang, data in _release(word_project).items():
        files.append(tmp_path / f"{lang}.docx")
        files[-1].write_bytes(data)
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), *map(str, files)],
                   check=True, capture_output=True, timeout=300)
    for file in files:
        text = subprocess.run(["pdftotext", str(file.with_suffix(".pdf")), "-"], check=True, capture_output=True, text=True).stdout
        assert len(text.split()) > 40, text  # every paragraph, cell, box, header, footer and footnote
    english = subprocess.run(["pdftotext", str(tmp_path / "en.pdf"), "-"], check=True, capture_output=True, text=True).stdout
    assert "Ĵöñåš Ɓéŕĝéŕ" in english and "Ţéŕmîñ" in english and "Ĝéšçĥäfţšbéŕîçĥţ" in english  # footer, text box, footnote


# --- bookmarks, fields, breaks, links with formatting inside ---------------------------------------


@pytest.fixture(scope="module")
def tricky_doc():
    return word.read(tricky(), "source/tricky.docx", get_splitter("de"), "tricky")


def test_language_tags_bookmarks_fields_and_breaks_read_as_few_markers_as_possible(tricky_doc) -> None:
    assert [(s.msgid, s.notes) for s in tricky_doc.segments] == [
        ("Der Vorstand freut sich sehr.", ()),  # the w:lang run and the bookmarks add no marker
        ("Stand: <1/> heute.", ("<1/> field DATE",)),
        ("Zeile zwei<1/>mit Tab.", ("<1/> tab",)),  # the line break before it stays between the sentences
        ("Mehr im <1>Abschnitt <2>Vorstand</2> oben</1>.", ("<1>…</1> link to #mitte", "<2>…</2> style Hyperlink, bold")),
    ]


def test_bookmarks_fields_and_breaks_survive_a_translation(tricky_doc) -> None:
    table = dict(zip((s.key for s in tricky_doc.segments),
                     ["The board is very pleased.", "As of <1/> today.", "Line two<1/>with tab.", "More in the <1>section on the <2>board</2></1>."]))
    out, count = word.write(tricky_doc, "en", table)
    body = etree.fromstring(_parts(out)["word/document.xml"]).find(f"{W}body")
    first, second, third = body.findall(f"{W}p")[:3]
    assert count == 4
    assert [b.get(f"{W}name") for b in first.iter(f"{W}bookmarkStart")] == ["_Toc1", "mitte"]
    assert len(list(first.iter(f"{W}bookmarkEnd"))) == 2
    assert "".join(t.text for t in first.iter(f"{W}t")) == "The board is very pleased."
    assert [f.get(f"{W}fldCharType") for f in second.iter(f"{W}fldChar")] == ["begin", "separate", "end"]
    assert "".join(t.text for t in second.iter(f"{W}t")) == "As of 1.6.2026 today.Line twowith tab."
    assert len(list(second.iter(f"{W}br"))) == 1 and len(list(second.iter(f"{W}tab"))) == 1
    link = third.find(f"{W}hyperlink")
    assert link.get(f"{W}anchor") == "mitte"
    assert [(r.findtext(f"{W}t"), r.find(f"{W}rPr/{W}b") is not None) for r in link.findall(f"{W}r")] == [("section on the ", False), ("board", True)]
    assert [r.find(f"{W}rPr/{W}lang").get(f"{W}val") for r in link.findall(f"{W}r")] == ["en", "en"]


# --- damaged and hostile files -------------------------------------------------------------------


def _with_document(data: bytes, change) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as archive, zipfile.ZipFile(out, "w") as target:
        for info in archive.infolist():
            part = archive.read(info)
            target.writestr(info, change(part) if info.filename == "word/document.xml" else part)
    return out.getvalue()


def test_damaged_files_are_one_error_never_a_traceback(source: bytes) -> None:
    rnd = random.Random(19)
    outcomes = set()
    for _ in range(60):
        damaged = bytearray(source)
        for _ in range(4):
            damaged[rnd.randrange(len(damaged))] = rnd.randrange(256)
        try:
            word.read(bytes(damaged), "source/x.docx", get_splitter("de"), "x")
            outcomes.add("read")
        except SourceError as exc:
            assert str(exc).startswith("source/x.docx: not a Word document (")
            outcomes.add("error")
    assert "error" in outcomes
    truncated = _with_document(source, lambda xml: xml[: len(xml) // 2])
    with pytest.raises(SourceError, match="not a Word document"):
        word.read(truncated, "source/x.docx", get_splitter("de"), "x")


def test_an_entity_in_the_file_reads_no_file_from_disk(source: bytes, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("GEHEIM", encoding="utf-8")
    doctype = f'<!DOCTYPE w:document [<!ENTITY x SYSTEM "{secret.as_uri()}">]>'.encode()
    hostile = _with_document(source, lambda xml: xml.replace(b"?>", b"?>" + doctype, 1).replace(b"<w:t>Umsatz", b"<w:t>&x;Umsatz", 1))
    doc = word.read(hostile, "source/x.docx", get_splitter("de"), "x")
    assert "GEHEIM" not in doc.text and "Umsatz" in doc.text
