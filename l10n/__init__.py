"""l10n: offline translation and localisation of German press releases into gettext catalogs."""

__version__ = "0.1.0"
