"""The microphone test of the audio devices dialog (no Qt; runs on the core loop).

Outside a call the audio engine keeps the microphone closed; the test opens the chosen
microphone as the sdk hands it to applications (``reveal_audio_devices('returnStream')``,
a ``MicrophoneStream``, whose level meter is the ``volume`` event's scale) and reports its
level about 30 times a second. During a call the call's ``volume`` events already show
the microphone, so no second stream is opened.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from typing import Any, Protocol

log = logging.getLogger(__name__)
REPORT_PERIOD = 1 / 30  # seconds between level reports


class _Engine(Protocol):
    @property
    def in_call(self) -> bool: ...


class AudioDevices(Protocol):
    """What the test needs of the sdk's ``client.audio``."""

    enabled: bool

    @property
    def engine(self) -> _Engine: ...

    async def reveal_audio_devices(self, arg: str | None = None) -> Any: ...


class MicrophoneTestError(RuntimeError):
    """The test cannot run; the message says why, in words for the user."""


class MicrophoneTest:
    """One running test: :meth:`run` until :meth:`stop` (or the task is cancelled)."""

    def __init__(self, audio: AudioDevices, report: Callable[[float], None]) -> None:
        self._audio = audio
        self._report = report
        self._stop = asyncio.Event()
        self._finished = asyncio.Event()

    @property
    def stopping(self) -> bool:
        """Stop was asked (the microphone may still be closing)."""
        return self._stop.is_set()

    async def finished(self) -> None:
        """Wait until :meth:`run` has returned (its microphone is closed)."""
        await self._finished.wait()

    async def run(self) -> None:
        """Open the chosen microphone, report its level until stopped, close it.
        Raises :class:`MicrophoneTestError` when there is no microphone to open."""
        try:
            if not self._stop.is_set():  # stopped before it began: nothing to open
                await self._measure()
        finally:
            self._finished.set()

    async def _measure(self) -> None:
        audio = self._audio
        if not audio.enabled:
            raise MicrophoneTestError("no sound devices on this computer")
        if audio.engine.in_call:
            raise MicrophoneTestError("a call is using the microphone: its level is shown")
        try:
            stream = await audio.reveal_audio_devices("returnStream")
        except RuntimeError as exc:  # the browser's error name; the device's error caused it
            reason = exc.__cause__ or exc
            raise MicrophoneTestError(f"cannot open the microphone: {reason}") from exc
        log.info("microphone test on %s", stream.device_id)
        try:
            while not self._stop.is_set():
                self._report(stream.level)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._stop.wait(), REPORT_PERIOD)
        finally:
            await asyncio.to_thread(stream.stop)  # PortAudio blocks while it closes
            self._report(0.0)

    def stop(self) -> None:
        self._stop.set()


class MicrophoneTests:
    """Start and stop in the order the user asks, however fast: a start while the last
    test is still closing its microphone waits for it and then runs (it used to be
    dropped, so the button said "Stop test" over a test that never ran)."""

    def __init__(self) -> None:
        self._current: MicrophoneTest | None = None

    async def start(self, make: Callable[[], MicrophoneTest]) -> bool:
        """Run the test *make* returns until :meth:`stop`. Returns whether it was still
        the latest when it ended (the user's test is over): False when one was already
        running or a newer one took over, whose end is the one to show."""
        previous = self._current
        if previous is not None and not previous.stopping:
            return False
        test = self._current = make()
        try:
            if previous is not None:
                await previous.finished()  # one microphone stream at a time
            await test.run()
        except MicrophoneTestError:
            if self._current is test:
                raise
            # else the user had moved on to a newer test: its outcome is the one to show
        finally:
            latest = self._current is test
            if latest:
                self._current = None
        return latest

    def stop(self) -> None:
        """Stop the latest test (the one the user sees)."""
        if self._current is not None:
            self._current.stop()
