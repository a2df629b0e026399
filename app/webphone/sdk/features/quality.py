"""Call quality for one :class:`~webphone.sdk.api.client.Client`: ``client.quality``.

The monitor listens to the client's own call events. For each answered call it polls
the peer connection's stats every second (:class:`~webphone.quality.sampler.StatsSampler`):

- each 1 s sample goes to ``sample_listeners`` (the GUI's charts) and, with remote
  tracking on, to the local insights database;
- each 5 s window sample (the reference's ``getStats`` interval, SPEC.md §9.1) goes to
  the call's :class:`~webphone.quality.metrics.MediaMetrics`, from the second window on
  (the reference ignores the first 5 s after answer); its warnings are emitted as
  ``mediaMetrics`` with local tracking on and stored with remote tracking on;
- ``remoteAudioStatus(False)`` when a second passes without a packet from the far end,
  ``remoteAudioStatus(True)`` when packets come again (only on change, and only once
  packets have flowed): beyond the reference, which only relays its server's INFO.

What "local" and "remote" tracking mean comes from
:func:`~webphone.sdk.core.options.quality_tracking`
(``enableQualityTracking`` / ``enableTracking``): local = ``mediaMetrics`` events, remote =
call-quality data in the insights database (our stand-in for the vendor's Call
Insights). Every call is recorded in the database either way (who, when, outcome): it
is the call history.

The audio engine reports through :meth:`QualityMonitor.microphone_lost`,
:meth:`QualityMonitor.muted_capture` and :attr:`QualityMonitor.local_level`.
"""

from __future__ import annotations

import asyncio
import math
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from ... import __version__
from ...quality.feedback import FeedbackError, post_feedback, validate_feedback
from ...quality.insights import InsightsError, InsightsStore, default_path
from ...quality.metrics import ICE_TIMEOUT_MS, MediaMetrics
from ...quality.sample import QualitySample
from ...quality.sampler import StatsSampler
from ...quality.vad import VoiceActivity
from ..core.call import CallSession
from ..core.diagnostics import install_log_ring, recent_logs
from ..core.log import get_logger
from ..core.options import quality_tracking

if TYPE_CHECKING:
    from aiortc import RTCPeerConnection  # aiortc: loaded at the first call

    from ...media.session import MediaSession
    from .feature_host import FeatureHost

log = get_logger(__name__)

SampleListener = Callable[[str, dict[str, Any]], None]
SILENCE_DB = -100.0  # the level of digital silence (the reference's analyser floor)


def level_db(rms: float) -> float:
    """An RMS level (full scale 1.0) in dBFS, with digital silence at -100 dB."""
    if rms <= 0 or not math.isfinite(rms):
        return SILENCE_DB
    return max(SILENCE_DB, 20 * math.log10(rms))


@dataclass(eq=False)
class _CallQuality:
    """What the monitor keeps about one call, from its first event to its end."""

    session: CallSession
    started_at: float  # wall time
    warn: Callable[[_CallQuality, dict[str, Any]], None]
    metrics: MediaMetrics = field(init=False)
    recorded: bool = False  # in the insights database yet (at answer, or at its end)
    pending: list[tuple[dict[str, Any], float]] = field(default_factory=list)  # warnings
    sampler: StatsSampler | None = None
    hooked: MediaSession | None = None  # the media whose ICE state we listen to
    frames_seen: int = 0  # remote frames decoded by the previous poll
    windows: int = 0
    codec: str | None = None
    sent_bytes: int = 0
    sent_seconds: float = 0.0
    receiving: bool | None = None  # our own packet-flow detection; None before any packet
    vad: VoiceActivity = field(default_factory=VoiceActivity)
    last_t: float = 0.0

    def __post_init__(self) -> None:
        self.metrics = MediaMetrics(lambda payload: self.warn(self, payload))

    def account(self, sample: QualitySample) -> None:
        """Keep what the call's record needs: codec and the average bitrate sent."""
        self.codec = sample.codec
        if sample.bytes_sent is not None:
            self.sent_bytes += sample.bytes_sent
            self.sent_seconds += sample.t - self.last_t
        self.last_t = sample.t

    def bitrate(self) -> int | None:
        """Bits per second sent over the sampled part of the call (RTP payload and
        headers as aiortc counts them)."""
        if self.sent_seconds <= 0:
            return None
        return round(self.sent_bytes * 8 / self.sent_seconds)


@dataclass(frozen=True)
class FeedbackOutcome:
    """What became of call-quality feedback: ``ok`` and a message for the user."""

    ok: bool
    message: str

    def __str__(self) -> str:
        return self.message


