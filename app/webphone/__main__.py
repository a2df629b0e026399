"""``python -m webphone``: starts the desktop app (``webphone-cli`` is the headless client)."""

import sys

from .ui.app import main

sys.exit(main())
