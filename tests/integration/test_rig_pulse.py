"""The PulseAudio rig itself: a server that dies under a test is reported, not hidden."""

from __future__ import annotations

import pytest
from tests.rig.pulse import pulse_server


def test_a_server_that_died_during_the_test_fails_it_with_its_log() -> None:
    died = pytest.raises(RuntimeError, match=r"pulseaudio died during the test \(exit -9\)")
    with died, pulse_server() as server:
        server.process.kill()
        server.process.wait()
    assert not server.runtime.exists()  # cleaned up all the same


def test_a_server_stopped_by_the_rig_is_not_reported() -> None:
    with pulse_server() as server:
        server.restart()
    assert not server.runtime.exists()
