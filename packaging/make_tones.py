"""Write the default call tones (ringtone, ringback, connect, DTMF feedback) into
resources/tones/ as 48 kHz mono WAV files, from their definitions in webphone.audio.tones.

Run after changing a tone's definition: python packaging/make_tones.py
(a unit test checks that the shipped files match the definitions).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "app"))

from webphone.audio.tones import write_default_tones  # noqa: E402 - after the path set-up

if __name__ == "__main__":
    for path in write_default_tones(ROOT / "resources" / "tones"):
        print(path)
