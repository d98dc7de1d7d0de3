"""The sender of a press kit, from ``[kit]`` in l10n.toml: organisation, press contact, logo."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..config import Config

# What an SVG logo could fetch or run when opened on its own (an <img> does neither).
_SVG_FETCHES = re.compile(r"""<script|(?:href|src)\s*=\s*["']?\s*(?:https?:)?//|url\(\s*["']?\s*(?:https?:)?//|@import""", re.I)


@dataclass(frozen=True)
class Brand:
    """Who sends the releases (``[kit]`` in l10n.toml): shown on every public page."""

    organisation: str = ""
    contact: tuple[str, ...] = ()
    logo: str = ""  # the logo's path in the kit ("logo.svg"), or ""


def brand_of(config: Config) -> tuple[Brand, Path | None]:
    """The sender as ``[kit]`` in l10n.toml names it, and the logo file to copy into the kit."""
    if not config.logo:
        return Brand(config.organisation, config.contact), None
    logo = config.inside(Path(config.logo), "[kit] logo")
    if not logo.is_file():
        raise config.error("kit", "logo", f"{config.logo!r}: file not found", "name an image file inside the project")
    if logo.suffix.lower() == ".svg" and _SVG_FETCHES.search(logo.read_bytes().decode("utf-8", "replace")):
        raise config.error("kit", "logo", f"{config.logo!r} loads a script or something from the network",
                           "the kit opens offline: embed everything in the SVG")
    return Brand(config.organisation, config.contact, f"logo{logo.suffix.lower()}"), logo
