"""Locale-aware number matching: the same figure written the German, English and Chinese way."""

from __future__ import annotations

import pytest

from l10n.numbers import chinese_value, extra_numbers, find_numbers, missing_numbers, number_words

# (German, translation, target language): every number of the German is found in the translation.
SAME = [
    ("19,7 Milliarden Euro", "19.7 billion euros", "en"),
    ("19,7 Milliarden Euro", "197亿欧元", "zh"),
    ("5.000 Händler", "5,000 retailers", "en"),
    ("5.000 Händler", "5000家零售商", "zh"),
    ("20.000 Mitarbeiter", "20,000 employees", "en"),
    ("20.000 Mitarbeiter", "2万名员工", "zh"),
    ("23.000 Mitarbeiter", "2.3万名员工", "zh"),
    ("über 200 Millionen Menschen", "超过2亿人", "zh"),
    ("über 200 Millionen Menschen", "more than 200 million people", "en"),
    ("im Jahr 2003", "in 2003", "en"),
    ("im Jahr 2003", "于2003年", "zh"),
    ("im Jahr 2003", "于二〇〇三年", "zh"),
    ("ein Plus von 30 Prozent", "up 30%", "en"),
    ("ein Plus von 30 Prozent", "增长了百分之三十", "zh"),
    ("am 1. Oktober", "on October 1st", "en"),
    ("der 10. Platz", "tenth place", "en"),
    ("von 2010 bis 2015", "from 2010-2015", "en"),
    ("vor 4,2 bis 3,9 Millionen Jahren", "420 万至 390 万年前", "zh"),
    ("um 15:00 Uhr", "at 3 p.m.", "en"),
    ("um 12:00 Uhr GMT", "at 1200 GMT", "en"),
    ("drei Unternehmen", "three companies", "en"),
    ("drei Unternehmen", "三家公司", "zh"),
    ("zwei weitere Player", "两家公司", "zh"),
    ("eine Million Kunden", "one million customers", "en"),
    ("eine Million Kunden", "一百万客户", "zh"),
    ("2,5 Mrd. Euro", "2.5 bn euros", "en"),
    # Dates with month names, numbers followed by unit words (issue 14).
    ("am 1. Januar 2027", "on 1 January 2027", "en"),
    ("am 1. Januar 2027", "on January 1, 2027", "en"),
    ("am 1. Januar 2027", "2027年1月1日", "zh"),
    ("auf 20.000 Quadratmetern", "on 20,000 square metres", "en"),
    ("auf 20.000 Quadratmetern", "在2万平方米", "zh"),
    # Unit conversions: metric in German, imperial in English (issue 17).
    ("rund 100 Kilometer entfernt", "about 62 miles away", "en"),
    ("ein 30 Meter breiter Abschnitt", "a section 100 feet wide", "en"),
    ("bei 30 Grad Celsius", "at 86 degrees Fahrenheit", "en"),
    ("5 Kilogramm", "11 pounds", "en"),
    ("20.000 Quadratmeter", "215,000 sq ft", "en"),
    ("mit 120 km/h", "at 75 mph", "en"),
    # Digit groups with no-break, thin or plain spaces; "£5m", "$3bn".
    ("20.000 Einwohner", "20\u202f000 people", "en"),
    ("20.000 Einwohner", "20\u00a0000 people", "en"),
    ("20.000 Einwohner", "20 000 people", "en"),
    ("5 Millionen Pfund", "£5m", "en"),
    ("3 Milliarden Dollar", "$3bn", "en"),
    # Clock times "7.55am", a time in Chinese, decades "'90s" / "90er Jahre" / "90年代".
    ("um 7.55 Uhr", "at 7.55am", "en"),
    ("um 19:55 Uhr", "at 7.55pm", "en"),
    ("um 23:35 Uhr", "晚上 11 点 35 分", "zh"),
    ("in den 1990er Jahren", "in the '90s", "en"),
    ("in den 90er Jahren", "in the 1990s", "en"),
    ("in den 90er Jahren", "在90年代", "zh"),
    ("in den 1990er Jahren", "在90年代", "zh"),
    ("5 Tage", "five days", "en"),
    ("seit den 1800er Jahren", "自 19 世纪初以来", "zh"),
    ("seit den 1800er Jahren", "since the 19th century", "en"),
    ("25 Jahre", "twenty-five years", "en"),
    ("75 Millionen Menschen", "seventy-five million people", "en"),
    # Event times: a German range shares its "Uhr", Chinese writes a full-width colon or 点半 (half past).
    ("Einlass von 9.30 bis 11.45 Uhr", "admission from 9.30am to 11.45am", "en"),
    ("Einlass von 9.30 bis 11 Uhr", "admission from 9.30 to 11am", "en"),
    ("Anstoß um 20.45 Uhr", "比赛于20：45开球", "zh"),
    ("Beginn um 14.30 Uhr", "下午2点半开始", "zh"),
    # Decades in the dative ("in den 90ern") and placed in a century ("die 50er des 19. Jahrhunderts").
    ("in den 90ern", "in the 1990s", "en"),
    ("in den 50er Jahren des 19. Jahrhunderts", "in the 1850s", "en"),
    ("in den 50ern des 19. Jahrhunderts", "在19世纪50年代", "zh"),
    ("seit den 1850er Jahren", "自19世纪50年代以来", "zh"),
    # Imperial measures in two units, and temperatures without a degree sign (British press).
    ("Der Stürmer ist 1,85 Meter groß", "The striker is 6ft 1in tall", "en"),
    ("Der Stürmer wiegt 80 Kilogramm", "The striker weighs 12st 8lb", "en"),
    ("ein 1,80 Meter hoher Zaun", "a fence 5 feet 11 inches high", "en"),
    ("bei 30 Grad", "at 86F", "en"),
    ("bis zu minus 5 Grad", "down to -5℃", "zh"),
    # Numeric dates are day, month and year; a season's second year written short; "1.5m" for a million.
    ("am 12.05.2024 in Düsseldorf", "in Düsseldorf on 12 May 2024", "en"),
    ("am 12.05.2024 in Düsseldorf", "in Düsseldorf on May 12, 2024", "en"),
    ("am 12.05.2024 in Düsseldorf", "2024年5月12日在杜塞尔多夫", "zh"),
    ("Anmeldung bis 3.7.", "register by 3 July", "en"),
    ("geboren am 14.02.1990", "born on February 14, 1990", "en"),  # 14 is no 2 p.m. that takes "February"
    ("geboren am 14.02.1990", "born on 2/14/1990", "en"),
    ("die Saison 2023/2024", "the 2023-24 season", "en"),
    ("die Saison 2023/24", "the 2023/2024 season", "en"),
    ("1,5 Mio. Besucher", "1.5m visitors", "en"),
    ("ein 100-Meter-Lauf", "a 100m sprint", "en"),
    # Conversions of finance and sport: points, a marathon.
    ("um 0,25 Prozentpunkte", "by 25 basis points", "en"),
    ("die 42,195 Kilometer", "the 26.2 miles", "en"),
    # Digits glued to letters are a label's (left to the names check), but may stand for a figure.
    ("5.000 Tonnen CO2", "5,000 tonnes of carbon dioxide", "en"),
    ("(Larson und LaFasto 1989, S. 109)", "(Larson and LaFasto, 1989, p109)", "en"),
    ("Formel-1-Rennen", "F1 races", "en"),
    ("knapp 30 Prozent der Befragten", "近三成受访者", "zh"),  # 成: tenths
    # Version numbers are labels (no ValueError): "Android 10.0.1", "v2.3".
    ("mit Android 10.0.1", "with Android 10.0.1", "en"),
    ("Version v2.3", "version v2.3", "en"),
    ("Das Update heißt Version 2.1.", "The update is called version 2.1.", "en"),  # no date 2 January
]

