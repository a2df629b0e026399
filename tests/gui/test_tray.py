"""The tray under a real X tray (Xvfb + trayer): status, incoming-call notification, missed
calls, minimise to tray — with Qt's balloon (no notification daemon), and with
desktop-notifier's notification on a private session bus with dunst, whose Answer action
answers the call."""

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


BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir=/tmp</listen>
  <auth>EXTERNAL</auth>
  <!-- In containers GLib's EXTERNAL authentication fails across user namespaces. -->
  <auth>ANONYMOUS</auth>
  <allow_anonymous/>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""
# dunst offers a notification's actions through a dmenu-like program: choose "Answer".
PICK_ANSWER = "#!/bin/sh\ngrep -m1 '^#Answer'\n"
# Inside the private session: dunst, once it owns the notification name, then the app.
SESSION_SCRIPT = """dunst >"$WEBPHONE_DUNST_LOG" 2>&1 &
for i in $(seq 100); do
  dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.NameHasOwner string:org.freedesktop.Notifications 2>/dev/null \
    | grep -q true && break
  sleep 0.1
done
"$@"
"""


def _run_with_tray(tmp_path: Path, tone: Path, notification_daemon: bool) -> dict[str, object]:
    for tool in (
        "trayer",
        *(("dunst", "dunstctl", "dbus-run-session") if notification_daemon else ()),
    ):
        assert shutil.which(tool), f"{tool} is not installed (tests/rig/ensure_system.sh)"
    with xvfb() as display:
        env = {
            **os.environ,
            "DISPLAY": display,
            "QT_QPA_PLATFORM": "xcb",
            "WEBPHONE_CONFIG_DIR": str(tmp_path / "config"),
            "WEBPHONE_INSIGHTS_DB": str(tmp_path / "data" / "insights.sqlite3"),  # the call history
            "PYTHONPATH": os.pathsep.join([str(ROOT / "app"), str(ROOT)]),
        }
        env.pop("DBUS_SESSION_BUS_ADDRESS", None)
        command = [sys.executable, str(HERE / "tray_run.py"), str(tone)]
        if notification_daemon:
            (tmp_path / "bus.conf").write_text(BUS_CONFIG)
            pick = tmp_path / "pick-answer"
            pick.write_text(PICK_ANSWER)
            pick.chmod(0o755)
            (tmp_path / "xdg" / "dunst").mkdir(parents=True)
            (tmp_path / "xdg" / "dunst" / "dunstrc").write_text(f"[global]\n    dmenu = {pick}\n")
            env["XDG_CONFIG_HOME"] = str(tmp_path / "xdg")
            env["WEBPHONE_DUNST_LOG"] = str(tmp_path / "dunst.log")
            command = [
                "dbus-run-session",
                f"--config-file={tmp_path / 'bus.conf'}",
                "--",
                "sh",
                "-c",
                SESSION_SCRIPT,
                "session",
                *command,
            ]
        trayer = subprocess.Popen(
            [
                "trayer",
                "--edge",
                "top",
                "--align",
                "right",
                "--widthtype",
                "pixel",
                "--width",
                "120",
                "--height",
                "24",
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=100)
        finally:
            trayer.terminate()
            trayer.wait(5)
    assert result.returncode == 0, result.stdout + result.stderr
    report: dict[str, object] = json.loads(result.stdout.strip().splitlines()[-1])
    return report


def _check_tray_basics(report: dict[str, object]) -> None:
    assert "Registered as alice@demo.webphone.local" in str(report["tooltip_registered"])
    assert "Missed calls: 1" in str(report["tooltip_missed"])
    assert report["missed_after_show"] == 0


def test_tray_balloon_answer_and_missed_call(tmp_path: Path, tone: Path) -> None:
    report = _run_with_tray(tmp_path, tone, notification_daemon=False)
    assert report["notifier"] is False
    assert report["balloons"] == ["ring@demo.webphone.local"]
    assert report["window_visible_after_answer"] is True
    _check_tray_basics(report)


def test_desktop_notification_answer_action_answers(tmp_path: Path, tone: Path) -> None:
    report = _run_with_tray(tmp_path, tone, notification_daemon=True)
    assert report["notifier"] is True
    assert report["balloons"] == []
    assert report["notifications"] == 1
    assert report["window_visible_after_answer"] is True  # answering shows the window
    _check_tray_basics(report)
