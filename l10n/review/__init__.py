"""``l10n review``: approve and fix translations in a browser, on the project's own files, offline.

A small Starlette app (:mod:`.app`) over the library: :mod:`.views` reads catalogs and runs the
checks, :mod:`.store` writes one entry at a time under the project lock, :mod:`.preview` renders
the press-kit page. Nothing here is imported by the other commands (the web stack loads only
for ``l10n review``).
"""
