"""Each check: quiet on a good translation, an explanation on a bad one; settings from l10n.toml."""

from __future__ import annotations

import re

from pathlib import Path

import pytest

from l10n.catalog import Catalog, Entry
from l10n.checks import CHECKS, Settings, check, Unit, check_catalog, check_entry, check_unit
from l10n.config import parse_config
from l10n.errors import ConfigError
from l10n.glossary import parse_csv

GLOSSARY = parse_csv(
    "de,en,zh\nVIVO,,\nNRW.INVEST,,\nWirtschaftsförderungsgesellschaft,economic development agency,经济促进机构\n",
    "glossary.csv", "de",
)
SETTINGS = Settings.from_config(None)


def found(source: str, target: str, tgt: str = "en", *, flags: tuple[str, ...] = ()) -> dict[str, str]:
    """check name -> severity for every finding."""
    unit = Unit(source, target, "de", tgt, Entry(msgid=source, msgstr=target, flags=flags), GLOSSARY)
    return {name: severity for severity, name, _ in check_unit(unit, SETTINGS)}


# Reviewed translations in the seed's style, Chinese press conventions included: no error.
GOOD = [
    ("OPPO hat rund 20.000 Mitarbeiter.", "OPPO has around 20,000 employees.", "en"),
    ("OPPO hat rund 20.000 Mitarbeiter.", "OPPO拥有约2万名员工。", "zh"),
    ("Der Umsatz lag 2018 bei 19,7 Milliarden Euro.", "In 2018, revenue was 19.7 billion euros.", "en"),
    ("Der Umsatz lag 2018 bei 19,7 Milliarden Euro.", "2018年营业额为197亿欧元。", "zh"),
    ("VIVO beschäftigt weltweit 23.000 Mitarbeiter.", "VIVO 在全球拥有2.3万名员工。", "zh"),
    ("Über 200 Millionen Menschen nutzen Smartphones von OPPO.", "全球超过2亿人使用OPPO智能手机。", "zh"),
    ("Xiaomi ist in über 5.000 Geschäften vertreten.", "小米在超过5000家门店有售。", "zh"),
    ("Alle drei zählen zu den wichtigsten Digitalkonzernen Chinas.", "这三家公司都是中国最重要的数字企业。", "zh"),
    ("Nun gesellen sich mit VIVO und Xiaomi zwei weitere Player hinzu.", "现在，VIVO 和 Xiaomi 两家企业也加入进来。", "zh"),
    ("Beraten werden sie durch die Wirtschaftsförderungsgesellschaft NRW.INVEST.",
     "They are advised by the economic development agency NRW.INVEST.", "en"),
    ("Beraten werden sie durch die Wirtschaftsförderungsgesellschaft NRW.INVEST.", "它们由经济促进机构NRW.INVEST提供咨询。", "zh"),
    ("## Kurzporträt OPPO", "## OPPO at a glance", "en"),
    ("Mehr unter [mi.com](https://www.mi.com) und `l10n check`.", "More at [mi.com](https://www.mi.com) and `l10n check`.", "en"),
    ("Er sagte: „Wir kommen (bald) nach Düsseldorf.“", "He said: “We are coming to Düsseldorf (soon).”", "en"),
    # Mc/Mac surnames are no CamelCase brand: Chinese writes them in Chinese.
    ("McDonald's eröffnet eine Filiale in Düsseldorf.", "麦当劳在杜塞尔多夫开设分店。", "zh"),
    ("General MacArthur landete dort.", "麦克阿瑟将军在那里登陆。", "zh"),
    # Names opened by a particle are transcribed in Chinese (勒布朗 for LeBron, 夸祖鲁 for KwaZulu).
    ("Basketball-Legende LeBron James spendete der Schule 2 Millionen Dollar.", "篮球传奇人物勒布朗·詹姆斯向学校捐赠了200万美元。", "zh"),
    ("Die Klinik in KwaZulu-Natal behandelt 300 Patienten.", "夸祖鲁-纳塔尔省的这家诊所治疗300名患者。", "zh"),
    # A Chinese translation that adds the original names in brackets is not too long.
    ("Vorstandschef Hans-Joachim Watzke und Geschäftsführer Carsten Cramer stellten die Zahlen vor.",
     "首席执行官汉斯-约阿希姆·瓦茨克 (Hans-Joachim Watzke) 和总经理卡斯滕·克拉默 (Carsten Cramer) 介绍了这些数据。", "zh"),
    # ... and the original of a translated name, in Latin letters.
    ("Die Forscher des Pazifischen Tsunami-Warnzentrums gaben am Morgen keine Warnung heraus.",
     "太平洋海啸预警中心 (Pacific Tsunami Warning Center, PTWC) 的研究人员当天上午没有发布任何海啸警报。", "zh"),
    # Event times and British measures.
    ("Der Einlass beginnt um 18.30 Uhr, die Show läuft von 19.30 bis 22 Uhr.",
     "Doors open at 6.30pm and the show runs from 7.30pm to 10pm.", "en"),
    ("Der Einlass beginnt um 18.30 Uhr, die Show läuft von 19.30 bis 22 Uhr.", "18：30开始入场，演出时间为19：30至22：00。", "zh"),
    ("Der Stürmer ist 1,85 Meter groß und wiegt 80 Kilogramm.", "The striker is 6ft 1in tall and weighs 12st 8lb.", "en"),
    # German institutions and terms English names in English (BMBF, KMU, EuGH).
    ("Das Projekt wird vom BMBF mit 2 Millionen Euro gefördert und richtet sich an KMU.",
     "The research ministry is funding the project with 2 million euros; it is aimed at SMEs.", "en"),
    ("Der EuGH hat die Klage abgewiesen.", "The European Court of Justice dismissed the case.", "en"),
    ("Das BMBF fördert das Projekt der IHK.",
     "The Federal Ministry of Education and Research is funding the project of the Chamber of Industry and Commerce.", "en"),
    # A chemical formula is written out or with a subscript: no name, and its 2 is no figure.
    ("Das Werk spart jährlich 5.000 Tonnen CO2 ein.", "The plant saves 5,000 tonnes of CO₂ a year.", "en"),
    ("Die CO2-Emissionen des Werks sanken um 12 Prozent.", "The plant's carbon emissions fell by 12 per cent.", "en"),
    ("Das Werk spart jährlich 5.000 Tonnen CO2 ein.", "该工厂每年减少5000吨二氧化碳排放。", "zh"),
    # A terse headline, rendered longer than a sentence would be.
    ("Neuer Standort für OPPO", "OPPO opens a new European site in its home market", "en"),
    # Inline markers (HTML, Word) moved with the words they belong to.
    ("Die Firma stellt <1>drei neue <2>Modelle</2></1> vor.<3/>", "The company presents <1>three new <2>models</2></1>.<3/>", "en"),
    ("Mehr auf <1>unserer Seite</1>.", "<1>我们的网站</1>上有更多信息。", "zh"),
]


