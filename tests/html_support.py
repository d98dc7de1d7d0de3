"""An HTML press release built from a string template, with the hard cases of issue 19."""

from __future__ import annotations

from pathlib import Path
from string import Template

RELEASE = Template("""<!DOCTYPE html>
<html lang="de">
<head>
  <meta charset="utf-8">
  <title>$title</title>
  <meta name="description" content="Drei Konzerne eröffnen Niederlassungen in Düsseldorf.">
  <style>p { color: #333; } /* Nicht übersetzen. */</style>
  <script>var hinweis = "<p>Dieser Satz bleibt.</p>"; if (a < b) { x = 1; }</script>
</head>
<body>
  <!-- Kommentar: bleibt unverändert. -->
  <header><h1>Neue <em>Standorte</em> in Düsseldorf</h1></header>
  <p>Die Konzerne eröffnen <b>drei neue <i>Niederlassungen</i></b> in der <a href="https://example.org/stadt">Stadt</a>. Mehr erfahren Sie
     auf <a href="https://example.org/de" title="Zur Website">unserer Seite</a>.<br>
     Der Befehl <code>l10n check</code> prüft alles.</p>
  <ul>
    <li>Erster Standort am Rhein</li>
    <li>Zweiter Standort im Medienhafen</li>
  </ul>
  <table>
    <tr><th>Konzern</th><th>Mitarbeiter</th></tr>
    <tr><td>Die Firma OPPO</td><td>20.000</td></tr>
  </table>
  <figure><img src="logo.png" alt="Das Logo der Stadt"><figcaption>Das Rathaus der Stadt.</figcaption></figure>
  <pre>Vorformatierter Text bleibt.</pre>
  <footer><p>Pressekontakt: Jonas Berger. Alle Rechte vorbehalten.</p></footer>
</body>
</html>
""")


def release(title: str = "Neue Standorte &amp; Pläne") -> str:
    """The release's HTML."""
    return RELEASE.substitute(title=title)


def html_project(empty_project: Path) -> Path:
    """``empty_project`` with the HTML release as its only source."""
    source = empty_project / "source"
    for path in source.iterdir():
        path.unlink()
    (source / "standorte.html").write_text(release(), encoding="utf-8")
    return empty_project
