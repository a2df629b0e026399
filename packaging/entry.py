"""The frozen app's entry point: the desktop app (``--version``, ``--self-test`` and call
links on its command line are handled there)."""

import sys

from webphone.ui.app import main

sys.exit(main())
