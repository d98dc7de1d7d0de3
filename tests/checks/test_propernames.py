"""Ordinary proper names: kept, dropped, exonyms, and nouns that are not names."""

from __future__ import annotations

import pytest

from l10n.catalog import Entry
from l10n.checks import Settings, Unit, check_unit, propernames
from l10n.lexicon import lexicon


def _errors(source: str, target: str, tgt: str = "en") -> list[str]:
    unit = Unit(source, target, "de", tgt, Entry(msgid=source, msgstr=target))
    return [name for severity, name, _ in check_unit(unit, Settings.from_config(None)) if name == "proper-names"]


@pytest.mark.parametrize("source, target", [
    ("Der Kanzler traf Präsident Obama gestern in Berlin.", "The chancellor met President Obama in Berlin yesterday."),
    ("Die Messe findet in München statt.", "The fair takes place in Munich."),
    ("Der Vorstand tagte in Köln.", "The board met in Cologne."),
    ("Die Delegation reiste nach Peking.", "The delegation travelled to Beijing."),
    ("Die Bürger von Kanada stimmten ab.", "Canadian citizens voted."),
    ("Ein Gebäude in Hongkong brannte.", "A building in Hong Kong burned."),
    ("Die Tochter von Königin Elisabeth kam.", "Queen Elizabeth's daughter came."),
    ("Die Regierung baut ein Haus mit Türen und einem Baum.", "The government builds a house with doors and a tree."),
    # A letter doubled or not, in a short name too: one name (Ana/Anna, Jef/Jeff).
    ("Die Festrede hielt die Autorin Ana Lopez in Madrid.", "The keynote was given by author Anna Lopez in Madrid."),
    ("Trainer ist nun Jef Vermeulen.", "The new coach is Jeff Vermeulen."),
])
def test_names_kept_or_nouns_translated_pass(source: str, target: str) -> None:
    assert _errors(source, target) == []


@pytest.mark.parametrize("source, target", [
    ("Der Kanzler traf Präsident Obama gestern in Berlin.", "The chancellor met the president in Berlin yesterday."),
    ("Die Messe findet in München statt.", "The fair takes place in the city."),
    ("Der Konzern eröffnet ein Büro in Amsterdam.", "The group opens an office in the capital."),
])
def test_dropped_name_is_an_error(source: str, target: str) -> None:
    assert _errors(source, target) == ["proper-names"]


def test_chinese_names_are_not_required() -> None:
    # Chinese writes most names in Chinese characters: 柏林 for Berlin.
    assert _errors("Die Messe findet in Berlin statt.", "展会在柏林举行。", "zh") == []


def test_chinese_translation_names_the_countries() -> None:
    # Countries have one agreed Chinese name (CLDR): a translation of another sentence lacks it.
    assert _errors("Japan und Deutschland unterzeichnen ein Abkommen.", "日本和德国签署了一项协议。", "zh") == []
    assert _errors("Japan und Deutschland unterzeichnen ein Abkommen.", "双方签署了一项协议。", "zh") == ["proper-names"]


def test_chinese_pairs_of_countries_use_short_forms() -> None:
    # "the relations between the USA and China" is 美中关系 in Chinese news: 中 stands for China there.
    source = "Die Beziehungen zwischen den USA und China haben sich seit 1979 verbessert."
    assert _errors(source, "自1979年以来，美中关系有所改善。", "zh") == []
    assert _errors("Die Handelsgespräche zwischen China und der EU beginnen.", "中欧贸易谈判开始。", "zh") == []
    # Only beside another country the source names: 美日 does not name China.
    assert _errors(source, "自1979年以来，美日关系有所改善。", "zh") == ["proper-names"]
    assert _errors("Die Fabrik in China wächst.", "美中工厂在发展。", "zh") == ["proper-names"]


# With Ding (Debian's trans-de-en, installed by .ci/run): names made of English words, names after
# a hyphen, an initial or a quotation mark, and German words whose translation the English has.
needs_ding = pytest.mark.skipif(lexicon() is None, reason="Ding (trans-de-en) is not installed")


