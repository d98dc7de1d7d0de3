"""``python -m l10n``."""

from .cli import main

main()
