"""The PulseAudio rig itself: a server that dies under a test is reported, not hidden."""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path

import numpy as np
import pytest
from tests.rig.pulse import RATE, pulse_server


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


def test_the_server_moves_audio_without_shared_memory() -> None:
    """Its memfd transport aborted the daemon under CI (see tests/rig/pulse.py)."""
    with pulse_server() as server:
        server.play("mic_a", np.zeros(RATE // 2, dtype=np.int16))
        time.sleep(0.3)  # a client is streaming
        targets = []
        for fd in Path(f"/proc/{server.pid}/fd").iterdir():
            with contextlib.suppress(FileNotFoundError):  # closed meanwhile
                targets.append(os.readlink(fd))
    assert targets, "no open files read"
    assert [target for target in targets if "memfd" in target] == []