@needs_ding
@pytest.mark.parametrize("source, target", [
    ("Der Fall wird vor dem Edinburgh Sheriff Court verhandelt.", "The case will be heard at Edinburgh Sheriff Court."),
    ("Das Crown Office will bis Freitag keine Stellungnahme abgeben.", "The Crown Office will not comment until Friday."),
    ("Das Abkommen gilt für den gesamten Schengen-Raum.", "The agreement applies to the whole Schengen area."),
    ("Die Reederei fährt im Sommer wieder nach St. Petersburg.", "The shipping line will sail to St Petersburg again in summer."),
    ("Das bestätigte der Ermittler D. K. Arya am Montag.", "Investigator D. K. Arya confirmed this on Monday."),
    ("Die Durchsagen in der Bahn sind auch auf Japanisch zu hören.", "Announcements on the train are also made in Japanese."),
    ("Die Brauerei nennt ihr neues Bier „Sonnenschein“.", "The brewery calls its new beer 'Sunshine'."),
    # Census names that are German words too are translated as such: a tailor, a cook, a mountain.
    ("Der Schneider und der Koch wohnen am Berg.", "The tailor and the cook live on the mountain."),
    ("Laut Sprecherin Jane Cooper sinkt der Absatz.", "According to spokeswoman Jane Cooper, sales are falling."),
])
def test_english_names_and_translated_words_pass(source: str, target: str) -> None:
    assert _errors(source, target) == []


@needs_ding
@pytest.mark.parametrize("source, target", [
    ("Der Fall wird vor dem Edinburgh Sheriff Court verhandelt.", "The case will be heard in Edinburgh."),
    ("Das Crown Office will bis Freitag keine Stellungnahme abgeben.", "The prosecution office will not comment until Friday."),
    ("Das Abkommen gilt für den gesamten Schengen-Raum.", "The agreement applies to the whole area."),
    ("Die Reederei fährt im Sommer wieder nach St. Petersburg.", "The shipping line will sail to St again in summer."),
    ("Das bestätigte der Ermittler D. K. Arya am Montag.", "Investigator D. K. confirmed this on Monday."),
    # A first name or surname of the US census that is no German word (data/personal_names.txt).
    ("Laut Sprecherin Jane Cooper sinkt der Absatz.", "According to spokeswoman Jane, sales are falling."),
    ("Den Preis erhielt die Forscherin Danielle Lantagne.", "The prize went to the researcher Danielle."),
    ("Am Abend trat Tom Flynn mit seiner Band auf.", "In the evening Tom performed with his band."),
])
def test_dropped_english_name_is_an_error_with_ding(source: str, target: str) -> None:
    assert _errors(source, target) == ["proper-names"]


# Runs of capitalised words: a word no dictionary knows beside a name or another such word is a
# name too; a word English and German share is part of an English name after a name or beside an
# English-only word; a title before a name is no part of it.
@needs_ding
@pytest.mark.parametrize("source, target", [
    ("Das sagte Firmenchef Tadeusz Szczepankiewicz am Rande der Messe.", "CEO Tadeusz Szczepankiewicz said this on the sidelines of the fair."),
    ("Die Gruppe eröffnet ein Büro in Buenos Aires.", "The group is opening an office in Buenos Aires."),
    ("Die Sendung lief zuerst bei BrightWave Radio.", "The show first aired on BrightWave Radio."),
    ("Der Einsatz hieß Operation Sandstorm.", "The mission was called Operation Sandstorm."),
    ("Die Förderung kommt von der Harwood Foundation.", "Funding comes from the Harwood Foundation."),
    ("Den Vertrag unterzeichnete Manager Chen in Taipeh.", "Executive Chen signed the contract in Taipei."),
    ("Die Begleitläuferin Anna Ogarzynska wurde Dritte.", "Guide Anna Ogarzynska came third."),
    ("Da Sie sich in den Tropen befinden, wird es heiß.", "As you are in the tropics, it will be hot."),
])
def test_names_in_runs_kept_and_titles_translated_pass(source: str, target: str) -> None:
    assert _errors(source, target) == []


