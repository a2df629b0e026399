"""The one crossing between the GUI thread and the call-session core.

The sdk :class:`~webphone.sdk.Client` runs on its own asyncio loop in a worker thread
(:class:`CoreThread`): media timing must not wait for painting (measured here: a 20 ms
tick on the GUI's loop is late by up to 49 ms, on a worker loop by at most 5 ms).
:class:`Bridge` is a QObject living in the GUI thread:

- every sdk event becomes the :attr:`Bridge.sdkEvent` signal, emitted on the core thread
  and therefore delivered queued, in order, on the GUI thread;
- GUI commands (:meth:`Bridge.command`) run on the core loop through
  ``asyncio.run_coroutine_threadsafe``; their outcome comes back as
  :attr:`Bridge.commandDone` / :attr:`Bridge.commandFailed`.

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
from collections.abc import Callable, Coroutine, Mapping
from typing import TYPE_CHECKING, Any

import numpy as np
from PySide6.QtCore import QObject, Signal, Slot

from ..sdk import Client
from ..sdk.voice_check import VoiceCheck, VoiceCheckResult, load_phrase
from .account import AccountConfig, Session, SessionInfo, open_session
from .mic_test import MicrophoneTest, MicrophoneTests

if TYPE_CHECKING:
    from av import AudioFrame  # PyAV is loaded by the first call, not by the window

log = logging.getLogger(__name__)

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


class Bridge(QObject):
    """Signals out of the core and commands into it (see the module docstring)."""

    #: (event name, [payload...]) for every sdk event, verbatim
    sdkEvent = Signal(str, list)
    #: the session for an account is open (login outcome follows as sdk events)
    sessionOpened = Signal(object)  # SessionInfo
    #: the session could not be started at all (bad settings, demo service failed)
    sessionFailed = Signal(str)
    #: a call-quality sample for the timelines: {'jitter', 'rtt', 'loss', 'mos'}
    qualitySample = Signal(dict)
    #: (command name, result) / (command name, error text)
    commandDone = Signal(str, object)
    commandFailed = Signal(str, str)
    #: the microphone test's level (0..1, the ``volume`` scale), ~30 times a second
    micLevel = Signal(float)
    #: the voice-path check's progress: (its sdk Stage value, 0..1)
    voiceCheckProgress = Signal(str, float)
    _futureDone = Signal(str, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.core = CoreThread()
        self.core.start()
        self.session: Session | None = None  # touched on the core thread only
        self._sdk_volume = False  # the sdk emits ``volume`` itself: no fallback meter
        self._last_volume = 0.0
        self._mic_tests = MicrophoneTests()  # touched on the core thread only
        self._voice_check: VoiceCheck | None = None  # touched on the core thread only
        self._futureDone.connect(self._on_future_done)

    # -- sessions ----
    def open_account(
        self,
        config: AccountConfig,
        secret: str | None,
        options: Mapping[str, object] | None = None,
        play: str | None = None,
    ) -> None:
        """Close the current session (if any) and open one for *config* on the core."""

        async def run() -> SessionInfo:
            await self._close_session()
            session = await open_session(config, secret, self._forward, options, play)
            client = session.client
            client.remote_audio_listeners.append(self._remote_level)
            quality = getattr(client, "quality", None)  # the sdk's stats sampler, if any
            if quality is not None:
                quality.sample_listeners.append(self._quality_sample)
            self.session = session
            return session.info

        future = self.core.submit(run())
        future.add_done_callback(lambda f: self._futureDone.emit("@open", f))

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
    def command(self, name: str, action: Callable[[Client], Any]) -> None:
        """Run ``action(client)`` on the core loop (awaited if it returns an awaitable);
        the result arrives as ``commandDone(name, result)``."""

        if not self.core.running or self.core.loop.is_closed():
            # Shutting down: a late click or a queued signal has nothing left to talk to.
            log.info("%s ignored: the core has stopped", name)
            return

        async def run() -> Any:
            if self.session is None:
                raise RuntimeError("not logged in")
            result = action(self.session.client)
            if inspect.isawaitable(result):
                result = await result
            return result

        future = self.core.submit(run())
        future.add_done_callback(lambda f: self._futureDone.emit(name, f))

    def start_mic_test(self) -> None:
        """Open the chosen microphone and report its level as :attr:`micLevel` until
        :meth:`stop_mic_test`; the outcome arrives as ``commandDone/Failed('micTest')``
        (done with False when a newer test took over)."""

        async def run(client: Client) -> bool:
            tests = self._mic_tests
            return await tests.start(lambda: MicrophoneTest(client.audio, self.micLevel.emit))

        self.command("micTest", run)

    def stop_mic_test(self) -> None:
        self.command("micTestStop", lambda _client: self._mic_tests.stop())

    def start_voice_check(self, destination: str) -> None:
        """Run the sdk's voice-path check against *destination*; progress arrives as
        :attr:`voiceCheckProgress`, the :class:`~webphone.sdk.voice_check.VoiceCheckResult`
        as ``commandDone('voiceCheck')`` (``commandFailed`` when it could not run at all:
        no session, no phrase)."""

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

        self.command("voiceCheck", run)

    def cancel_voice_check(self) -> None:
        """Cancel the running check (it hangs up; its result says it was cancelled)."""
        if self.core.running and not self.core.loop.is_closed():
            self.core.loop.call_soon_threadsafe(self._cancel_voice_check)

    def _cancel_voice_check(self) -> None:
        if self._voice_check is not None:
            self._voice_check.cancel()

    @Slot(str, object)
    def _on_future_done(self, name: str, future: concurrent.futures.Future[Any]) -> None:
        error = future.exception()
        if name == "@open":
            if error is not None:
                log.error("cannot start the account: %s", error)
                self.sessionFailed.emit(str(error) or type(error).__name__)
            else:
                self.sessionOpened.emit(future.result())
            return
        if error is not None:
            log.error("%s failed: %r", name, error)
            self.commandFailed.emit(name, str(error) or type(error).__name__)
        else:
            self.commandDone.emit(name, future.result())

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
