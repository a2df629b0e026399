"""PortAudio is held only while used: the idle app keeps none of its host-API libraries;
and quitting lets go of it without ever hanging on it."""

from __future__ import annotations

import os
import subprocess
import sys

import sounddevice as sd

from webphone.audio import portaudio


def test_portaudio_is_terminated_when_the_last_user_lets_go() -> None:
    while sd._initialized:  # whatever imported sounddevice first (its import initialises)
        sd._terminate()
    with portaudio.held() as outer:
        assert outer is sd
        with portaudio.held():
            pass
        # An inner user letting go leaves PortAudio usable for the outer one.
        outer.query_devices()
        assert sd._initialized == 1
    assert sd._initialized == 0
    try:
        sd.query_devices()
    except sd.PortAudioError as exc:
        assert "not initialized" in str(exc)
    else:
        raise AssertionError("PortAudio is still initialised with nobody holding it")
    # And it comes back for the next user.
    with portaudio.held():
        sd.query_devices()


STUCK_AT_EXIT = r"""
import time
import sounddevice
from webphone.audio import portaudio

portaudio.acquire()
# A stream stuck in PortAudio (its device died under it) makes terminating it wait for
# ever; sounddevice's exit handler is where that wait would happen.
sounddevice._exit_handler = lambda: time.sleep(3600)
print("quitting", flush=True)
"""


HELD_AT_EXIT = r"""
import sounddevice
from webphone.audio import portaudio

portaudio.acquire()
real = sounddevice._exit_handler


def exit_handler():
    real()
    print("terminated" if sounddevice._initialized == 0 else "still initialised", flush=True)


sounddevice._exit_handler = exit_handler
print("quitting", flush=True)
"""


def test_quitting_does_not_wait_for_ever_on_a_stuck_portaudio() -> None:
    child = subprocess.run(
        [sys.executable, "-c", STUCK_AT_EXIT],
        capture_output=True,
        text=True,
        timeout=30,  # the stuck terminate would sleep for an hour
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    assert child.returncode == 0, child.stderr
    assert child.stdout == "quitting\n"
    assert "did not let go of the sound devices" in child.stderr


def test_quitting_terminates_portaudio_when_it_lets_go() -> None:
    child = subprocess.run(
        [sys.executable, "-c", HELD_AT_EXIT],
        capture_output=True,
        text=True,
        timeout=30,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    assert child.returncode == 0, child.stderr
    assert child.stdout == "quitting\nterminated\n"
    assert "did not let go" not in child.stderr