@needs_ding
@pytest.mark.parametrize("source, target", [
    ("Das sagte Firmenchef Tadeusz Szczepankiewicz am Rande der Messe.", "CEO Tadeusz said this on the sidelines of the fair."),
    ("Edgar Oyelaran wurde am Arm verletzt.", "Edgar was injured in the arm."),  # a name opening the sentence counts
    ("Die Gruppe eröffnet ein Büro in Buenos Aires.", "The group is opening an office in Buenos."),
    ("Die Sendung lief zuerst bei BrightWave Radio.", "The show first aired on BrightWave."),
    ("Der Einsatz hieß Operation Sandstorm.", "The mission was called Sandstorm."),
])
def test_name_dropped_from_a_run_is_an_error(source: str, target: str) -> None:
    assert _errors(source, target) == ["proper-names"]


# A name announced by an honorific, quoted, or after an acronym; a word English writes as much as
# German that only a compound reading makes German (Devon + Port).
@needs_ding
@pytest.mark.parametrize("source, target", [
    ("Das bestätigte Frau Koch am Montag.", "Ms Koch confirmed this on Monday."),
    ("Nach Angaben von Dr. Moll sind zwei Patienten betroffen.", "According to Dr Moll, two patients are affected."),
    ("Eine junge Frau Mitte zwanzig wurde leicht verletzt.", "A young woman in her mid-twenties was slightly injured."),
    ("Die Frau Anfang dreißig blieb unverletzt.", "The woman in her early thirties was unhurt."),
    ("Die Landung hieß „Operation Dragoon“.", "The landing was called 'Operation Dragoon'."),
    ("Der Streit mit der Sicherheitsfirma ADT Corporation ist beigelegt.", "The dispute with security firm ADT Corporation is settled."),
    ("Die Fähre fährt bis Devonport.", "The ferry runs as far as Devonport."),
])
def test_announced_quoted_and_english_names_kept_pass(source: str, target: str) -> None:
    assert _errors(source, target) == []


@needs_ding
@pytest.mark.parametrize("source, target", [
    ("Das bestätigte Frau Koch am Montag.", "The spokeswoman confirmed this on Monday."),
    ("Nach Angaben von Dr. Moll sind zwei Patienten betroffen.", "According to the doctor, two patients are affected."),
    ("Das sagte Herr Minister Schulze in Bonn.", "Minister Müller said this in Bonn."),
    ("Die Landung hieß „Operation Dragoon“.", "The landing was called 'Dragoon'."),
    ("Der Streit mit der Sicherheitsfirma ADT Corporation ist beigelegt.", "The dispute with security firm ADT is settled."),
    ("Die Fähre fährt bis Devonport.", "The ferry runs as far as the port."),
])
def test_announced_quoted_and_english_names_dropped_is_an_error(source: str, target: str) -> None:
    assert _errors(source, target) == ["proper-names"]


@needs_ding
def test_names_joined_by_hyphens_are_names_and_places_are_named_whole() -> None:
    """German hyphenates what English writes apart ("Ost-Texas": East Texas); a place listed whole
    (Französisch-Guayana: French Guiana) is looked for whole, not by its parts."""
    assert propernames.proper_names("Die Sprecher kamen aus Ost-Texas.") == ["Texas"]
    assert _errors("Die Sprecher kamen aus Ost-Texas.", "The speakers came from East Texas.") == []
    assert _errors("Die Sprecher kamen aus Ost-Texas.", "The speakers came from the east.") == ["proper-names"]
    assert propernames.proper_names("Die Brücke führt nach Französisch-Guayana.") == ["Französisch-Guayana"]
    assert _errors("Die Brücke führt nach Französisch-Guayana.", "The bridge leads to French Guiana.") == []


@needs_ding
def test_feminine_nouns_for_people_are_german_words() -> None:
    lex = lexicon()
    assert lex.is_german("Begleitläuferin") and lex.is_german("Soziologinnen") and lex.is_german("Präsidentin")
    assert not lex.is_german("Kremlin") and not lex.is_german("Darwin") and not lex.is_german("Austin")


def test_without_ding_the_names_are_those_of_the_word_lists(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(propernames, "lexicon", lambda: None)
    assert propernames.proper_names("Das Crown Office im Schengen-Raum prüft den Fall.") == []
    assert propernames.proper_names("Die Regierung in Berlin prüft den Fall.") == ["Berlin"]