@pytest.mark.parametrize("source, target, tgt", GOOD)
def test_good_translations_have_no_error(source: str, target: str, tgt: str) -> None:
    assert "error" not in found(source, target, tgt).values()


BAD = [
    ("numbers", "OPPO hat rund 20.000 Mitarbeiter.", "OPPO has around 2,000 employees.", "en"),
    ("numbers", "OPPO hat rund 20.000 Mitarbeiter.", "OPPO拥有约20万名员工。", "zh"),
    ("numbers-words", "Alle drei zählen dazu.", "All four count.", "en"),
    ("glossary", "VIVO gründet ein Zentrum.", "Vivo is founding a centre.", "en"),
    ("glossary", "VIVO gründet ein Zentrum.", "维沃建立了一个中心。", "zh"),
    ("terms", "Die Wirtschaftsförderungsgesellschaft hilft.", "The business promotion company helps.", "en"),
    ("names", "Das neue iPhone kam mit 5G.", "The new phone came with fast networks.", "en"),
    ("names", "Basketball-Legende LeBron James spendete.", "Basketball legend James donated.", "en"),
    ("names", "Der Airbus A380 landete in Düsseldorf.", "The Airbus A330 landed in Düsseldorf.", "en"),
    ("length", "Das BMBF fördert das Projekt.", "The Federal Ministry of Education and Research is funding the "
     "project, which was presented at a press conference in Berlin on Monday with great fanfare.", "en"),
    ("length", "Vorstandschef Hans-Joachim Watzke und Geschäftsführer Carsten Cramer stellten die Zahlen vor.",
     "瓦茨克 (Hans-Joachim Watzke) 和克拉默 (Carsten Cramer)。", "zh"),
    ("untranslated", "Die chinesischen Technologiekonzerne eröffnen Niederlassungen.",
     "Die chinesischen Technologiekonzerne eröffnen Niederlassungen.", "en"),
    ("untranslated", "Die chinesischen Technologiekonzerne eröffnen Niederlassungen.",
     "Die chinesischen Technologiekonzerne eröffnen Niederlassungen.", "zh"),
    ("language", "Die Konzerne eröffnen heute Niederlassungen in der Landeshauptstadt.",
     "Die Unternehmen haben heute ihre neuen Büros in der Stadt eröffnet und feiern das.", "en"),
    ("repetition", "Die Konzerne eröffnen Niederlassungen.",
     "The groups open the groups open the groups open the groups open branches.", "en"),
    ("repetition", "Die Konzerne eröffnen Niederlassungen.", "这些集团开设了分支机构分支机构分支机构分支机构。", "zh"),
    ("length", "Die chinesischen Technologiekonzerne eröffnen Niederlassungen in Düsseldorf.", "Yes.", "en"),
    ("end-punctuation", "Die Konzerne eröffnen Niederlassungen.", "这些集团开设分支机构", "zh"),
    ("end-punctuation", "Die Konzerne eröffnen Niederlassungen.", "The groups open branches。", "en"),
    ("brackets", "Die Konzerne (OPPO) eröffnen.", "The groups (OPPO open.", "en"),
    ("brackets", "Er sagte: „Ja.“", "He said: „Yes.“", "en"),
    ("markup", "Mehr unter [mi.com](https://www.mi.com).", "More at mi.com.", "en"),
    ("markup", "Das ist **wichtig**.", "That is important.", "en"),
    ("markers", "Das ist <1>wichtig</1>.", "That is important.", "en"),  # missing
    ("markers", "Das ist <1>wichtig</1>.", "That <2/>is <1>important</1>.", "en"),  # extra
    ("markers", "Das ist <1>sehr <2>wichtig</2></1>.", "That is <1>very <2>important</1></2>.", "en"),  # crossing
    ("markers", "Das ist <1>wichtig</1>.", "That is </1>important<1>.", "en"),  # closed before opened
]


