"""The one crossing between the GUI thread and the call-session core.

The sdk :class:`~webphone.sdk.Client` runs on its own asyncio loop in a worker thread
(:class:`CoreThread`): media timing must not wait for painting (measured here: a 20 ms
tick on the GUI's loop is late by up to 49 ms, on a worker loop by at most 5 ms).
:class:`Bridge` is a QObject living in the GUI thread:

- every sdk event becomes the :attr:`Bridge.sdkEvent` signal, emitted on the core thread
  and therefore delivered queued, in order, on the GUI thread;
- window logic, coroutines on the GUI thread's own qasync loop (:mod:`.gui_loop`),
  ``await bridge.run(action)``: ``action(client)`` runs on the core loop through
  ``asyncio.run_coroutine_threadsafe`` and the await returns its result or raises its
  error.

Nothing else touches the client from the GUI thread.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import inspect
import logging
import math
import sys
import threading
import time
from collections.abc import Awaitable, Callable, Coroutine, Mapping
from typing import TYPE_CHECKING, Any, TypeVar, overload

import numpy as np
from PySide6.QtCore import QObject, Signal

from ..sdk import Client
from ..sdk.checks.voice_check import VoiceCheck, VoiceCheckResult, load_phrase
from .account import AccountConfig, Session, SessionInfo, open_session
from .mic_test import MicrophoneTest, MicrophoneTests

if TYPE_CHECKING:
    from av import AudioFrame  # PyAV is loaded by the first call, not by the window

log = logging.getLogger(__name__)
_T = TypeVar("_T")

#: Levels the fallback meter reports, like the seed's ``volume``: -100..-30 dB → 0..1.
_FLOOR_DB, _CEIL_DB = -100.0, -30.0
_VOLUME_PERIOD = 1 / 60
GIL_SWITCH_INTERVAL = 0.001  # seconds


class CoreThread:
    """An asyncio loop running forever in a daemon thread."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._run, name="webphone-core", daemon=True)

    def start(self) -> None:
        # The GUI thread holds the GIL while pyqtgraph and layouts run Python code; the
        # core thread gets it back after at most this interval (default 5 ms).
        sys.setswitchinterval(GIL_SWITCH_INTERVAL)
        self._thread.start()

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)
        self.loop.run_forever()
        # Let what is still running finish its cancellation before the loop goes away.
        pending = asyncio.all_tasks(self.loop)
        for task in pending:
            task.cancel()
        self.loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
        self.loop.run_until_complete(self.loop.shutdown_asyncgens())
        self.loop.close()

    def submit(self, coro: Coroutine[Any, Any, Any]) -> concurrent.futures.Future[Any]:
        return asyncio.run_coroutine_threadsafe(coro, self.loop)

    def stop(self, timeout: float = 5.0) -> None:
        if self._thread.is_alive():
            self.loop.call_soon_threadsafe(self.loop.stop)
            self._thread.join(timeout)

    @property
    def running(self) -> bool:
        return self._thread.is_alive()


def level_of(frame: AudioFrame) -> float:
    """A frame's level on the seed's ``volume`` scale (0 at -100 dBFS, 1 at -30 dBFS)."""
    samples = frame.to_ndarray()
    if not samples.size:
        return 0.0
    rms = float(np.sqrt(np.mean(np.square(samples, dtype=np.float64)))) / 32768.0
    if rms <= 0:
        return 0.0
    db = 20 * math.log10(rms)
    return min(1.0, max(0.0, (db - _FLOOR_DB) / (_CEIL_DB - _FLOOR_DB)))


def chart_sample(values: Mapping[str, Any]) -> dict[str, float | None]:
    """The sdk's interval stats as the quality chart's sample: the worse direction's
    jitter and loss (loss as a percentage), RTT and MOS."""

    def worst(*keys: str) -> float | None:
        present = [float(values[k]) for k in keys if values.get(k) is not None]
        return max(present) if present else None

    loss = worst("loss_local", "loss_remote")
    return {
        "jitter": worst("jitter_local_ms", "jitter_remote_ms"),
        "rtt": worst("rtt_ms"),
        "loss": None if loss is None else loss * 100,
        "mos": worst("mos"),
    }


class CoreStopped(asyncio.CancelledError):
    """A command came after the core stopped (a late click or queued signal while the
    app shuts down): there is nothing left to talk to, so it ends like a cancelled
    task, which window logic does not handle."""


