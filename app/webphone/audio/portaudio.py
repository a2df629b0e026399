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

import atexit
import contextlib
import logging
import sys
import threading
from collections.abc import Iterator
from types import ModuleType

log = logging.getLogger(__name__)

#: How long quitting waits for PortAudio to let go of the devices. A stream stuck in
#: PortAudio (its device died under it) makes ``Pa_Terminate`` wait for ever; the
#: process then exits without it, and the system closes what is left.
EXIT_TIMEOUT_SECONDS = 2.0

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
            atexit.unregister(sounddevice._exit_handler)
            atexit.register(_ExitTerminator(sounddevice))
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


class _ExitTerminator:
    """``sounddevice``'s exit handler (closes its last stream, terminates PortAudio) on a
    thread, waited for at most :data:`EXIT_TIMEOUT_SECONDS`: quitting never hangs on it.

    The thread is started when the handler is installed, not at exit: Python 3.12 refuses
    to start threads once the interpreter is shutting down, where atexit handlers run."""

    def __init__(self, sd: ModuleType) -> None:
        self._sd = sd
        self._go = threading.Event()
        self._done = threading.Event()
        threading.Thread(target=self._run, name="portaudio-exit", daemon=True).start()

    def _run(self) -> None:
        self._go.wait()
        try:
            self._sd._exit_handler()
        except Exception as exc:  # exiting anyway: the system closes the devices
            log.info("terminating PortAudio failed: %s", exc)
        self._done.set()

    def __call__(self) -> None:
        self._go.set()
        if not self._done.wait(EXIT_TIMEOUT_SECONDS):
            log.warning("PortAudio did not let go of the sound devices; exiting without it")
