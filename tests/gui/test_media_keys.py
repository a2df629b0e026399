"""Headset and keyboard media keys (MPRIS on a private D-Bus session bus): play/pause
answers the ringing call and then hangs it up, and the desktop is told the player is
"Playing" exactly while a call rings or is up."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator

import pytest
from gui_helpers import StartApp
from PySide6.QtDBus import QDBusConnection
from pytestqt.qtbot import QtBot

from webphone.ui.call_panel import PanelState
from webphone.ui.media_keys import (
    PATH,
    PLAYER,
    SERVICE,
    KeyAction,
    MediaKey,
    key_action,
    media_keys_for,
    playback_status,
)

pytestmark = pytest.mark.timeout(90)
CALL_TIMEOUT_MS = 15_000


@pytest.mark.parametrize(
    ("key", "ringing", "in_call", "action"),
    [
        (MediaKey.PLAY_PAUSE, True, False, KeyAction.ANSWER),
        (MediaKey.PLAY_PAUSE, True, True, KeyAction.ANSWER),  # a waiting call first
        (MediaKey.PLAY_PAUSE, False, True, KeyAction.HANG_UP),
        (MediaKey.PLAY_PAUSE, False, False, KeyAction.NOTHING),
        (MediaKey.PLAY, False, True, KeyAction.NOTHING),  # "start" never ends a call
        (MediaKey.STOP, True, False, KeyAction.REJECT),
        (MediaKey.PAUSE, True, True, KeyAction.HANG_UP),
    ],
)
def test_what_each_key_does(key: MediaKey, ringing: bool, in_call: bool, action: KeyAction) -> None:
    assert key_action(key, ringing, in_call) is action


def test_the_player_plays_while_a_call_rings_or_is_up() -> None:
    assert playback_status(ringing=True, in_call=False) == "Playing"
    assert playback_status(ringing=False, in_call=True) == "Playing"
    assert playback_status(ringing=False, in_call=False) == "Stopped"


@pytest.fixture
def session_bus() -> Iterator[tuple[str, QDBusConnection]]:
    """A private D-Bus session daemon: its address and our connection to it."""
    daemon = shutil.which("dbus-daemon")
    if daemon is None or shutil.which("gdbus") is None:
        pytest.fail("dbus-daemon and gdbus are needed (tests/rig/ensure_system.sh)")
    process = subprocess.Popen(
        [daemon, "--session", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    address = process.stdout.readline().strip()
    bus = QDBusConnection.connectToBus(address, f"media-keys-test-{os.getpid()}")
    assert bus.isConnected(), bus.lastError().message()
    yield address, bus
    QDBusConnection.disconnectFromBus(bus.name())
    process.terminate()
    process.wait(timeout=5)


def gdbus(qtbot: QtBot, address: str, method: str, *args: str) -> str:
    """Call *method* of our player as a desktop would; the app answers from its event
    loop, so wait for the reply without blocking it."""
    command = ["gdbus", "call", "--address", address, "-d", SERVICE, "-o", PATH, "-m", method]
    process = subprocess.Popen([*command, *args], stdout=subprocess.PIPE, text=True)
    qtbot.waitUntil(lambda: process.poll() is not None, timeout=10_000)
    assert process.returncode == 0, method
    assert process.stdout is not None
    return process.stdout.read().strip()


def status(qtbot: QtBot, address: str) -> str:
    reply = gdbus(qtbot, address, "org.freedesktop.DBus.Properties.Get", PLAYER, "PlaybackStatus")
    return reply.strip("(<'>,)")


def test_the_headset_button_answers_and_then_hangs_up(
    qtbot: QtBot, start_app: StartApp, session_bus: tuple[str, QDBusConnection]
) -> None:
    address, bus = session_bus
    app = start_app()
    window = app.window
    keys = media_keys_for(window, app.show_window, bus)
    assert keys.registered
    monitor = subprocess.Popen(
        ["gdbus", "monitor", "--address", address, "-d", SERVICE],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert monitor.stdout is not None
    assert monitor.stdout.readline().startswith("Monitoring"), "gdbus monitor listens"
    try:
        assert status(qtbot, address) == "Stopped"
        window.destination.setText("ring")  # the bot calls back
        window.place_call()
        qtbot.waitUntil(lambda: len(window.incoming.rows) == 1, timeout=CALL_TIMEOUT_MS)
        qtbot.waitUntil(lambda: keys.status == "Playing")
        assert status(qtbot, address) == "Playing"
        gdbus(qtbot, address, f"{PLAYER}.PlayPause")
        panel = window.call_panel
        qtbot.waitUntil(lambda: panel.state is PanelState.ANSWERED, timeout=CALL_TIMEOUT_MS)
        assert not window.incoming.rows
        gdbus(qtbot, address, f"{PLAYER}.PlayPause")
        qtbot.waitUntil(lambda: panel.state is PanelState.ENDED, timeout=CALL_TIMEOUT_MS)
        qtbot.waitUntil(lambda: keys.status == "Stopped")
        assert status(qtbot, address) == "Stopped"
    finally:
        keys.close()
        monitor.terminate()
    signals = monitor.communicate(timeout=5)[0]
    # As MPRIS says (sa{sv}as): GNOME's media keys ignore a player whose signal is not.
    for playback in ("Playing", "Stopped"):
        assert (
            f"PropertiesChanged ('{PLAYER}', {{'PlaybackStatus': <'{playback}'>}}, @as [])"
            in signals
        ), signals
