"""Screenshots of the real app on an X server (Xvfb + xcb), light and dark, at 100 % and
200 % scaling: idle, in a call with the charts folded and unfolded, three ringing calls,
the address book, the network check, the settings; at light 100 % also the call history,
one past call, the audio devices and the dial field's suggestions. Saved in
tests/gui/screenshots/ (the light 100 % set) and its dark/, light@2x/, dark@2x/ folders
for people to look at."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtGui import QColor, QImage
from tests.rig.pulse import RATE, PulseServer
from xserver import xvfb

pytestmark = pytest.mark.timeout(150)
HERE = Path(__file__).parent
SHOTS = HERE / "screenshots"
ROOT = HERE.parents[1]
WINDOWS = ("idle", "in_call_compact", "in_call", "in_call_quality", "three_ringing")
DIALOGS = ("contacts", "network_check", "settings")
MORE_WINDOWS = ("dial_search", "ringing_contact")
MORE_DIALOGS = ("history", "call_details", "audio_devices", "contact_editor", "import_problems")


def _distinct_colours(image: QImage) -> int:
    step = 7
    return len(
        {
            image.pixel(x, y)
            for x in range(0, image.width(), step)
            for y in range(0, image.height(), step)
        }
    )


def _mean_lightness(image: QImage) -> float:
    step = 11
    values = [
        QColor(image.pixel(x, y)).lightness()
        for x in range(0, image.width(), step)
        for y in range(0, image.height(), step)
    ]
    return sum(values) / len(values)


@pytest.mark.parametrize(
    ("appearance", "scale", "folder"),
    [("light", 1, ""), ("dark", 1, "dark"), ("light", 2, "light@2x"), ("dark", 2, "dark@2x")],
)
def test_screenshots(
    tmp_path: Path, pulse: PulseServer, appearance: str, scale: int, folder: str
) -> None:
    # Sound devices for the app (the fixture put its server in os.environ). The default
    # microphone hears a tone that swells and fades (-66..-30 dBFS), as speech would move
    # the level curves; the echo bot returns it to the speaker.
    t = np.arange(RATE * 90) / RATE
    envelope = 0.0005 + 0.03 * np.abs(np.sin(2 * np.pi * 0.4 * t))
    pulse.play("mic_a", (np.sin(2 * np.pi * 300 * t) * envelope * 32767).astype(np.int16))
    full = folder == ""  # the light 100 % run takes every picture, the others the look
    out = SHOTS / folder if folder else SHOTS
    screen = "1280x900x24" if scale == 1 else "2560x1800x24"
    with xvfb(screen) as display:
        env = {
            **os.environ,
            "DISPLAY": display,
            "QT_QPA_PLATFORM": "xcb",
            "QT_SCALE_FACTOR": str(scale),
            "WEBPHONE_CONFIG_DIR": str(tmp_path / "config"),
            "WEBPHONE_INSIGHTS_DB": str(tmp_path / "data" / "insights.sqlite3"),  # the call history
            "PYTHONPATH": os.pathsep.join([str(ROOT / "app"), str(ROOT)]),
        }
        command = [sys.executable, str(HERE / "screenshot_run.py"), str(out)]
        command += ["--appearance", appearance] + ([] if full else ["--brief"])
        result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=140)
    assert result.returncode == 0, result.stdout + result.stderr
    windows, dialogs = WINDOWS + MORE_WINDOWS * full, DIALOGS + MORE_DIALOGS * full
    for name, (width, height) in [
        *((n, (700, 500)) for n in windows),
        *((n, (400, 200)) for n in dialogs),
    ]:
        image = QImage(str(out / f"{name}.png"))
        assert not image.isNull(), f"{name}.png missing"
        # Device pixels: twice the logical size at 200 %.
        assert image.width() >= width * scale and image.height() >= height * scale, name
        # A real window, not a blank or black capture.
        assert _distinct_colours(image) > 20, f"{name}.png looks empty"
        # Dark is dark, light is light (the charts too: they are much of the picture).
        lightness = _mean_lightness(image)
        assert (lightness < 110) if appearance == "dark" else (lightness > 150), (name, lightness)
