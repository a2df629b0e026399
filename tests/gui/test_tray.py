"""The tray under a real X tray (Xvfb + trayer): status, incoming-call notification whose
click brings the window back to answer, missed-call count, minimise to tray."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from xserver import xvfb

pytestmark = pytest.mark.timeout(120)
HERE = Path(__file__).parent
ROOT = HERE.parents[1]


def test_tray_notification_answer_and_missed_call(tmp_path: Path, tone: Path) -> None:
    trayer_binary = shutil.which("trayer")
    assert trayer_binary, "trayer is not installed (tests/rig/ensure_system.sh installs it)"
    with xvfb() as display:
        env = {
            **os.environ,
            "DISPLAY": display,
            "QT_QPA_PLATFORM": "xcb",
            "WEBPHONE_CONFIG_DIR": str(tmp_path / "config"),
            "PYTHONPATH": os.pathsep.join([str(ROOT / "app"), str(ROOT)]),
        }
        env.pop("DBUS_SESSION_BUS_ADDRESS", None)  # no notification daemon: the Qt balloon
        trayer = subprocess.Popen(
            [trayer_binary, "--edge", "top", "--align", "right", "--widthtype", "pixel",
             "--width", "120", "--height", "24"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            result = subprocess.run(
                [sys.executable, str(HERE / "tray_run.py"), str(tone)],
                env=env,
                capture_output=True,
                text=True,
                timeout=100,
            )
        finally:
            trayer.terminate()
            trayer.wait(5)
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert "Registered as alice@demo.webphone.local" in report["tooltip_registered"]
    assert report["balloons"] == ["ring@demo.webphone.local"]
    assert "Missed calls: 1" in report["tooltip_missed"]
    assert report["missed_after_show"] == 0
