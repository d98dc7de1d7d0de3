"""Contact lines, addresses and links are the same in every language: no `untranslated` or
`language` error on a correct translation, no "not German" warning on the source (issue 14)."""

from __future__ import annotations

import pytest

from l10n.catalog import Entry
from l10n.checks import Settings, Unit, check_unit
from l10n.langid import detect, prose
from l10n.model import Document

SETTINGS = Settings.from_config(None)
CONTACT = "Pressekontakt: Jonas Berger, Telefon +49 211 1234-567, presse@example.de"
LINK = "Weitere Informationen: [www.example.de](https://www.example.de)"
APPROVED = {
    ("en", CONTACT): "Press contact: Jonas Berger, phone +49 211 1234-567, presse@example.de",
    ("en", LINK): "More information: [www.example.de](https://www.example.de)",
    ("zh", CONTACT): "新闻联系人：Jonas Berger，电话 +49 211 1234-567，presse@example.de",
    ("zh", LINK): "更多信息：[www.example.de](https://www.example.de)",
    ("en", "Kontakt: Anna Schmidt, Tel. (0211) 98 76-54, anna.schmidt@beispiel-logistik.de, www.beispiel-logistik.de"):
        "Contact: Anna Schmidt, phone (0211) 98 76-54, anna.schmidt@beispiel-logistik.de, www.beispiel-logistik.de",
}


def findings(source: str, target: str, lang: str) -> list[tuple[str, str, str]]:
    return list(check_unit(Unit(source, target, "de", lang, Entry(source, target)), SETTINGS))


@pytest.mark.parametrize("lang, source", list(APPROVED))
def test_correct_translation_of_contact_and_link_lines_has_no_finding(lang: str, source: str) -> None:
    assert findings(source, APPROVED[lang, source], lang) == []


@pytest.mark.parametrize("source", [CONTACT, LINK])
def test_the_source_copied_is_still_untranslated(source: str) -> None:
    assert ("error", "untranslated", "the translation is the source text") in findings(source, source, "en")


def test_a_copied_sentence_around_an_address_is_still_caught() -> None:
    source = "Die Anmeldung zur Eröffnungsfeier ist ab sofort unter presse@example.de möglich."
    assert [f[1] for f in findings(source, source.replace("ist ab", "ist  ab"), "en") if f[1] == "untranslated"] == ["untranslated"]


def test_addresses_links_and_phone_numbers_are_not_prose() -> None:
    assert prose(CONTACT).split() == ["Pressekontakt:", "Jonas", "Berger,", "Telefon", ","]
    assert prose(LINK).split() == ["Weitere", "Informationen:", "["]
    # Dates and figures stay: they are not telephone numbers.
    assert prose("Am 12.11.2026 eröffnet ein Zentrum mit 20.000 Quadratmetern.") == "Am 12.11.2026 eröffnet ein Zentrum mit 20.000 Quadratmetern."


@pytest.mark.parametrize("text", [
    CONTACT,  # langdetect: Norwegian 1.00 before addresses were removed
    APPROVED["en", CONTACT],  # French 1.00
    "Weitere Informationen: [www.example-logistics.de/presse](https://www.example-logistics.de/presse)",  # English
])
def test_language_detector_does_not_judge_contact_lines_and_links(text: str) -> None:
    assert detect(text) is None


def test_release_with_contact_line_and_link_gets_no_language_warning() -> None:
    from l10n.langid import foreign_paragraphs
    from l10n.segment import get_splitter
    from l10n.sources import READERS, parse_document

    text = ("# Neues Logistikzentrum in Dormagen\n\nDORMAGEN. Die Beispiel GmbH eröffnet ein Logistikzentrum.\n\n"
            f"{LINK}\n\n{CONTACT}\n")
    fmt, reader = READERS[".md"]
    doc: Document = parse_document(text, "source/neu.md", fmt, reader, get_splitter("de"))
    assert foreign_paragraphs(doc, "de") == []
