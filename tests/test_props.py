"""Property-based tests: documents and catalogs survive any text.

- Segmentation + reassembly: any Unicode text parsed as a document and rebuilt with no translation
  is the text, character for character; rebuilt with every sentence "translated" to itself, too.
- Catalogs: any msgid/msgstr (quotes, backslashes, tabs, CR, newlines, CJK, emoji, control
  characters) round-trips through our writer, our reader, polib, and GNU msgfmt/msgcat; what
  gettext cannot carry (NUL, EOT) is refused with a clear error instead of written.
"""

from __future__ import annotations

import shutil
import subprocess

import polib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from l10n.sources.rebuild import localize
from l10n.catalog import UNSTORABLE, Catalog, Entry, catalog_header, read_catalog, render, template_header
from l10n.errors import CatalogError
from l10n.languages import get_language
from l10n.segment import get_splitter
from l10n.sources import READERS, parse_document

SPLITTER = get_splitter("de")
# Text worth throwing at a PO file or a splitter: the awkward ASCII, German, CJK, emoji, controls.
AWKWARD = st.sampled_from(list('"\\\t\r\n .?!:;„“«»…–—#*-_[]()`<>{}%$') + ["ß", "Ä", "ö", "中", "文", "。", "！", "😀", "👩", "\u200d", "💻", "\u00a0", "\u200b", "\ufeff", "\x01", "\x1b", "\x7f", "\x0b", "\x0c"])
ANY_TEXT = st.text(alphabet=st.one_of(st.characters(blacklist_categories=("Cs",)), AWKWARD), max_size=300)
GERMANISH = st.lists(st.one_of(st.sampled_from(["Die Firma", "OPPO", "z. B.", "Nr. 5", "12. Juni", "1.000", "eröffnet.", "Büro!", "Köln?", "\n", "\n\n", "# ", "- ", " ", "---\n", "```\n", "date: 2019\n", "[Link](https://x.de/a.b)", "1. "]), AWKWARD), max_size=60).map("".join)


@pytest.mark.parametrize("fmt_suffix", sorted(READERS))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.one_of(ANY_TEXT, GERMANISH))
def test_document_round_trips_any_text(fmt_suffix: str, text: str):
    fmt, reader = READERS[fmt_suffix]
    doc = parse_document(text, f"source/x{fmt_suffix}", fmt, reader, SPLITTER, name="x")
    assert localize(doc, "en", {})[0] == text
    assert localize(doc, "en", {seg.key: seg.text for seg in doc.segments})[0] == text
    for seg in doc.segments:
        assert text[seg.start : seg.end] == seg.text and seg.text.strip()
    assert len({seg.key for seg in doc.segments}) == len(doc.segments)  # each sentence its own entry


GETTEXT_SAFE = st.text(
    alphabet=st.one_of(st.characters(blacklist_categories=("Cs",), blacklist_characters="".join(UNSTORABLE)), AWKWARD),
    min_size=1,
    max_size=120,
)


def _pair(msgid: str, msgstr: str) -> tuple[str, str]:
    """Give msgstr the same leading/trailing newline as msgid, as gettext requires of a translation."""
    core = msgstr.strip("\n")
    return msgid, ("\n" if msgid.startswith("\n") else "") + core + ("\n" if msgid.endswith("\n") and core + "\n" != "\n" * (msgid.startswith("\n") + 1) else "")


ENTRIES = st.lists(st.tuples(GETTEXT_SAFE, GETTEXT_SAFE, st.booleans(), st.one_of(st.none(), GETTEXT_SAFE)), min_size=1, max_size=8, unique_by=lambda t: (t[3], t[0]))


def make_catalog(rows) -> Catalog:
    template = Catalog(template_header("props"))
    entries = []
    for msgid, msgstr, fuzzy, msgctxt in rows:
        msgid, msgstr = _pair(msgid, msgstr)
        entries.append(Entry(msgid, msgstr, msgctxt=msgctxt, fuzzy=fuzzy and bool(msgstr), comment="paragraph, id 0", occurrences=(("source/x.md", "1"),)))
    return Catalog(catalog_header(template, get_language("en"), None), tuple(entries))


def essentials(entries) -> list[tuple]:
    return [(e.msgctxt, e.msgid, e.msgstr, e.fuzzy) for e in entries]


@settings(max_examples=120, deadline=None)
@given(rows=ENTRIES)
def test_catalog_round_trips_through_our_writer_reader_and_polib(tmp_path_factory, rows):
    catalog = make_catalog(rows)
    path = tmp_path_factory.mktemp("po") / "x.po"
    path.write_text(render(catalog), encoding="utf-8")
    assert essentials(read_catalog(path).entries) == essentials(catalog.entries)
    po = polib.pofile(str(path))
    assert [(e.msgctxt, e.msgid, e.msgstr, "fuzzy" in e.flags) for e in po] == essentials(catalog.entries)
    assert render(read_catalog(path)) == path.read_text(encoding="utf-8")  # stable: a re-write changes nothing


@pytest.mark.skipif(shutil.which("msgfmt") is None or shutil.which("msgcat") is None, reason="GNU gettext not installed")
@settings(max_examples=60, deadline=None)
@given(rows=ENTRIES)
def test_catalog_is_accepted_and_preserved_by_gnu_gettext(tmp_path_factory, rows):
    catalog = make_catalog(rows)
    folder = tmp_path_factory.mktemp("gnu")
    path = folder / "x.po"
    path.write_text(render(catalog), encoding="utf-8")
    checked = subprocess.run(["msgfmt", "--check-format", "--check-header", "-o", str(folder / "x.mo"), str(path)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    cat = subprocess.run(["msgcat", "-o", str(folder / "cat.po"), str(path)], capture_output=True, text=True)
    assert cat.returncode == 0, cat.stderr
    assert essentials(read_catalog(folder / "cat.po").entries) == essentials(catalog.entries)
    # The compiled catalog carries every translation gettext would use at run time.
    mo = polib.mofile(str(folder / "x.mo"))
    expected = {(c, i): s for c, i, s, fuzzy in essentials(catalog.entries) if s and not fuzzy}
    assert {(e.msgctxt, e.msgid): e.msgstr for e in mo if e.msgid} == expected


@given(rows=ENTRIES, bad=st.sampled_from(sorted(UNSTORABLE)), where=st.sampled_from(["msgid", "msgstr"]))
@settings(max_examples=30, deadline=None)
def test_text_gettext_cannot_carry_is_refused(rows, bad, where):
    msgid, msgstr, _, _ = rows[0]
    broken = (msgid + bad, msgstr) if where == "msgid" else (msgid, msgstr + bad + "x")
    catalog = make_catalog([(*broken, False, None)])
    with pytest.raises(CatalogError, match=UNSTORABLE[bad].split()[0]) as info:
        render(catalog)
    assert info.value.path == "source/x.md" and info.value.line == 1
