"""``python -m webphone``: starts Webphone (the headless client until the desktop app lands)."""

import sys

from .cli.main import main

sys.exit(main())