FEEDBACK_SAVED = "Feedback is saved"
FEEDBACK_SENT = "Feedback is sent"
FEEDBACK_SENT_WITH_LOGS = "Feedback is sent with console logs"
USERNAME_NOT_FOUND = "username not found"


class QualityMonitor:
    """Samples, warnings, remote audio status and insights for one client's calls."""

    def __init__(
        self,
        client: FeatureHost,
        *,
        insights_path: str | Path | None = None,
        feedback_url: str | None = None,
        feedback_tls: ssl.SSLContext | None = None,
        poll_interval: float = 1.0,
        window: int = 5,
    ) -> None:
        self._client = client
        self._insights_path = insights_path
        self.feedback_url = feedback_url
        self._feedback_tls = feedback_tls
        self.poll_interval = poll_interval
        self.window = window
        install_log_ring()  # what feedback with send_console_logs attaches
        #: called with (call UUID, sample dict) for every 1 s sample (the GUI's charts)
        self.sample_listeners: list[SampleListener] = []
        #: the audio engine's level of what we send, in dBFS (None: not measured)
        self.local_level: Callable[[], float | None] | None = None
        self._calls: dict[int, _CallQuality] = {}  # by id() of their CallSession
        self._store: InsightsStore | None = None
        self._store_failed = False
        for event, listener in (
            ("onCalling", self._on_calling),
            ("onIncomingCall", self._on_incoming),
            ("onCallAnswered", self._on_answered),
            ("onCallTerminated", self._on_terminated),
            ("onCallFailed", self._on_failed),
            ("onIncomingCallCanceled", self._on_ended),
            ("onIncomingCallIgnored", self._on_ended),
            ("onIncomingCallRefused", self._on_refused),
        ):
            client.on(event, listener)
        client.media.media_listeners.append(self._media_created)

    # -- tracking switches ----
    @property
    def events_enabled(self) -> bool:
        """``mediaMetrics`` events are emitted (local tracking)."""
        return quality_tracking(self._client.options)[0]

    @property
    def insights_enabled(self) -> bool:
        """Quality samples and warnings go to the insights database (remote tracking)."""
        return quality_tracking(self._client.options)[1]

    # -- the current call ----
    def _current(self) -> _CallQuality | None:
        session = self._client.calls.current
        if session is None:
            return None
        return self._calls.get(id(session))

    # -- call events ----
    def _begin(self, session: CallSession | None) -> None:
        # Calls that ended without an event (redirected with a 302, canceled while we
        # prepared the answer) are recorded as they stand when the next call begins.
        for earlier in [c for c in self._calls.values() if c.session.is_over]:
            self._finish(earlier, earlier.session.state.value, earlier.session.reason)
        if session is not None and id(session) not in self._calls:
            self._calls[id(session)] = _CallQuality(session, time.time(), self._warning)

    def _on_calling(self) -> None:
        self._begin(self._client.calls.current)

    def _on_incoming(self, _caller: str, _headers: Any, info: dict[str, Any], *_: Any) -> None:
        self._begin(self._client.calls.ringing.get(str(info["callUUID"])))

    def _on_refused(self, _caller: str, _headers: Any, info: dict[str, Any], *_: Any) -> None:
        """Do-not-disturb refused a call: it goes to the history as missed (rejected)."""
        session = self._client.calls.last_refused
        if session is not None and session.call_uuid == info["callUUID"]:
            self._begin(session)
            self._end(info, None)

    def _on_answered(self, info: dict[str, Any]) -> None:
        session = self._client.calls.current
        if session is None or session.call_uuid != info["callUUID"]:
            return
        self._begin(session)
        call = self._calls[id(session)]
        if session.muted:  # muted before the call was answered
            call.metrics.muted()
        self._record_start(call)
        sampler = StatsSampler(
            lambda: self._pc_of(call),
            lambda sample: self._sample(call, sample),
            levels=lambda: self._levels(call),
            on_window=lambda sample: self._window(call, sample),
            interval=self.poll_interval,
            window=self.window,
        )
        call.sampler = sampler
        sampler.start()

    def _on_terminated(self, _hangup: dict[str, Any], info: dict[str, Any]) -> None:
        self._end(info, None)

    def _on_failed(self, cause: str, info: dict[str, Any]) -> None:
        self._end(info, cause)

    def _on_ended(self, info: dict[str, Any]) -> None:
        self._end(info, None)

    def _end(self, info: dict[str, Any], cause: str | None) -> None:
        uuid = str(info["callUUID"])
        call = next((c for c in self._calls.values() if c.session.call_uuid == uuid), None)
        if call is not None:
            outcome = str(info.get("state") or call.session.state.value)
            self._finish(call, outcome, cause or str(info.get("reason") or ""))

    def _finish(self, call: _CallQuality, outcome: str, cause: str) -> None:
        """Record how the call ended: the CallInfo state is the outcome (ended,
        rejected, canceled, failed, ignored, redirected), the cause the failure cause or
        the hangup reason. A call never answered is recorded now."""
        self._calls.pop(id(call.session), None)
        if call.sampler is not None:
            call.sampler.stop()
        self._record_start(call)
        self._record_end(call, outcome, cause)

    def _media_created(self, media: MediaSession) -> None:
        """Time the ICE gathering of a call's new media (``ice_timeout`` past 2 s, or
        when the media cut gathering at its limit)."""
        session = self._client.calls.current
        call = self._calls.get(id(session)) if session is not None else None
        if call is None:
            return
        pc = media.pc
        began: list[float] = []

        def gathering() -> None:
            if pc.iceGatheringState == "gathering":
                began.append(time.monotonic())
            elif pc.iceGatheringState == "complete" and began:
                if media.gathering is not None and media.gathering.cut:
                    # Cut at the limit (SPEC 4.5): the seed reports exactly 2000.
                    call.metrics.ice_timeout(ICE_TIMEOUT_MS)
                else:
                    call.metrics.ice_timeout((time.monotonic() - began[0]) * 1000)

        pc.on("icegatheringstatechange", gathering)

    # -- sampling ----
    def _pc_of(self, call: _CallQuality) -> RTCPeerConnection | None:
        media = call.session.media
        if media is None:
            return None
        if media is not call.hooked:
            # A new peer connection (call recovery): follow its ICE state too.
            call.hooked = media
            media.on_ice_state = lambda state: self._ice_state(call, media, state)
        return media.pc

    @staticmethod
    def _ice_state(call: _CallQuality, media: MediaSession, state: str) -> None:
        if media is not call.session.media or call.session.is_over:
            return  # a replaced peer connection, or our own hangup, closing
        # aiortc closes the ICE transport when consent to send expires (the path is
        # gone) and has no "failed" for it: for a call still up that is a failure.
        call.metrics.ice_connection("failed" if state == "closed" else state)

    def _levels(self, call: _CallQuality) -> tuple[float | None, float | None]:
        local = self.local_level() if self.local_level is not None else None
        media = call.session.media
        if media is None or not media.meter.frames:
            return local, None
        frames, call.frames_seen = call.frames_seen, media.meter.frames
        if frames == media.meter.frames:
            return local, SILENCE_DB  # nothing decoded for a second: we hear silence
        # The level of the latest decoded frame, once a second: the reference also reads
        # its level meter once a second and averages those readings per 5 s sample.
        return local, level_db(media.meter.last_rms)

    def _sample(self, call: _CallQuality, sample: QualitySample) -> None:
        call.account(sample)
        values = sample.as_dict()
        uuid = call.session.call_uuid
        for listener in list(self.sample_listeners):
            try:
                listener(uuid, values)
            except Exception:
                log.exception("quality sample listener raised")
        if self.insights_enabled:
            self._record_sample(call, sample)
        self._packet_flow(call, sample)

    def _packet_flow(self, call: _CallQuality, sample: QualitySample) -> None:
        if sample.packets_received is None:
            return
        receiving = sample.packets_received > 0
        if call.receiving is None and not receiving:
            return  # media not flowing yet: nothing has stopped
        if receiving != call.receiving:
            if call.receiving is not None or not receiving:
                self._client.emit("remoteAudioStatus", receiving)
            call.receiving = receiving

    def _window(self, call: _CallQuality, sample: QualitySample) -> None:
        call.windows += 1
        if call.windows == 1:
            return  # the first 5 s after answer: setup, not quality
        call.metrics.feed(sample)

    def _warning(self, call: _CallQuality, payload: dict[str, Any]) -> None:
        log.info("call %s quality: %s", call.session.call_uuid, payload)
        if self.insights_enabled:
            self._record_warning(call, payload, time.time())
        if self.events_enabled:
            self._client.emit("mediaMetrics", dict(payload))

    # -- hooks for the audio engine and the mute buttons ----
    def microphone_lost(self) -> None:
        """The capture device went away mid-call: ``no_microphone_access``."""
        call = self._current()
        if call is not None:
            call.metrics.microphone_lost()

    def microphone_restored(self) -> None:
        """A capture device is back (the warning clears once audio is sent again)."""
        call = self._current()
        if call is not None:
            call.metrics.microphone_restored()

    def muted_capture(self, frame: npt.NDArray[np.int16]) -> None:
        """Microphone audio captured while muted (48 kHz mono int16, a multiple of
        10 ms): speech in it raises ``speaking_on_mute`` once per mute."""
        call = self._current()
        if call is None or not call.session.muted:
            return
        try:
            started = call.vad.feed(frame)
        except ValueError as exc:
            log.warning("muted_capture: %s", exc)
            return
        if started:
            call.metrics.speaking_on_mute()

    def mute_changed(self, muted: bool) -> None:
        """The user muted or unmuted (``client.mute()`` / ``unmute()``)."""
        call = self._current()
        if call is None:
            return
        if muted:
            call.vad.reset()
            call.metrics.muted()
        else:
            call.metrics.unmuted()

    # -- insights database ----
    @property
    def store(self) -> InsightsStore | None:
        """The insights database, opened on first use; None when it can't be opened."""
        if self._store is None and not self._store_failed:
            path = self._insights_path if self._insights_path is not None else default_path()
            try:
                self._store = InsightsStore(path)
            except InsightsError as exc:
                self._store_failed = True
                log.error("call insights are not recorded: %s", exc)
        return self._store

    def _write(self, what: str, write: Callable[[InsightsStore], object]) -> None:
        store = self.store
        if store is None:
            return
        try:
            write(store)
        except InsightsError as exc:
            log.warning("call insights: %s not recorded: %s", what, exc)

    def _record_start(self, call: _CallQuality) -> None:
        """Put the call in the database (once), with the warnings raised before."""
        if call.recorded:
            return
        call.recorded = True
        session = call.session
        self._write(
            "call",
            lambda store: store.start_call(
                session.call_uuid,
                session.direction.value,
                session.src,
                session.dest,
                call.started_at,
            ),
        )
        pending, call.pending = call.pending, []
        for payload, at in pending:
            self._record_warning(call, payload, at)

    def _record_end(self, call: _CallQuality, outcome: str, cause: str) -> None:
        self._write(
            "call end",
            lambda store: store.end_call(
                call.session.call_uuid, time.time(), outcome, cause, call.codec, call.bitrate()
            ),
        )

    def _record_sample(self, call: _CallQuality, sample: QualitySample) -> None:
        self._write("sample", lambda store: store.add_sample(call.session.call_uuid, sample))

    def _record_warning(self, call: _CallQuality, payload: dict[str, Any], at: float) -> None:
        if not call.recorded:
            call.pending.append((payload, at))  # e.g. ice_timeout while ringing
            return
        self._write("warning", lambda store: store.add_warning(call.session.call_uuid, payload, at))

    # -- feedback ----
    async def submit_feedback(
        self,
        call_uuid: object,
        star_rating: object,
        issues: object,
        note: object = "",
        send_console_logs: object = False,
    ) -> FeedbackOutcome:
        """Validate, store and (with ``feedback_url``) POST call-quality feedback.

        Never raises: bad input or a failed upload gives ``ok=False`` and the reason
        (the validation messages of SPEC.md §13); a failed upload still keeps the
        feedback in the local database.
        """
        if self._client.username is None:
            return self._refused(USERNAME_NOT_FOUND)
        try:
            feedback = validate_feedback(call_uuid, star_rating, issues, note, send_console_logs)
        except FeedbackError as exc:
            return self._refused(str(exc))
        store = self.store
        if store is None:
            return self._refused("the call insights database can't be opened")
        try:
            store.add_feedback(
                feedback["call_uuid"], feedback["star_rating"], feedback["issues"], feedback["note"]
            )
        except InsightsError as exc:
            return self._refused(str(exc))
        if self.feedback_url is None:
            return FeedbackOutcome(True, FEEDBACK_SAVED)
        payload: dict[str, Any] = {
            "callUUID": feedback["call_uuid"],
            "starRating": feedback["star_rating"],
            "issues": feedback["issues"],
            "note": feedback["note"],
            "username": self._client.username,
            "sdkVersion": __version__,
        }
        if feedback["send_console_logs"]:
            payload["consoleLogs"] = recent_logs()
        try:
            await asyncio.to_thread(
                post_feedback, self.feedback_url, payload, context=self._feedback_tls
            )
        except FeedbackError as exc:
            return self._refused(f"{exc} (the feedback is kept locally)")
        return FeedbackOutcome(
            True, FEEDBACK_SENT_WITH_LOGS if feedback["send_console_logs"] else FEEDBACK_SENT
        )

    @staticmethod
    def _refused(message: str) -> FeedbackOutcome:
        log.warning("call-quality feedback refused: %s", message)
        return FeedbackOutcome(False, message)

    def close(self) -> None:
        """Stop sampling and close the database (calls in progress stay unfinished in
        it, as after a crash)."""
        for call in list(self._calls.values()):
            if call.sampler is not None:
                call.sampler.stop()
        self._calls.clear()
        store, self._store = self._store, None
        if store is not None:
            store.close()
