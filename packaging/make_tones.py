"""Write the default call tones (ringtone, ringback, connect, DTMF feedback) into
resources/tones/ as 48 kHz mono WAV files, from their definitions in webphone.audio.tones.

Run after changing a tone's definition: python packaging/make_tones.py
(a unit test checks that the shipped files match the definitions).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "app"))

from webphone.audio.tones import write_default_tones

if __name__ == "__main__":
    for path in write_default_tones():
        print(path)