class Bridge(QObject):
    """Signals out of the core and commands into it (see the module docstring)."""

    #: (event name, [payload...]) for every sdk event, verbatim
    sdkEvent = Signal(str, list)
    #: a call-quality sample for the timelines: {'jitter', 'rtt', 'loss', 'mos'}
    qualitySample = Signal(dict)
    #: the microphone test's level (0..1, the ``volume`` scale), ~30 times a second
    micLevel = Signal(float)
    #: the voice-path check's progress: (its sdk Stage value, 0..1)
    voiceCheckProgress = Signal(str, float)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.core = CoreThread()
        self.core.start()
        self.session: Session | None = None  # touched on the core thread only
        self._sdk_volume = False  # the sdk emits ``volume`` itself: no fallback meter
        self._last_volume = 0.0
        self._mic_tests = MicrophoneTests()  # touched on the core thread only
        self._voice_check: VoiceCheck | None = None  # touched on the core thread only

    # -- sessions ----
    async def open_account(
        self,
        config: AccountConfig,
        secret: str | None,
        options: Mapping[str, object] | None = None,
        play: str | None = None,
    ) -> SessionInfo:
        """Close the current session (if any) and open one for *config* on the core;
        returns what the window shows of it (the login outcome follows as sdk events).
        Raises when it could not be started at all (bad settings, demo service failed)."""

        async def on_core() -> SessionInfo:
            await self._close_session()
            session = await open_session(config, secret, self._forward, options, play)
            client = session.client
            client.remote_audio_listeners.append(self._remote_level)
            quality = getattr(client, "quality", None)  # the sdk's stats sampler, if any
            if quality is not None:
                quality.sample_listeners.append(self._quality_sample)
            self.session = session
            return session.info

        return await self._on_core(on_core())

    async def _close_session(self) -> None:
        self._mic_tests.stop()
        self._cancel_voice_check()
        session, self.session = self.session, None
        if session is not None:
            await session.close()

    def _forward(self, event: str, *args: Any) -> None:
        if event == "volume":
            self._sdk_volume = True
        self.sdkEvent.emit(event, list(args))

    def _remote_level(self, frame: AudioFrame) -> None:
        """Fallback output meter until the sdk emits ``volume``; at most 60 reports/s."""
        if self._sdk_volume:
            return
        now = time.monotonic()
        if now - self._last_volume < _VOLUME_PERIOD:
            return
        self._last_volume = now
        self.sdkEvent.emit("volume", [{"inputVolume": None, "outputVolume": level_of(frame)}])

    def _quality_sample(self, _call_uuid: str, values: Mapping[str, Any]) -> None:
        self.qualitySample.emit(chart_sample(values))

    # -- commands ----
    @overload
    async def run(self, action: Callable[[Client], Awaitable[_T]]) -> _T: ...
    @overload
    async def run(self, action: Callable[[Client], _T]) -> _T: ...
    async def run(self, action: Callable[[Client], Any]) -> Any:
        """``action(client)`` on the core loop (awaited there if it returns an
        awaitable); returns its result or raises its error (``RuntimeError`` when no
        session is open, :class:`CoreStopped` once the core has stopped)."""

        async def on_core() -> Any:
            if self.session is None:
                raise RuntimeError("not logged in")
            result = action(self.session.client)
            if inspect.isawaitable(result):
                return await result
            return result

        return await self._on_core(on_core())

    async def _on_core(self, work: Coroutine[Any, Any, _T]) -> _T:
        if not self.core.running or self.core.loop.is_closed():
            work.close()
            log.info("command dropped: the core has stopped")
            raise CoreStopped()
        return await asyncio.wrap_future(self.core.submit(work))

    async def mic_test(self) -> bool:
        """Open the chosen microphone and report its level as :attr:`micLevel` until
        :meth:`stop_mic_test`. Returns False when a newer test took over (its end is the
        one to show); raises :class:`~.mic_test.MicrophoneTestError` when it cannot run."""
        tests = self._mic_tests

        def start(client: Client) -> Awaitable[bool]:
            return tests.start(lambda: MicrophoneTest(client.audio, self.micLevel.emit))

        return await self.run(start)

    async def stop_mic_test(self) -> None:
        await self.run(lambda _client: self._mic_tests.stop())

    async def voice_check(self, destination: str) -> VoiceCheckResult:
        """Run the sdk's voice-path check against *destination*; progress arrives as
        :attr:`voiceCheckProgress`. Raises when it could not run at all (no session, no
        phrase)."""

        async def run(client: Client) -> VoiceCheckResult:
            phrase = await asyncio.to_thread(load_phrase)
            check = VoiceCheck(
                client,
                destination,
                phrase,
                progress=lambda stage, done: self.voiceCheckProgress.emit(stage.value, done),
            )
            self._voice_check = check
            try:
                return await check.run()
            finally:
                if self._voice_check is check:
                    self._voice_check = None

        return await self.run(run)

    def cancel_voice_check(self) -> None:
        """Cancel the running check (it hangs up; its result says it was cancelled)."""
        if self.core.running and not self.core.loop.is_closed():
            self.core.loop.call_soon_threadsafe(self._cancel_voice_check)

    def _cancel_voice_check(self) -> None:
        if self._voice_check is not None:
            self._voice_check.cancel()

    # -- shutdown ----
    def end_calls(self, timeout: float = 5.0) -> None:
        """End every call cleanly and wait (bounded) until the BYEs / rejections are out."""

        async def run() -> None:
            if self.session is not None:
                await self.session.end_calls()

        self._wait(run(), timeout)

    def shutdown(self, timeout: float = 8.0) -> None:
        """Close the session (ending calls, logging out, stopping the demo) and the core."""
        if not self.core.running:
            return
        self._wait(self._close_session(), timeout)
        self.core.stop()

    def _wait(self, coro: Coroutine[Any, Any, Any], timeout: float) -> None:
        future = self.core.submit(coro)
        try:
            future.result(timeout)
        except concurrent.futures.TimeoutError:
            log.warning("core did not finish in %.0f s; going on", timeout)
            future.cancel()
        except Exception as exc:  # shutting down: report and keep going
            log.error("error while shutting the core down: %r", exc)
