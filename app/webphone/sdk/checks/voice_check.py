"""The voice-path check: one call to an echo service that says a built-in phrase as if it
were the microphone and measures what comes back.

The phrase goes through the capture chain a call of this client uses
(``CaptureProcessor.from_options(audioConstraints, noise reduction)``), with the chain's
echo reference fed what the "speaker" plays, exactly as in a call; what comes back is
taken as the speaker gets it, out of the call's playout queue
(:mod:`webphone.audio.voice_probe`). No sound device is opened: the figures are the
chain's and the network's, the same for every microphone. After hanging up,
:func:`webphone.quality.voice_path.measure` gives the round trip and the share of the
phrase's speech that came back intact; the call's MOS comes from the quality monitor's
samples when it gave one.

The check is refused while the client is not registered or has a call (it would take the
call's place); a failed call, a call that ends early, no audio and audio that is not the
phrase's echo each have their own :class:`Outcome`, which the application puts in words.
"""

from __future__ import annotations

import asyncio
import enum
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from ...quality.voice_path import VoicePathFigures, level_dbfs, measure
from ..core.call import CallState
from ..core.log import get_logger

if TYPE_CHECKING:
    from ...audio.capture_worker import CaptureChain
    from ...audio.voice_probe import PhraseTrack, ProbeSpeaker
    from ..api.client import Client
    from ..core.call import CallSession

log = get_logger(__name__)

SAMPLE_RATE = 48000
#: The shipped phrase: resources/speech/ (``webphone.resources`` kind ``speech``).
PHRASE_FILE = "voice-check.wav"
#: What came back is silence below this (dBFS): the echo service sent nothing.
SILENT_DBFS = -70.0
_TICK = SAMPLE_RATE // 50


class Outcome(enum.Enum):
    MEASURED = "measured"
    NOT_LOGGED_IN = "not-logged-in"
    CALL_IN_PROGRESS = "call-in-progress"
    CALL_FAILED = "call-failed"  # the echo destination refused or failed: see ``detail``
    NOT_ANSWERED = "not-answered"  # it rang (or not) past the answer timeout
    CALL_ENDED = "call-ended"  # answered, then hung up before the check was done
    NO_AUDIO = "no-audio"  # answered, but nothing came back
    NOT_ECHOED = "not-echoed"  # audio came back, but not the phrase's echo
    CANCELLED = "cancelled"


class Stage(enum.Enum):
    CALLING = "calling"  # until answered
    CONNECTING = "connecting"  # answered: waiting for the far end's audio
    SENDING = "sending"  # the phrase is being said
    LISTENING = "listening"  # the phrase is said; waiting for the rest of its echo
    MEASURING = "measuring"


#: (stage, overall progress 0..1), on the event loop
Progress = Callable[[Stage, float], None]


@dataclass(frozen=True)
class VoiceCheckTimings:
    """How long each step may take (seconds)."""

    answer: float = 30.0  # calling, until answered (a real echo service may ring a little)
    audio: float = 8.0  # answered, until the far end's audio arrives
    # Silence sent between the first audio back and the phrase: the jitter buffer and
    # the echo canceller have seen the far end by then, as in a call a moment old.
    lead_in: float = 0.5
    # After the phrase, the longest round trip waited for (its echo's last words).
    tail: float = 1.5
    poll: float = 0.05  # how often the steps' progress is looked at


@dataclass(frozen=True)
class VoiceCheckResult:
    """What one check found. ``figures`` is there when ``outcome`` is MEASURED."""

    outcome: Outcome
    destination: str
    figures: VoicePathFigures | None = None
    mos: float | None = None  # the call's latest MOS, when the quality samples had one
    detail: str = ""  # the call's failure cause (``onCallFailed``'s), when it failed

    @property
    def round_trip_ms(self) -> float | None:
        return self.figures.round_trip_ms if self.figures is not None else None

    @property
    def intact_percent(self) -> float | None:
        return self.figures.intact_percent if self.figures is not None else None