DIFFERENT = [
    ("19,7 Milliarden Euro", "19.7 million euros", "en"),
    ("19,7 Milliarden Euro", "19.7亿欧元", "zh"),
    ("20.000 Mitarbeiter", "2,000 employees", "en"),
    ("20.000 Mitarbeiter", "20万名员工", "zh"),
    ("im Jahr 2003", "in 2013", "en"),
    ("30 Prozent", "百分之二十", "zh"),
    ("drei Unternehmen", "four companies", "en"),
    ("um 12:35 Uhr", "at 12:45", "en"),  # a changed minute
    ("um 7.55 Uhr", "at 7.45am", "en"),
    ("um 23:35 Uhr", "晚上 11 点 45 分", "zh"),
    ("mit Android 10.0.1", "with Android 10.0.2", "en"),
    ("rund 100 Kilometer entfernt", "about 30 miles away", "en"),
    ("5 Millionen Pfund", "£5bn", "en"),
    ("in den 1990er Jahren", "in the '80s", "en"),
    ("25 Jahre", "twenty-four years", "en"),
    ("seit den 1800er Jahren", "自 18 世纪以来", "zh"),
    ("Einlass von 9.30 bis 11.45 Uhr", "admission from 9.30am to 11.15am", "en"),
    ("Anstoß um 20.45 Uhr", "比赛于20：15开球", "zh"),
    ("Beginn um 14.30 Uhr", "下午3点半开始", "zh"),
    ("in den 50er Jahren des 19. Jahrhunderts", "in the 1950s", "en"),
    ("in den 50ern des 19. Jahrhunderts", "在20世纪50年代", "zh"),
    ("Der Stürmer ist 1,85 Meter groß", "The striker is 5ft 1in tall", "en"),
    ("bei 30 Grad", "at 68F", "en"),
    ("am 12.05.2024 in Düsseldorf", "in Düsseldorf on 12 March 2024", "en"),
    ("am 12.05.2024 in Düsseldorf", "2024年5月21日在杜塞尔多夫", "zh"),
    ("die Saison 2023/2024", "the 2022-23 season", "en"),
    ("1,5 Mio. Besucher", "1.5k visitors", "en"),
    ("um 0,25 Prozentpunkte", "by 50 basis points", "en"),
    ("Das Update heißt Version 2.1.", "The update is called version 2.2.", "en"),
    ("knapp 30 Prozent der Befragten", "近两成受访者", "zh"),
]


