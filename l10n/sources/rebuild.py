"""Writing a text document back with its sentences replaced: the writer of the text formats.

Translations are looked up by each segment's key (its sentence and repeat count), never by the
sentence alone across documents, so two identical sentences keep their own translations. What has
no usable translation falls back to the German sentence, so with no translations the result is the
source, byte for byte.
"""

from __future__ import annotations

import re
from typing import Callable

from ..languages import get_language
from ..model import Document, Segment

# A sentence's key (context, msgid) -> its translation.
Translations = dict[tuple[str | None, str], str]

# (segment, whether it is translated) -> the strings to put around it, or None.
Marker = Callable[[Segment, bool], "tuple[str, str] | None"]



# A Markdown image whose address leaves the release (a scheme such as https:, or //host).
_EXTERNAL_IMAGE = re.compile(r"!\[([^\]]*)\]\(\s*(<?(?:[A-Za-z][A-Za-z0-9+.-]*:|//)[^)]*)\)")


def external_images_as_links(text: str, source: str = "") -> str:
    """External images a translation adds (not in its ``source``) turned into plain links.

    A translator may add an image from the web; shipped as it is, every reader's viewer would
    fetch it (a tracking pixel). As a link it stays visible and is fetched only when followed.
    An image the source sentence itself has is the author's and stays.

    >>> external_images_as_links("Logo ![](https://x.example/a.png) und ![Foto](bild.png).")
    'Logo [https://x.example/a.png](https://x.example/a.png) und ![Foto](bild.png).'
    >>> external_images_as_links("![](https://x.example/a.png)", source="![](https://x.example/a.png)")
    '![](https://x.example/a.png)'
    """
    def link(match: re.Match) -> str:
        alt, target = match.group(1), match.group(2)
        if match.group(0) in source:
            return match.group(0)
        return f"[{alt or target.strip('<>').split()[0]}]({target})"

    return _EXTERNAL_IMAGE.sub(link, text)


def localize(
    doc: Document, lang: str, table: dict[tuple[str | None, str], str], mark: Marker | None = None
) -> tuple[str, int]:
    """Rebuild ``doc`` with each sentence replaced by its translation in ``table``.

    Returns the text and how many sentences were translated. In languages written without spaces
    between sentences (Chinese), the space between two translated sentences is dropped; line
    breaks are kept. ``mark(segment, translated)`` may name an opening and a closing string to put
    around the sentence; a run of sentences of one block with the same marks gets them once (a
    page labels the sentences left in the source language, or machine text, this way).
    """
    spaced = get_language(lang).sentence_space
    out: list[str] = []
    pos = 0
    previous_translated = False
    previous_block = -1
    count = 0
    run: tuple[str, str] | None = None  # the marks around the sentences since the last opening
    for seg in doc.segments:
        gap = doc.text[pos : seg.start]
        translated = table.get(seg.key)
        same_block = seg.block == previous_block
        marks = mark(seg, translated is not None) if mark else None
        if run and (marks != run or not same_block):
            out.append(run[1])
            run = None
        if not spaced and translated is not None and previous_translated and same_block and "\n" not in gap:
            gap = ""
        out.append(gap)
        if marks and run is None:
            out.append(marks[0])
            run = marks
        out.append(external_images_as_links(translated, seg.text) if translated is not None else seg.text)
        count += translated is not None
        previous_translated = translated is not None
        previous_block = seg.block
        pos = seg.end
    if run:
        out.append(run[1])
    out.append(doc.text[pos:])
    return "".join(out), count


def write_text(doc: Document, lang: str, table: Translations) -> tuple[bytes, int]:
    """The localized file of a text format (Markdown, plain text): its bytes, BOM kept, and how
    many sentences were translated."""
    text, count = localize(doc, lang, table)
    return ("\ufeff" if doc.bom else "").encode("utf-8") + text.encode("utf-8"), count