class _Stop(Exception):
    """A step cannot go on: the check ends with *outcome*."""

    def __init__(self, outcome: Outcome, detail: str = "") -> None:
        super().__init__(outcome.value)
        self.outcome = outcome
        self.detail = detail


def load_phrase() -> npt.NDArray[np.int16]:
    """The shipped phrase as 48 kHz mono int16 (blocking: file I/O)."""
    from ...media.wavfile import load_wav  # PyAV: loaded by a call anyway
    from ...resources import resource_file

    return load_wav(resource_file("speech", PHRASE_FILE))


def call_capture_chain(client: Client) -> CaptureChain:
    """The capture chain a call of *client* gets (its options and noise reduction)."""
    from ...audio.processing import CaptureProcessor

    return CaptureProcessor.from_options(
        client.options["audioConstraints"], client.audio.noise_reduction
    )


class VoiceCheck:
    """One check: :meth:`run` once; :meth:`cancel` from the same event loop at any time."""

    def __init__(
        self,
        client: Client,
        destination: str,
        phrase: npt.NDArray[np.int16],
        *,
        progress: Progress | None = None,
        chain: Callable[[Client], CaptureChain] = call_capture_chain,
        timings: VoiceCheckTimings | None = None,
    ) -> None:
        self._client = client
        self.destination = destination
        self._phrase = phrase
        self._progress = progress
        self._make_chain = chain
        self._timings = timings or VoiceCheckTimings()
        self._wake = asyncio.Event()
        self._cancelled = False
        self._session: CallSession | None = None
        self._mos: float | None = None

    def cancel(self) -> None:
        """Stop the check: it hangs up and ends with :attr:`Outcome.CANCELLED`."""
        self._cancelled = True
        self._wake.set()

    async def run(self) -> VoiceCheckResult:
        client = self._client
        if not client.is_registered():
            return self._result(Outcome.NOT_LOGGED_IN)
        if client.calls.current is not None or client.calls.ringing:
            return self._result(Outcome.CALL_IN_PROGRESS)
        if self._cancelled:
            return self._result(Outcome.CANCELLED)
        from ...audio.voice_probe import PhraseTrack, ProbeSpeaker  # aiortc: at a call only

        t = self._timings
        seconds = t.audio + t.lead_in + len(self._phrase) / SAMPLE_RATE + t.tail + 1.0
        capacity = int(seconds * SAMPLE_RATE) // _TICK * _TICK
        chain = self._make_chain(client)
        speaker = ProbeSpeaker(capacity, chain)
        track = PhraseTrack(self._phrase, chain, speaker)
        client.quality.sample_listeners.append(self._sample)
        previous = client.audio_source_factory

        def just_this_call() -> PhraseTrack:
            # Only the check's own call gets the phrase: the next one has the microphone.
            client.audio_source_factory = previous
            return track

        client.audio_source_factory = just_this_call
        try:
            return await self._call(track, speaker)
        except _Stop as stop:
            return self._result(stop.outcome, detail=stop.detail)
        finally:
            if client.audio_source_factory is just_this_call:
                client.audio_source_factory = previous
            client.quality.sample_listeners.remove(self._sample)
            await self._hang_up()
            track.stop()

    async def _call(self, track: PhraseTrack, speaker: ProbeSpeaker) -> VoiceCheckResult:
        client, t = self._client, self._timings
        self._report(Stage.CALLING, 0.0)
        if not await client.call(self.destination):
            raise _Stop(Outcome.CALL_FAILED)
        session = self._session = client.calls.current
        assert session is not None and session.media is not None
        session.state_listeners.append(lambda _state: self._wake.set())
        session.media.meter.listeners.append(speaker.hear)

        answered = await self._until(lambda: session.state is CallState.ANSWERED, t.answer)
        if not answered:
            raise _Stop(Outcome.NOT_ANSWERED)
        self._report(Stage.CONNECTING, 0.1)
        if not await self._until(lambda: speaker.frames_heard > 0, t.audio):
            raise _Stop(Outcome.NO_AUDIO)

        track.start_phrase(int(t.lead_in * SAMPLE_RATE))
        start, end = track.phrase_at, track.phrase_end
        assert start is not None and end is not None
        done = min(track.capacity, end + int(t.tail * SAMPLE_RATE))

        def stage() -> None:
            position = track.position
            if position < end:
                self._report(Stage.SENDING, 0.15 + 0.6 * max(0, position - start) / (end - start))
            else:
                self._report(Stage.LISTENING, 0.75 + 0.2 * (position - end) / (done - end))

        # Waiting here is as long as the phrase and its echo take, whatever the clock:
        # the track's own position says when the phrase has been said and heard back.
        budget = (done - track.position) / SAMPLE_RATE + t.audio
        if not await self._until(lambda: track.position >= done, budget, stage):
            raise _Stop(Outcome.NO_AUDIO)  # the call's audio stopped flowing
        await self._hang_up()
        self._report(Stage.MEASURING, 0.95)
        return await self._measure(track.sent[:done], speaker.recording[:done], start, end)

    async def _measure(
        self, sent: np.ndarray, returned: np.ndarray, start: int, end: int
    ) -> VoiceCheckResult:
        if level_dbfs(returned[start:]) < SILENT_DBFS:
            return self._result(Outcome.NO_AUDIO)
        # A few tens of milliseconds of FFTs: off the loop, where calls' audio runs.
        figures = await asyncio.to_thread(measure, sent, returned)
        if figures is None:
            return self._result(Outcome.NOT_ECHOED)
        self._report(Stage.MEASURING, 1.0)
        log.info(
            "voice check via %s: round trip %.0f ms, %.0f %% intact, gain %.1f dB, MOS %s",
            self.destination,
            figures.round_trip_ms,
            figures.intact_percent,
            figures.gain_db,
            self._mos,
        )
        return self._result(Outcome.MEASURED, figures=figures)

    async def _until(
        self, ready: Callable[[], bool], timeout: float, tick: Callable[[], None] | None = None
    ) -> bool:
        """Wait until *ready()* (False after *timeout* s); raises :class:`_Stop` when the
        check is cancelled or its call is over."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            self._check_going()
            if ready():
                return True
            remaining = deadline - loop.time()
            if remaining <= 0:
                return False
            if tick is not None:
                tick()
            self._wake.clear()
            try:
                async with asyncio.timeout(min(remaining, self._timings.poll)):
                    await self._wake.wait()
            except TimeoutError:
                pass

    def _check_going(self) -> None:
        if self._cancelled:
            raise _Stop(Outcome.CANCELLED)
        session = self._session
        if session is None or not session.is_over:
            return
        if session.state is CallState.ENDED:
            raise _Stop(Outcome.CALL_ENDED)
        raise _Stop(Outcome.CALL_FAILED, detail=session.reason)

    async def _hang_up(self) -> None:
        session = self._session
        if session is not None and self._client.calls.current is session:
            await self._client.hangup()

    def _sample(self, call_uuid: str, values: dict[str, Any]) -> None:
        session = self._session
        mos = values.get("mos")
        if session is not None and call_uuid == session.call_uuid and mos is not None:
            self._mos = float(mos)

    def _report(self, stage: Stage, fraction: float) -> None:
        if self._progress is not None:
            self._progress(stage, min(1.0, max(0.0, fraction)))

    def _result(
        self, outcome: Outcome, *, figures: VoicePathFigures | None = None, detail: str = ""
    ) -> VoiceCheckResult:
        return VoiceCheckResult(outcome, self.destination, figures, self._mos, detail)


__all__ = [
    "Outcome",
    "Progress",
    "Stage",
    "VoiceCheck",
    "VoiceCheckResult",
    "VoiceCheckTimings",
    "call_capture_chain",
    "load_phrase",
]