@pytest.mark.parametrize("source, target, lang", SAME)
def test_same_figure_in_another_locale_matches(source: str, target: str, lang: str) -> None:
    assert missing_numbers(source, target, "de", lang) == []


@pytest.mark.parametrize("source, target, lang", DIFFERENT)
def test_changed_figure_is_missing(source: str, target: str, lang: str) -> None:
    assert missing_numbers(source, target, "de", lang)


@pytest.mark.parametrize("text, value", [("三", 3), ("两", 2), ("十二", 12), ("二十三", 23), ("一百万", 1e6),
                                         ("三亿五千万", 3.5e8), ("二〇一九", 2019), ("197亿", None)])
def test_chinese_numerals(text: str, value: float | None) -> None:
    if value is None:
        assert [max(n.values) for n in find_numbers(text, "zh")] == [1.97e10]
    else:
        assert chinese_value(text) == value


def test_each_target_number_is_used_once() -> None:
    # Two 20s in the source, one in the translation: one is missing.
    assert len(missing_numbers("20 Filialen und 20 Lager", "20 stores and warehouses", "de", "en")) == 1


def test_a_measure_in_two_units_is_one_figure() -> None:
    # "11" of "5ft 11in" is part of the height, no figure the source lacks.
    assert extra_numbers("Er ist 1,80 Meter groß.", "He is 5ft 11in tall.", "de", "en") == []
    assert [n.text for n in extra_numbers("Er ist 1,80 Meter groß.", "He is 5ft tall, 11 in the team.", "de", "en")] == ["5", "11"]


def test_number_words_come_from_the_data_file() -> None:
    words = number_words("en")
    assert words.scales["bn"] == 1e9 and words.words["twelve"] == 12 and words.words["may"] == 5
    assert number_words("xx").words == {} and len(number_words("xx").clock) == 1  # "12:35" only


def test_a_decade_written_in_words_explains_the_figure() -> None:
    assert extra_numbers("Die Firma wurde in den Zwanzigerjahren gegründet.", "The firm was founded in the 1920s.", "de", "en") == []
    assert extra_numbers("Die Firma wurde in den Zwanzigerjahren gegründet.", "The firm was founded in the 1930s.", "de", "en")


def test_digits_of_a_label_are_no_extra_figure() -> None:
    assert extra_numbers("Das Werk spart Kohlendioxid.", "The plant saves CO2.", "de", "en") == []
    assert extra_numbers("Das Werk spart Kohlendioxid.", "该工厂减少CO2排放。", "de", "zh") == []


# --- a date's month is required like a figure -----------------------------------------------------


def _number_findings(source: str, target: str, tgt: str) -> dict[str, str]:
    from l10n.catalog import Entry
    from l10n.checks import Settings, Unit, check_unit

    unit = Unit(source, target, "de", tgt, Entry(msgid=source, msgstr=target))
    return {name: severity for severity, name, _ in check_unit(unit, Settings.from_config(None)) if name.startswith("numbers")}


@pytest.mark.parametrize("source, target, tgt", [
    ("Die Messe beginnt am 16. November in Düsseldorf.", "The fair opens in Düsseldorf on 16 November.", "en"),
    ("Die Messe beginnt am 16. November in Düsseldorf.", "The fair opens in Düsseldorf on November 16.", "en"),
    ("Die Messe beginnt am 16. November in Düsseldorf.", "展会将于11月16日在杜塞尔多夫开幕。", "zh"),
    ("Im März stiegen die Preise erneut.", "Prices rose again in March.", "en"),
    ("Im März stiegen die Preise erneut.", "3月份价格再次上涨。", "zh"),
])
def test_months_kept_pass(source: str, target: str, tgt: str) -> None:
    assert _number_findings(source, target, tgt) == {}


@pytest.mark.parametrize("source, target, tgt", [
    ("Die Messe beginnt am 16. November in Düsseldorf.", "The fair opens in Düsseldorf on the 16th.", "en"),
    ("Im März stiegen die Preise erneut.", "Prices rose again in May.", "en"),
    ("Die Messe beginnt am 16. November in Düsseldorf.", "展会将于16日在杜塞尔多夫开幕。", "zh"),
])
def test_a_lost_or_changed_month_is_an_error(source: str, target: str, tgt: str) -> None:
    assert _number_findings(source, target, tgt).get("numbers") == "error"


def test_other_written_numbers_stay_warnings() -> None:
    assert _number_findings("Drei Firmen haben geklagt.", "Several companies have sued.", "en") == {"numbers-words": "warning"}
