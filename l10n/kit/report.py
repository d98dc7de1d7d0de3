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
            f'<td class="n">{item["approved_percent"]:.1f}</td><td>{_pdf_link(item.get("pdf"))}</td><td>{escape(note)}</td></tr>\n'
        )
    return "".join(rows)


def _pdf_link(pdf: str | None) -> str:
    """A link to a language's PDF in the kit (the report's ``<base>`` is the kit folder).

    >>> _pdf_link("en/release.pdf"), _pdf_link(None)
    ('<a href="en/release.pdf" type="application/pdf">PDF</a>', '')
    """
    return f'<a href="{escape(pdf)}" type="application/pdf">PDF</a>' if pdf else ""


def status_frame(manifest: dict) -> tuple[str, str]:
    """The report before and after its table rows (rows are streamed in between)."""
    measure = "approved and unreviewed" if manifest["draft"] else "approved"
    summary = (
        f"Project {manifest['project']}, kit {manifest['kit']}, built {manifest['built']} ({manifest['built_from']}). "
        f"A language ships when its {measure} sentences reach {manifest['threshold']}%."
        + (" Draft kit: unreviewed machine text ships, with a banner on its pages." if manifest["draft"] else "")
    )
    marker = "\0rows\0"
    page = Template(read_template("status.html")).substitute(title=escape(f"Status of the press kit {manifest['kit']}"), base=escape(f"{manifest['kit']}/"),
                                                             css=read_template("kit.css"), summary=escape(summary + _pdf_summary(manifest["pdf"])), rows=marker)
    before, after = page.split(marker)
    return before, after


def _pdf_summary(pdf: dict) -> str:
    """What the report says about the kit's PDFs.

    >>> _pdf_summary({"renderer": "WeasyPrint 70.0"})
    ' PDFs printed by WeasyPrint 70.0.'
    >>> _pdf_summary({"renderer": None, "reason": "turned off ([release] pdf = false in l10n.toml)"})
    ' No PDFs: turned off ([release] pdf = false in l10n.toml).'
    """
    return f" PDFs printed by {pdf['renderer']}." if pdf["renderer"] else f" No PDFs: {pdf['reason']}."