@pytest.mark.parametrize("check_name, source, target, tgt", BAD)
def test_bad_translation_is_found(check_name: str, source: str, target: str, tgt: str) -> None:
    assert check_name in found(source, target, tgt)


def test_lost_markers_are_the_markers_checks_finding_alone() -> None:
    """The other checks read the words: a lost ``<12/>`` is no missing number 12."""
    entry = Entry(msgid="Seit <1>2018</1> gibt es <12/> Läden.", msgstr="There have been shops since 2018.")
    findings = {name for _, name, _ in check_entry(entry, "de", "en", SETTINGS)}
    assert findings == {"markers"}


def test_masking_flag_is_an_error() -> None:
    assert found("VIVO kommt.", "VIVO is coming.", flags=("mask-lost",))["masking"] == "error"


def test_every_check_is_documented_with_a_known_severity() -> None:
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    documented = dict(re.findall(r"^\| `([a-z-]+)` \| (error|warning) \|", readme, re.M))
    assert documented == {name: c.severity for name, c in CHECKS.items()}  # every check in the README table, as it is
    assert all(c.doc and c.severity in ("error", "warning") for c in CHECKS.values())


def test_the_config_knows_every_check_by_name() -> None:
    """l10n.toml is validated against l10n/checknames.py; the registry must match it exactly."""
    from l10n.checknames import NAMES

    assert sorted(CHECKS) == sorted(NAMES)
    with pytest.raises(ValueError, match="checknames"):
        check("no-such-check", "error")


def test_settings_disable_and_change_severity(tmp_path: Path) -> None:
    config = parse_config({"checks": {"disable": ["numbers"], "severity": {"length": "warning"}}}, tmp_path)
    settings = Settings.from_config(config)
    unit = Unit("Es sind 20.000 Mitarbeiter in Düsseldorf beschäftigt.", "No.", "de", "en", Entry("x", "No."))
    result = {name: severity for severity, name, _ in check_unit(unit, settings)}
    assert "numbers" not in result and result["length"] == "warning"


@pytest.mark.parametrize("section, message", [
    ({"disable": ["numbrs"]}, "unknown check 'numbrs'"),
    ({"severity": {"length": "fatal"}}, "must be one of"),
    ({"ignore": []}, "[checks] ignore: unknown key"),
])
def test_bad_settings_are_config_errors(tmp_path: Path, section: dict, message: str) -> None:
    with pytest.raises(ConfigError, match=message.replace("[", r"\[").replace("]", r"\]")):
        Settings.from_config(parse_config({"checks": section}, tmp_path))


def test_findings_carry_file_and_line() -> None:
    entries = (Entry("Das sind 20 Firmen.", "These are 30 firms.", line=12), Entry("Gut.", "Good.", fuzzy=True, line=15), Entry("Leer."))
    findings = check_catalog(Catalog({}, entries), "de", "en", path="locales/en/x.po", settings=SETTINGS)
    assert [(f.path, f.line, f.check, f.severity) for f in findings] == [
        ("locales/en/x.po", 12, "numbers", "error"), ("locales/en/x.po", 12, "numbers-extra", "error")]
    assert str(findings[0]).startswith("locales/en/x.po:12: error: [numbers] number 20")


def test_length_band_widens_for_short_sentences_but_still_catches_truncation() -> None:
    source = "Ende 2018 besaß OPPO über 5.000 Patente."
    assert "length" not in found(source, "At the end of 2018, OPPO held more than 5,000 patents.", "en")
    assert "length" in found(source, "OPPO: 5,000.", "en")
