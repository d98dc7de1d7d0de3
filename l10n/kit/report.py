"""The team's status report on a press kit: ``<out>/<kit name>-status.html``.

The public pages speak to journalists; this page speaks to the press office: per release and
language the status, the counts of approved, unreviewed and untranslated sentences, why a language
was left out, and which machine text went in. It lies beside the kit, not in it, so it never ships
in the zip and no public page links to it. The same facts, for programs, are in ``manifest.json``.
"""

from __future__ import annotations

from html import escape
from string import Template

from .render import read_template


def status_rows(document: str, date: str, languages: dict) -> str:
    """The report's table rows of one document (``languages`` as the manifest holds them)."""
    rows = []
    for lang, item in languages.items():
        machine = ", ".join(
            f"{m['entries']} {m['engine']} ({'reviewed' if m['reviewed'] else 'not reviewed'})" for m in item["machine_text"]
        )
        note = item.get("reason") or (f"machine text: {machine}" if machine else "")
        rows.append(
            f"<tr><td>{escape(document)}</td><td>{escape(date)}</td><td>{escape(lang)}</td>"
            f'<td class="status-{item["status"]}">{escape(item["status"])}</td>'
            f'<td class="n">{item["approved"]}</td><td class="n">{item["fuzzy"]}</td><td class="n">{item["untranslated"]}</td>'
            f'<td class="n">{item["approved_percent"]:.1f}</td><td>{escape(note)}</td></tr>\n'
        )
    return "".join(rows)


def status_frame(manifest: dict) -> tuple[str, str]:
    """The report before and after its table rows (rows are streamed in between)."""
    measure = "approved and unreviewed" if manifest["draft"] else "approved"
    summary = (
        f"Project {manifest['project']}, kit {manifest['kit']}, built {manifest['built']} ({manifest['built_from']}). "
        f"A language ships when its {measure} sentences reach {manifest['threshold']}%."
        + (" Draft kit: unreviewed machine text ships, with a banner on its pages." if manifest["draft"] else "")
    )
    marker = "\0rows\0"
    page = Template(read_template("status.html")).substitute(title=escape(f"Status of the press kit {manifest['kit']}"), css=read_template("kit.css"), summary=escape(summary), rows=marker)
    before, after = page.split(marker)
    return before, after
