"""A second launch hands its arguments to the running Webphone (separate processes)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from webphone.ui.single_instance import InstanceServer

SECOND_LAUNCH = (
    "import sys; from webphone.ui.single_instance import forward; "
    "sys.exit(0 if forward(sys.argv[2:], sys.argv[1]) else 3)"
)


def _second_launch(name: str, *arguments: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-c", SECOND_LAUNCH, name, *arguments])


@pytest.fixture
def name() -> str:
    return f"webphone-test-{uuid.uuid4().hex[:8]}"


def test_the_running_instance_gets_the_second_launchs_link(qtbot: QtBot, name: str) -> None:
    server = InstanceServer(name)
    assert server.listen()
    try:
        with qtbot.waitSignal(server.received, timeout=5000) as got:
            started = time.monotonic()
            second = _second_launch(name, "sip:echo@demo.webphone.local")
            qtbot.waitUntil(lambda: second.poll() is not None, timeout=5000)
        assert got.args == [["sip:echo@demo.webphone.local"]]
        assert second.returncode == 0, "the second launch was told its link was taken"
        assert time.monotonic() - started < 2.0
        assert not InstanceServer(name).listen(), "a third one sees the first is running"
    finally:
        server.close()


def test_with_nobody_listening_the_launch_says_so(qtbot: QtBot, name: str) -> None:
    second = _second_launch(name, "tel:+14155550100")
    assert second.wait(10) == 3


@pytest.mark.skipif(os.name != "posix", reason="Unix sockets")
def test_a_crashed_instances_socket_is_taken_over(qtbot: QtBot, name: str) -> None:
    leftover = Path(tempfile.gettempdir()) / name
    stale = socket.socket(socket.AF_UNIX)
    stale.bind(str(leftover))
    stale.close()  # the file stays behind, as after a crash
    server = InstanceServer(name)
    try:
        assert server.listen()
        with qtbot.waitSignal(server.received, timeout=5000) as got:
            _second_launch(name, "callto:alice")
        assert got.args == [["callto:alice"]]
    finally:
        server.close()


def test_garbage_on_the_socket_is_dropped(qtbot: QtBot, name: str) -> None:
    server = InstanceServer(name)
    assert server.listen()
    received: list[list[str]] = []
    server.received.connect(received.append)
    try:
        garbage = subprocess.Popen(
            [
                sys.executable,
                "-c",
                "import socket, sys, tempfile, os; s = socket.socket(socket.AF_UNIX); "
                "s.connect(os.path.join(tempfile.gettempdir(), sys.argv[1])); "
                "s.sendall(b'{not json}\\n'); print(s.recv(10))",
                name,
            ]
        )
        qtbot.waitUntil(lambda: garbage.poll() is not None, timeout=5000)
        qtbot.wait(100)
        assert received == []
        with qtbot.waitSignal(server.received, timeout=5000):
            _second_launch(name, "sip:bob@example.org")
    finally:
        server.close()
