"""Word files for the tests, built with python-docx: the hard cases of a press release.

python-docx has no API for hyperlinks, footnotes, text boxes or an image's alt text; those are
added as the WordprocessingML Word itself writes.
"""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
LINK = "https://example.org/fabrik"
ALT = "Logo der Beispiel AG"
FOOTNOTES = f"""<w:footnotes xmlns:w="{W_NS}">
<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>
<w:footnote w:id="1"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Laut Geschäftsbericht 2025.</w:t></w:r></w:p></w:footnote>
</w:footnotes>"""
TEXT_BOX = f"""<w:r {nsdecls("w", "wp", "a")} xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">
<wp:extent cx="2743200" cy="457200"/><wp:docPr id="20" name="Textfeld 1"/>
<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp>
<wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="2743200" cy="457200"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr>
<wps:txbx><w:txbxContent><w:p><w:r><w:t>Der Kasten nennt den Termin.</w:t></w:r></w:p></w:txbxContent></wps:txbx><wps:bodyPr/>
</wps:wsp></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"""


def png(width: int = 8, height: int = 8) -> bytes:
    """A small red PNG image."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\xcc\x22\x22" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def add_link(paragraph, url: str, text: str) -> None:
    """A hyperlink run styled as Word styles links."""
    rid = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rid)
    link.append(parse_xml(f'<w:r {nsdecls("w")}><w:rPr><w:rStyle w:val="Hyperlink"/><w:color w:val="0563C1"/><w:u w:val="single"/></w:rPr><w:t>{text}</w:t></w:r>'))
    paragraph._p.append(link)


def add_footnotes(document) -> None:
    """A footnotes part with one footnote, referenced from the document."""
    part = Part(PackURI("/word/footnotes.xml"), "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
                FOOTNOTES.encode("utf-8"), document.part.package)
    document.part.relate_to(part, RT.FOOTNOTES)


def press_release() -> bytes:
    """A German press release with every hard case: a sentence across bold, italic and link runs
    (one of them split into two runs of one formatting), an inline image with alt text, a
    footnote reference, a bullet list, a table, a header and footer, a text box."""
    d = docx.Document()
    d.add_heading("Neue Fabrik in Dormagen", level=1)
    p = d.add_paragraph("Die Beispiel AG ")
    p.add_run("eröffnet ")  # same formatting as the run before: no marker
    p.add_run("heute").bold = True
    p.add_run(" eine ")
    p.add_run("neue").italic = True
    p.add_run(" Fabrik, siehe ")
    add_link(p, LINK, "unsere Website")
    p.add_run(". Sie hat 200 Mitarbeiter.")
    fn = p.add_run()
    fn._r.append(parse_xml(f'<w:footnoteReference {nsdecls("w")} w:id="1"/>'))
    p = d.add_paragraph("Das Werk ")
    p.add_run().add_picture(io.BytesIO(png()), width=Pt(12))
    p._p.xpath(".//wp:docPr")[0].set("descr", ALT)
    p.add_run(" liefert ab Juni.")
    d.add_paragraph("Erster Punkt der Liste.", style="List Bullet")
    d.add_paragraph("Zweiter Punkt, kleiner als <1> Prozent.", style="List Bullet")
    table = d.add_table(rows=2, cols=2)
    for (row, col), text in {(0, 0): "Umsatz", (0, 1): "19,7 Mio. Euro", (1, 0): "Standort", (1, 1): "Dormagen am Rhein"}.items():
        table.cell(row, col).text = text
    box = d.add_paragraph()
    box._p.append(parse_xml(TEXT_BOX))
    d.sections[0].header.paragraphs[0].text = "Pressemitteilung der Beispiel AG."
    d.sections[0].footer.paragraphs[0].text = "Pressekontakt: Jonas Berger."
    add_footnotes(d)
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def save(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(press_release())
    return path


TRICKY = [
    # a bookmark before the text and one inside it; a run that differs only in its language tag
    '<w:p {ns}><w:bookmarkStart w:id="1" w:name="_Toc1"/><w:r><w:t xml:space="preserve">Der Vorstand </w:t></w:r>'
    '<w:bookmarkStart w:id="2" w:name="mitte"/><w:r><w:rPr><w:lang w:val="en-US"/></w:rPr><w:t>freut sich</w:t></w:r>'
    '<w:bookmarkEnd w:id="2"/><w:r><w:t xml:space="preserve"> sehr.</w:t></w:r><w:bookmarkEnd w:id="1"/></w:p>',
    # a field (today's date) inside a sentence, a line break between two sentences, a tab inside one
    '<w:p {ns}><w:r><w:t xml:space="preserve">Stand: </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
    '<w:r><w:instrText xml:space="preserve"> DATE \\@ "d.M.yyyy" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
    '<w:r><w:t>1.6.2026</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t xml:space="preserve"> heute.</w:t></w:r>'
    '<w:r><w:br/><w:t>Zeile zwei</w:t><w:tab/><w:t>mit Tab.</w:t></w:r></w:p>',
    # a link whose middle word is bold, to an anchor in the document
    '<w:p {ns}><w:r><w:t xml:space="preserve">Mehr im </w:t></w:r><w:hyperlink w:anchor="mitte"><w:r><w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr>'
    '<w:t xml:space="preserve">Abschnitt </w:t></w:r><w:r><w:rPr><w:rStyle w:val="Hyperlink"/><w:b/></w:rPr><w:t>Vorstand</w:t></w:r>'
    '<w:r><w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr><w:t xml:space="preserve"> oben</w:t></w:r></w:hyperlink><w:r><w:t>.</w:t></w:r></w:p>',
]


def tricky() -> bytes:
    """Paragraphs with bookmarks, a field, a line break, a tab and a link with a bold word."""
    d = docx.Document()
    for xml in TRICKY:
        d.element.body.insert(len(d.element.body) - 1, parse_xml(xml.format(ns=nsdecls("w"))))
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()
