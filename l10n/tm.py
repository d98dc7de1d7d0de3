"""Translation memory: approved sentences reused across documents, TMX import and export.

The memory is built from every approved entry (translated, not fuzzy) of every catalog in the
project, every PO and TMX file under ``memory/`` (where ``l10n tm import`` puts what it imports),
and the files named in ``l10n.toml``::

    [memory]
    files = ["shared/other-team.tmx"]   # more PO or TMX files, inside the project
    exact_approved = false              # true: an exact match from these files enters approved

An exact match fills an empty entry, and replaces a machine suggestion nobody has touched (fuzzy,
``# mt:`` provenance whose hash still matches), with provenance ``# tm: <origin>``. A sentence the
project itself approved (in the same context) enters approved: its reviewers have already
signed off exactly this German sentence, and press releases repeat their boilerplate (company portraits, contact lines).
A match from an imported file enters fuzzy (unless ``exact_approved``): it was approved for
another project and may not fit this one's terms. Close matches are shown to the reviewer
(``# tm-close:``). TMX is written with the standard library's XML support.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterable

from .catalog import Catalog, Entry, read_catalog
from .fs import atomic_write
from .errors import CatalogError, ConfigError, cannot_read
from .merge import FuzzyIndex
from .project import Project
from .provenance import Provenance

MEMORY_DIR = "memory"  # read by default; `l10n tm import` writes memory/imported.tmx
CLOSE_PREFIX = "tm-close:"  # translator-comment line: a similar approved sentence, for the reviewer
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass(frozen=True)
class TranslationUnit:
    """One translated sentence: source text, target text, target language and where it came from."""

    source: str
    target: str
    lang: str
    origin: str
    context: str | None = None
    own: bool = False  # approved in one of the project's own catalogs


@dataclass
class Memory:
    """Approved translations by (language, context, source); the first one found wins."""

    source_language: str = "de"
    units: dict[tuple[str, str | None, str], TranslationUnit] = field(default_factory=dict)
    _indexes: dict[str, FuzzyIndex[TranslationUnit]] = field(default_factory=dict, repr=False)

    def add(self, unit: TranslationUnit) -> None:
        self._indexes.clear()  # rebuilt on the next close() with the new unit in it
        self.units.setdefault((unit.lang, unit.context, unit.source), unit)
        # A sentence approved under another context still helps: keep a context-free key too.
        self.units.setdefault((unit.lang, None, unit.source), unit)

    def lookup(self, lang: str, source_text: str, context: str | None = None) -> TranslationUnit | None:
        """The approved translation of ``source_text`` into ``lang``, if the memory has one."""
        return self.units.get((lang, context, source_text)) or self.units.get((lang, None, source_text))

    def close(self, lang: str, source_text: str) -> tuple[TranslationUnit, float] | None:
        """The most similar approved sentence (at least the merge's fuzzy threshold), if any."""
        if lang not in self._indexes:
            self._indexes[lang] = FuzzyIndex((u for u in self if u.lang == lang), text=lambda u: u.source)
        return self._indexes[lang].find(source_text)

    def __iter__(self):
        seen = set()
        for unit in self.units.values():
            if id(unit) not in seen:
                seen.add(id(unit))
                yield unit

    def __len__(self) -> int:
        return sum(1 for _ in self)


def units_from_catalog(catalog: Catalog, lang: str, origin: str, own: bool = False) -> Iterable[TranslationUnit]:
    """The approved entries of ``catalog`` as memory units."""
    for e in catalog.entries:
        if e.approved and not e.obsolete:
            yield TranslationUnit(e.msgid, e.msgstr, lang, origin, e.msgctxt, own)


def memory_settings(project: Project) -> tuple[list[Path], bool]:
    """The ``[memory]`` section: extra files (resolved) and the exact-match-approved switch."""
    table = project.config.section("memory")
    return [project.config.inside(Path(f), "[memory] files") for f in table["files"]], table["exact_approved"]


def memory_files(project: Project) -> list[Path]:
    """The memory files ``translate`` reads: PO and TMX files under ``memory/``, then ``[memory] files``."""
    folder = project.root / MEMORY_DIR
    found = sorted(p for p in folder.rglob("*") if p.suffix.lower() in (".po", ".tmx") and p.is_file()) if folder.is_dir() else []
    configured, _ = memory_settings(project)
    return list(dict.fromkeys([*found, *configured]))


def build_memory(project: Project, langs: Iterable[str]) -> Memory:
    """The memory of ``project``: approved entries of its catalogs, then its memory files."""
    memory = Memory(project.config.source_language)
    for lang in langs:
        folder = project.config.locales_path / lang
        for path in sorted(folder.rglob("*.po")) if folder.is_dir() else []:
            catalog = project.read(path, lang)
            if catalog is not None:
                for unit in units_from_catalog(catalog, lang, project.display(path), own=True):
                    memory.add(unit)
    for path in memory_files(project):
        for unit in read_units(path, project.display(path), source_language=memory.source_language):
            memory.add(unit)
    return memory


def replaceable(entry: Entry) -> bool:
    """An entry memory may fill: empty, or a machine suggestion nobody has reviewed or edited."""
    if entry.obsolete:
        return False
    return not entry.msgstr or (entry.fuzzy and entry.machine_text and not entry.previous_msgid)


def fill_from_memory(catalog: Catalog, lang: str, memory: Memory, *, approved: bool = False) -> tuple[Catalog, int]:
    """Fill :func:`replaceable` entries whose sentence the memory knows; return the catalog and the count.

    A match the project approved itself (in the same context) enters approved; one from a memory
    file, or approved in another context (a repeated sentence), enters fuzzy unless ``approved``
    (``[memory] exact_approved``).
    """
    entries, filled = list(catalog.entries), 0
    for i, e in enumerate(entries):
        if not replaceable(e):
            continue
        unit = memory.lookup(lang, e.msgid, e.msgctxt)
        if unit is None:
            near = memory.close(lang, e.msgid)
            if near is not None and CLOSE_PREFIX not in e.tcomment:
                hint = f"{CLOSE_PREFIX} {near[1]:.0%} {near[0].target} ({near[0].origin}: {near[0].source})"
                entries[i] = replace(e, tcomment="\n".join(filter(None, [e.tcomment, hint])))
            continue
        # Approved here in the same context: signed off already. Anything else is for review.
        fuzzy = not ((unit.own and unit.context == e.msgctxt) or approved)
        if e.msgstr == unit.target and e.fuzzy == fuzzy:
            continue
        entries[i] = replace(e, msgstr=unit.target, fuzzy=fuzzy).with_provenance(Provenance.memory(unit.origin, unit.target))
        filled += 1
    return replace(catalog, entries=tuple(entries)), filled


# --- files ---------------------------------------------------------------------------------------


def read_units(path: Path, display: str | None = None, *, source_language: str = "de") -> list[TranslationUnit]:
    """Units from a TMX file or a PO file (approved entries; language from its header)."""
    shown = display or str(path)
    if path.suffix.lower() == ".tmx":
        return read_tmx(path, source_language, shown)
    catalog = read_catalog(path, display=shown)
    lang = catalog.header.get("Language", "").replace("-", "_").split("_")[0].lower()
    if not lang:
        raise CatalogError("has no 'Language' header: cannot tell which language it holds", path=shown, hint="set 'Language: en' (or zh, ...)")
    return list(units_from_catalog(catalog, lang, shown))


def read_tmx(path: Path, source_language: str, display: str | None = None) -> list[TranslationUnit]:
    """Units of a TMX 1.4 file: every ``<tu>`` with a source-language and other-language variant."""
    shown = display or str(path)
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise CatalogError(f"broken TMX: {exc.msg}", path=shown, line=exc.position[0]) from None
    except OSError as exc:
        raise cannot_read(exc, shown, CatalogError) from None
    if root.tag != "tmx":
        raise CatalogError(f"not a TMX file (root element <{root.tag}>)", path=shown, line=1)
    units = []
    for tu in root.iter("tu"):
        variants = {}
        for tuv in tu.findall("tuv"):
            code = (tuv.get(_XML_LANG) or tuv.get("lang") or "").replace("-", "_").split("_")[0].lower()
            seg = tuv.find("seg")
            if code and seg is not None:
                variants[code] = _seg_text(seg)
        context = next((p.text for p in tu.findall("prop") if p.get("type") == "x-context"), None)
        source = variants.pop(source_language, None)
        if source is not None:
            units.extend(TranslationUnit(source, target, lang, shown, context) for lang, target in variants.items() if target)
    return units


def write_tmx(path: Path, units: Iterable[TranslationUnit], source_language: str) -> int:
    """Write ``units`` as TMX 1.4 (atomically); return how many ``<tu>`` were written."""
    tmx = ET.Element("tmx", version="1.4")
    ET.SubElement(
        tmx, "header", creationtool="l10n", creationtoolversion="1", segtype="sentence",
        adminlang="en", srclang=source_language, datatype="plaintext", **{"o-tmf": "PO"},
    )
    body = ET.SubElement(tmx, "body")
    segs: list[tuple[ET.Element, str]] = []
    count = 0
    for unit in sorted(units, key=lambda u: (u.lang, u.source, u.context or "")):
        tu = ET.SubElement(body, "tu")
        if unit.context:
            ET.SubElement(tu, "prop", type="x-context").text = _NOT_XML.sub("\ufffd", unit.context)
        for lang, text in ((source_language, unit.source), (unit.lang, unit.target)):
            segs.append((ET.SubElement(ET.SubElement(tu, "tuv", {_XML_LANG: lang}), "seg"), text))
        count += 1
    ET.indent(tmx)
    for seg, text in segs:  # after indenting, which would add whitespace around placeholders
        _fill_seg(seg, text)
    atomic_write(path, ET.tostring(tmx, encoding="utf-8", xml_declaration=True) + b"\n")
    return count


def memory_use(project: Project, dest: Path) -> str:
    """Why ``translate`` reads the memory file ``dest`` (a :class:`ConfigError` if it would not)."""
    if dest.resolve().is_relative_to((project.root / MEMORY_DIR).resolve()):
        return f"everything under {MEMORY_DIR}/ is read"
    configured, _ = memory_settings(project)
    if dest.resolve() in {p.resolve() for p in configured}:
        return "listed in [memory] files"
    raise ConfigError(
        f"--into {project.display(dest)}: l10n translate would not read it",
        path=project.root / "l10n.toml",
        hint=f"import into {MEMORY_DIR}/ (the default), or list the file in [memory] files",
    )


def import_units(project: Project, source: Path, dest: Path) -> int:
    """Add the units of ``source`` (TMX or PO) to the TMX memory file ``dest``; return the total."""
    units = {(u.lang, u.context, u.source): u for u in (read_tmx(dest, project.config.source_language) if dest.exists() else [])}
    for unit in read_units(source, source_language=project.config.source_language):
        units[(unit.lang, unit.context, unit.source)] = unit
    return write_tmx(dest, units.values(), project.config.source_language)


# Characters XML 1.0 cannot hold (and CR, which a parser turns into LF). TMX has no escape for
# them, so a segment carries each as an inline placeholder, <ph type="x-l10n-char">U+0007</ph>:
# other tools show a placeholder, and l10n reads the character back.
_NOT_XML = re.compile("[\x00-\x08\x0b-\x1f\ud800-\udfff\ufffe\uffff]")
_CHAR_PH = "x-l10n-char"


def _fill_seg(seg: ET.Element, text: str) -> None:
    """Put ``text`` into ``seg``, characters XML cannot hold as placeholders."""
    parts = _NOT_XML.split(text)
    seg.text = parts[0]
    for char, after in zip(_NOT_XML.findall(text), parts[1:]):
        ph = ET.SubElement(seg, "ph", type=_CHAR_PH)
        ph.text = f"U+{ord(char):04X}"
        ph.tail = after


def _seg_text(seg: ET.Element) -> str:
    """The text of a ``<seg>``: l10n's character placeholders decoded, other markup's text kept."""
    out = [seg.text or ""]
    for child in seg:
        if child.tag == "ph" and child.get("type") == _CHAR_PH and re.fullmatch(r"U\+[0-9A-F]{4,6}", child.text or ""):
            out.append(chr(int(child.text[2:], 16)))
        else:
            out.append("".join(child.itertext()))
        out.append(child.tail or "")
    return "".join(out)
