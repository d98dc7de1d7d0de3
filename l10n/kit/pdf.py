"""A PDF of each press-kit page, printed by WeasyPrint.

Why WeasyPrint and not Chromium's print-to-PDF (both were tried on the seed's Chinese page):

- **CJK fonts embedded as fonts.** WeasyPrint embeds the Noto CJK faces as subset CID-keyed CFF
  fonts (``pdffonts``: ``CID Type 0C``); Chromium's PDF backend draws CFF-flavoured OpenType, which
  Noto CJK is, as about a hundred Type 3 glyph procedures, which viewers render without hinting.
- **Reproducible as it comes.** The same page gives the same bytes: no creation date, and the
  file identifier is a hash of the content. Chromium writes the clock and a random identifier,
  which would have to be rewritten for the kit's zip to stay byte-identical.
- **In the process.** No browser to start per page: ``bench/pdf_render.py`` measures both side by
  side (WeasyPrint took 0.20x Chromium's time a page on the loaded development machine).

The kit's stylesheet (``templates/kit.css``) has the print style both use: A4, page numbers,
no navigation. A page may load files of the kit (the logo) and ``data:`` URLs, nothing else: the
fetcher refuses every other address, so printing never touches the network nor reads outside the
kit. Links stay links (``mailto:``, the web); the pages' links between each other are hidden in
print.

WeasyPrint needs the Pango library (Debian: ``libpango-1.0-0 libpangoft2-1.0-0``). When it cannot
be loaded, :func:`find_renderer` says so in one line and the kit ships without PDFs.
"""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

PANGO_HINT = "apt-get install libpango-1.0-0 libpangoft2-1.0-0"


@dataclass(frozen=True)
class Unavailable:
    """Why no PDF can be printed, and what to install.

    >>> print(Unavailable("WeasyPrint is not installed", "pip install weasyprint").line)
    no PDF: WeasyPrint is not installed (pip install weasyprint)
    """

    reason: str
    hint: str

    @property
    def line(self) -> str:
        """The one line a release prints."""
        return f"no PDF: {self.reason} ({self.hint})"


@dataclass(frozen=True)
class PdfRenderer:
    """Prints kit pages to PDF; ``name`` is what the manifest records (``WeasyPrint 70.0``)."""

    name: str
    _weasyprint: Any = field(repr=False, compare=False)

    def render(self, html: str, kit: Path, rel: str) -> bytes:
        """The PDF of the page ``html`` that lies at ``rel`` (``en/release.html``) in the kit
        folder ``kit``. Its relative addresses resolve inside the kit, and only there."""
        weasyprint = self._weasyprint
        # A fixed base (file:///en/release.html), not the staging folder's path, so that nothing
        # of the build machine gets into the PDF; the fetcher maps it onto ``kit``.
        document = weasyprint.HTML(string=html, base_url=f"file:///{rel}", url_fetcher=_kit_fetcher(kit))
        return document.write_pdf(pdf_tags=True)


def find_renderer() -> PdfRenderer | Unavailable:
    """WeasyPrint, ready to print, or why it is not (never raises)."""
    try:
        import weasyprint
    except ImportError:
        return Unavailable("WeasyPrint is not installed", "pip install weasyprint, or make install")
    except OSError as exc:  # cffi could not load Pango (or one of its libraries)
        return Unavailable(f"WeasyPrint cannot load {_library(exc)}", PANGO_HINT)
    return PdfRenderer(f"WeasyPrint {weasyprint.__version__}", weasyprint)


def _library(exc: OSError) -> str:
    """The library an import failure names ("cannot load library 'libpango-1.0-0': ...").

    >>> _library(OSError("cannot load library 'libpango-1.0-0': libpango-1.0-0: cannot open shared object file"))
    'libpango-1.0-0'
    >>> _library(OSError("something else"))
    'the Pango library'
    """
    text = str(exc)
    if "'" in text:
        return text.split("'")[1]
    return "the Pango library"


def kit_file(kit: Path, url: str) -> Path | None:
    """The file of the kit folder ``kit`` that the ``file:`` address ``url`` names, or None when
    it names anything else (a path outside the kit, another scheme).

    >>> kit_file(Path("/k"), "file:///logo.svg")
    PosixPath('/k/logo.svg')
    >>> kit_file(Path("/k"), "file:///en/../../etc/passwd") is None
    True
    >>> kit_file(Path("/k"), "https://example.com/pixel.png") is None
    True
    """
    parts = urlsplit(url)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        return None
    root = kit.resolve()
    target = (root / unquote(parts.path).lstrip("/")).resolve()
    return target if target.is_relative_to(root) else None


def _kit_fetcher(kit: Path) -> Any:
    """A WeasyPrint URL fetcher that serves files of ``kit`` and ``data:`` URLs, nothing else."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class KitFetcher(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith("data:"):
                return super().fetch(url, headers)
            path = kit_file(kit, url)
            if path is None or not path.is_file():
                raise ValueError(f"{url} is not a file of the press kit")
            mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime})

    return KitFetcher(allowed_protocols={"file", "data"})


class KitPrinter:
    """The PDFs of one kit build: one renderer for every page, and the lines a release prints.

    A missing renderer is one line and no PDFs; a page the renderer fails on ships without its
    PDF, with one line naming it. Neither fails the release.
    """

    def __init__(self, enabled: bool = True) -> None:
        # Turned off ([release] pdf = false) is the team's choice: no line about it.
        self.found = find_renderer() if enabled else Unavailable("turned off", "[release] pdf = false in l10n.toml")
        self.notes: list[str] = [self.found.line] if enabled and isinstance(self.found, Unavailable) else []

    def pdf(self, html: str, kit: Path, rel: str) -> bytes | None:
        """The PDF of the page at ``rel`` in ``kit`` (see :meth:`PdfRenderer.render`), or None."""
        if not isinstance(self.found, PdfRenderer):
            return None
        try:
            return self.found.render(html, kit, rel)
        except Exception as exc:  # a third-party renderer's failure on one page must not stop the release
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
            self.notes.append(f"no PDF of {rel}: {self.found.name} failed ({type(exc).__name__}: {first})")
            return None

    def manifest(self) -> dict:
        """The manifest's ``pdf`` item: the renderer, or why there is none."""
        if isinstance(self.found, Unavailable):
            return {"renderer": None, "reason": f"{self.found.reason} ({self.found.hint})"}
        return {"renderer": self.found.name}


def pdf_of(files: tuple[str, ...] | list[str]) -> str | None:
    """The PDF among a language's files, or None.

    >>> pdf_of(("en/a.md", "en/a.html", "en/a.pdf")), pdf_of(("en/a.md",))
    ('en/a.pdf', None)
    """
    return next((f for f in files if f.endswith(".pdf")), None)
