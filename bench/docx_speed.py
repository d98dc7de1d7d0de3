"""Reading and releasing a Word file against the same text as Markdown, side by side.

Usage: python bench/docx_speed.py [--paragraphs N]

Builds one press release of N paragraphs (default 400; three sentences each, with a bold word and
a link) as .docx (python-docx) and as .md, then times, best of three, reading each (segmenting
included) and writing each with every sentence translated. Targets (issue 19): reading the .docx
takes at most 8x the time of reading the same Markdown (both cut the same sentences with the same
splitter; the Word reader also unzips, parses the XML and makes the markers), and writing it (every
paragraph rebuilt) at most 3x the time of reading it. Markdown's writer only joins strings, so the
writers are not compared. Exits 1 when a target is missed or the two readers do not find the same
number of sentences.
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from l10n.segment import get_splitter  # noqa: E402
from l10n.sources import format_named  # noqa: E402
from tests.docx_builder import LINK, add_link  # noqa: E402

READ_TARGET = 8.0  # .docx read / .md read
WRITE_TARGET = 3.0  # .docx write / .docx read


def build(paragraphs: int) -> tuple[bytes, bytes]:
    import docx

    document, markdown = docx.Document(), []
    for i in range(paragraphs):
        p = document.add_paragraph(f"Absatz {i}: Die Beispiel AG eröffnet ")
        p.add_run("heute").bold = True
        p.add_run(" eine neue Fabrik in Dormagen. Sie hat 200 Mitarbeiter, siehe ")
        add_link(p, LINK, "Website")
        p.add_run(". Der Umsatz steigt um 19,7 Prozent.")
        markdown.append(f"Absatz {i}: Die Beispiel AG eröffnet **heute** eine neue Fabrik in Dormagen. Sie hat 200 "
                        f"Mitarbeiter, siehe [Website]({LINK}). Der Umsatz steigt um 19,7 Prozent.\n")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue(), "\n".join(markdown).encode("utf-8")


def best(run, times: int = 3) -> float:
    found = []
    for _ in range(times):
        start = time.perf_counter()
        run()
        found.append(time.perf_counter() - start)
    return min(found)


def measure(name: str, data: bytes, suffix: str) -> tuple[float, float, int]:
    fmt = format_named(name)
    splitter = get_splitter("de")
    doc = fmt.read(data, f"source/x{suffix}", splitter, "x")
    table = {seg.key: seg.msgid.upper() for seg in doc.segments}
    read = best(lambda: fmt.read(data, f"source/x{suffix}", splitter, "x"))
    write = best(lambda: fmt.write(doc, "en", table))
    return read, write, len(doc.segments)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paragraphs", type=int, default=400)
    args = parser.parse_args()
    word, markdown = build(args.paragraphs)
    get_splitter("de").split("Warm. Up.")
    d_read, d_write, d_count = measure("docx", word, ".docx")
    m_read, m_write, m_count = measure("markdown", markdown, ".md")
    print(f"{args.paragraphs} paragraphs: .docx {d_count} sentences, .md {m_count} sentences")
    print(f"read:  .docx {d_read:.3f} s  .md {m_read:.3f} s  ratio {d_read / m_read:.2f}x (target <= {READ_TARGET}x)")
    print(f"write: .docx {d_write:.3f} s  .md {m_write:.3f} s  .docx write / .docx read {d_write / d_read:.2f}x (target <= {WRITE_TARGET}x)")
    missed = d_count != m_count or d_read / m_read > READ_TARGET or d_write / d_read > WRITE_TARGET
    print("MISSED" if missed else "ok")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
