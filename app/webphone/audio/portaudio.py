"""PortAudio, initialised only while something uses it.

Importing ``sounddevice`` initialises PortAudio, which loads the host APIs' libraries
and plugins (ALSA, JACK) and keeps ~11 MB resident until it is terminated; the idle app
(between calls, or with no sound devices at all) has no use for it. So every user — a
device listing, an open stream — holds a reference for as long as it needs PortAudio,
and the last one to let go terminates it. ``sounddevice``'s ``_initialize()`` /
``_terminate()`` are its (underscored, documented-for-rescanning) reference-counted
wrappers of ``Pa_Initialize`` / ``Pa_Terminate``; initialising again re-scans the
devices and costs ~20 ms.
"""

from __future__ import annotations

import contextlib
import sys
import threading
from collections.abc import Iterator
from types import ModuleType

_lock = threading.Lock()
_sounddevice: ModuleType | None = None
_holds = 0  # acquire() calls not yet released


def acquire() -> ModuleType:
    """Initialise PortAudio (if nobody holds it) and return ``sounddevice``; raises what
    ``sounddevice`` raises when PortAudio is missing or fails to initialise. Every call
    is paired with one :func:`release`."""
    global _sounddevice, _holds
    with _lock:
        if _sounddevice is None:
            imported = "sounddevice" in sys.modules  # by someone else, who holds that
            import sounddevice  # a first import initialises PortAudio: this caller's hold

            _sounddevice = sounddevice
            if imported:
                sounddevice._initialize()
        else:
            _sounddevice._initialize()
        _holds += 1
        return _sounddevice


def release() -> None:
    """Drop one :func:`acquire`; PortAudio is terminated when nobody holds it."""
    global _holds
    with _lock:
        assert _sounddevice is not None, "release() without acquire()"
        _sounddevice._terminate()
        _holds -= 1


def idle() -> bool:
    """Nothing of ours holds PortAudio (no open stream): the next :func:`acquire`
    initialises it afresh, which re-scans the devices."""
    return _holds == 0


@contextlib.contextmanager
def held() -> Iterator[ModuleType]:
    """``sounddevice`` with PortAudio initialised for the ``with`` block."""
    sd = acquire()
    try:
        yield sd
    finally:
        release()
