"""Click to call with one phone per user: ``webphone <link>`` started while the app runs
hands the link to it and leaves; the running app dials it, or says why it can't."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
from gui_helpers import StartApp
from pytestqt.qtbot import QtBot

from webphone.ui.app import instance_name
from webphone.ui.call_panel import PanelState
from webphone.ui.icons import Status
from webphone.ui.single_instance import InstanceServer

pytestmark = pytest.mark.timeout(90)
CALL_TIMEOUT_MS = 15_000


def _second_launch(qtbot: QtBot, *arguments: str) -> tuple[int, float]:
    started = time.monotonic()
    process = subprocess.Popen([sys.executable, "-m", "webphone", *arguments], env=dict(os.environ))
    qtbot.waitUntil(lambda: process.poll() is not None, timeout=20_000)
    return process.returncode, time.monotonic() - started


@pytest.fixture
def running(qtbot: QtBot, start_app: StartApp):  # type: ignore[no-untyped-def]
    app = start_app()
    server = InstanceServer(instance_name())
    assert server.listen()
    server.received.connect(app.second_launch)  # as main() wires it
    yield app
    server.close()


def test_a_second_launch_hands_its_sip_link_to_the_running_app(
    qtbot: QtBot,
    running,  # type: ignore[no-untyped-def]
) -> None:
    window = running.window
    code, seconds = _second_launch(qtbot, "sip:echo@demo.webphone.local")
    assert code == 0
    print(f"second launch took {seconds:.2f} s")
    assert seconds < 2.0, f"the second launch took {seconds:.2f} s"
    qtbot.waitUntil(lambda: window.call_panel.state is PanelState.ANSWERED, timeout=CALL_TIMEOUT_MS)
    assert window.call_panel.party.text() == "sip:echo@demo.webphone.local"
    window.hang_up()
    qtbot.waitUntil(lambda: not window.call_panel.in_call, timeout=CALL_TIMEOUT_MS)


@pytest.mark.parametrize(
    ("link", "says"),
    [
        ("tel:+1415CALLME", "may hold only digits"),
        ("sip:bob", "has no host"),
        ("tel:+1" + "5" * 400, "characters long"),
    ],
)
def test_bad_links_get_a_clear_message_and_no_call(
    qtbot: QtBot,
    running,
    link: str,
    says: str,  # type: ignore[no-untyped-def]
) -> None:
    window = running.window
    code, _ = _second_launch(qtbot, link)
    assert code == 0, "the link was handed over; the running app judges it"
    qtbot.waitUntil(lambda: says in window.statusBar().currentMessage(), timeout=5000)
    assert window.statusBar().currentMessage().startswith("Cannot call ")
    qtbot.wait(500)
    assert not window.call_panel.in_call


def test_a_link_before_login_is_dialled_once_registered(qtbot: QtBot, start_app: StartApp) -> None:
    app = start_app()
    window = app.window
    # As if the link came while logging in: it waits for the registration.
    window.set_status(Status.CONNECTING, "Connecting…")
    assert app.links.dial("callto:echo")
    assert "once logged in" in window.statusBar().currentMessage()
    assert not window.call_panel.in_call
    window._on_event("onLogin", [])
    qtbot.waitUntil(lambda: window.call_panel.state is PanelState.ANSWERED, timeout=CALL_TIMEOUT_MS)
