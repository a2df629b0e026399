"""mediaMetrics warnings: a pure, table-driven evaluator over :class:`QualitySample` series.

One :class:`MediaMetrics` per call. The live sampler :meth:`~MediaMetrics.feed`\\ s it one
sample per interval; the call wiring reports ICE, microphone and mute events through the
other methods. Each warning is emitted as the contract's payload
``{group, level, type, value, active, desc, stream}``; ``value`` is a string, as the
contract shows it.

Windows and thresholds are the contract's (they win over the reference code's "2 of 3",
see SPEC.md §9.2):

- a sampled condition is raised (``active: True``) when at least ``raise_count`` of the
  last ``window`` known samples breach, and never again while it is active;
- it clears (``active: False``, once) after ``clear_count`` consecutive samples within
  the threshold: with 3-of-5 raising this needs three good samples in a row, so a
  condition that alternates good/bad stays raised instead of flapping every sample;
- a sample field that is ``None`` (not reported this interval) changes nothing.

Where the contract names no window (packet loss, silence) the same 3-of-5 rule applies.
``no_audio_received`` breaches at ``SILENCE_DBFS`` or below: the reference's "two
identical levels" rule is an artefact of browser meters and would flag a steady test
tone; our own meter reports -127 dBov for digital silence. While muted the local level
and bytes sent are not evaluated (silence is expected), and a raised local
``no_audio_received`` clears on mute. ``no_microphone_access`` follows the contract's
one-way-audio rule (fewer than 80 bytes sent in three seconds) and is also raised by
:meth:`MediaMetrics.microphone_lost`; it clears once audio flows again and, if it was
reported lost, the microphone is back.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from .sample import QualitySample

Payload = dict[str, Any]
SILENCE_DBFS = -80.0
"""A level at or below this is no audio: far under any open microphone's room noise."""
ONE_WAY_BYTES = 80
ONE_WAY_SECONDS = 3.0
ICE_TIMEOUT_MS = 2000
ICE_BAD_STATES = ("disconnected", "failed")
ICE_GOOD_STATES = ("connected", "completed")
BYTES_SENT_3S = "bytes_sent_3s"  # derived measure: bytes sent over the last 3 s


@dataclass(frozen=True)
class Rule:
    """One warning type (and stream): what it measures and when it is raised."""

    type: str
    group: Literal["network", "audio"]
    desc: str
    stream: str
    measure: str | None = None  # QualitySample field (or BYTES_SENT_3S); None: event-driven
    breach: Literal[">", "<", "<="] = ">"
    threshold: float = 0.0
    codec_thresholds: Mapping[str, float] = field(default_factory=dict)
    raise_count: int = 3
    window: int = 5
    clear_count: int = 3
    value: Literal["current", "mean"] = "current"  # current sample, or mean of breaches
    decimals: int = 2
    skip_when_muted: bool = False

    @property
    def key(self) -> tuple[str, str]:
        return self.type, self.stream

    def threshold_for(self, codec: str) -> float:
        return self.codec_thresholds.get(codec.lower(), self.threshold)

    def breaches(self, value: float, codec: str) -> bool:
        limit = self.threshold_for(codec)
        if self.breach == ">":
            return value > limit
        if self.breach == "<":
            return value < limit
        return value <= limit


_G711_LOSS = {"pcmu": 0.20, "pcma": 0.20}

SAMPLED_RULES: tuple[Rule, ...] = (
    Rule("high_jitter", "network", "jitterLocalMeasures", "local", "jitter_local_ms",
         threshold=30.0),
    Rule("high_jitter", "network", "jitterRemoteMeasures", "remote", "jitter_remote_ms",
         threshold=30.0),
    Rule("high_rtt", "network", "high latency", "None", "rtt_ms", threshold=400.0,
         value="mean"),
    Rule("high_packetloss", "network", "packetLossLocalMeasure", "local", "loss_local",
         threshold=0.10, codec_thresholds=_G711_LOSS, value="mean", decimals=3),
    Rule("high_packetloss", "network", "packetLossRemoteMeasure", "remote", "loss_remote",
         threshold=0.10, codec_thresholds=_G711_LOSS, value="mean", decimals=3),
    Rule("low_mos", "network", "mosRemoteMeasure", "None", "mos", "<", 3.0),
    Rule("no_audio_received", "audio", "local_audio", "local", "audio_level_local_db", "<=",
         SILENCE_DBFS, skip_when_muted=True),
    Rule("no_audio_received", "audio", "remote_audio", "remote", "audio_level_remote_db",
         "<=", SILENCE_DBFS),
    Rule("no_microphone_access", "audio", "lost access to microphone", "None", BYTES_SENT_3S,
         "<", ONE_WAY_BYTES, raise_count=1, window=1, clear_count=1, decimals=0,
         skip_when_muted=True),
)  # fmt: skip
EVENT_RULES: dict[str, Rule] = {
    rule.type: rule
    for rule in (
        Rule("ice_connection", "network", "network drop", "None"),
        Rule("ice_timeout", "network", "Possible NAT/Firewall issue", "None"),
        Rule("speaking_on_mute", "audio", "User is trying to speak on mute", "None"),
    )
}
RULES: tuple[Rule, ...] = (*SAMPLED_RULES, *EVENT_RULES.values())
"""Every warning type the evaluator can emit, one row per type and stream."""
_MICROPHONE = next(rule for rule in SAMPLED_RULES if rule.type == "no_microphone_access")
_LOCAL_SILENCE = next(rule for rule in SAMPLED_RULES if rule.key == ("no_audio_received", "local"))


def payload(rule: Rule, value: str, active: bool) -> Payload:
    """The contract's mediaMetrics payload for *rule*."""
    return {
        "group": rule.group,
        "level": "warning",
        "type": rule.type,
        "value": value,
        "active": active,
        "desc": rule.desc,
        "stream": rule.stream,
    }


class _Window:
    """The last samples of one rule: breach flags, their values, the good-sample run."""

    def __init__(self, size: int) -> None:
        self.breaches: deque[bool] = deque(maxlen=size)
        self.values: deque[float] = deque(maxlen=size)
        self.good_run = 0
        self.active = False

    def push(self, value: float, breached: bool) -> None:
        self.breaches.append(breached)
        self.values.append(value)
        self.good_run = 0 if breached else self.good_run + 1

    def reset(self) -> None:
        self.breaches.clear()
        self.values.clear()
        self.good_run = 0
        self.active = False


class _BytesSent:
    """Bytes sent over (at least) the last three seconds, from per-interval deltas."""

    def __init__(self) -> None:
        self._intervals: deque[tuple[float, int]] = deque()  # (seconds, bytes)
        self._last_t = 0.0

    def add(self, t: float, sent: int | None) -> float | None:
        seconds, self._last_t = t - self._last_t, t
        if sent is None or seconds <= 0:
            return None
        self._intervals.append((seconds, sent))
        # Keep just enough intervals to cover ONE_WAY_SECONDS.
        while (
            len(self._intervals) > 1
            and sum(s for s, _ in self._intervals) - self._intervals[0][0] >= ONE_WAY_SECONDS
        ):
            self._intervals.popleft()
        span = sum(s for s, _ in self._intervals)
        if span < ONE_WAY_SECONDS:
            return None
        # Scaled to three seconds, so a 5 s interval is judged at the contract's rate.
        return sum(b for _, b in self._intervals) * ONE_WAY_SECONDS / span


class MediaMetrics:
    """Turns quality samples and call events into mediaMetrics payloads via *emit*."""

    def __init__(self, emit: Callable[[Payload], None], codec: str = "opus") -> None:
        self._emit = emit
        self.codec = codec
        self._windows = {rule.key: _Window(rule.window) for rule in SAMPLED_RULES}
        self._bytes_sent = _BytesSent()
        self._muted = False
        self._mute_warned = False
        self._mic_lost = False
        self._ice_active = False
        self._ice_timeout_sent = False

    # -- sampled conditions ---------------------------------------------------------------

    def feed(self, sample: QualitySample) -> None:
        """Evaluate every sampled rule on one interval's sample."""
        if sample.codec:
            self.codec = sample.codec
        values: dict[str, Any] = sample.as_dict()
        values[BYTES_SENT_3S] = self._bytes_sent.add(sample.t, sample.bytes_sent)
        for rule in SAMPLED_RULES:
            value = values[rule.measure] if rule.measure else None
            if value is None or not math.isfinite(value):
                continue
            if rule.skip_when_muted and self._muted:
                continue
            self._evaluate(rule, float(value))

    def _evaluate(self, rule: Rule, value: float) -> None:
        window = self._windows[rule.key]
        window.push(value, rule.breaches(value, self.codec))
        if not window.active and sum(window.breaches) >= rule.raise_count:
            window.active = True
            self._emit(payload(rule, self._raised_value(rule, window), True))
        elif window.active and window.good_run >= rule.clear_count:
            self._clear(rule, window)

    def _raised_value(self, rule: Rule, window: _Window) -> str:
        if rule.value == "mean":
            breached = [v for v, b in zip(window.values, window.breaches, strict=True) if b]
            return f"{sum(breached) / len(breached):.{rule.decimals}f}"
        return f"{window.values[-1]:.{rule.decimals}f}"

    def _clear(self, rule: Rule, window: _Window) -> None:
        if rule is _MICROPHONE and self._mic_lost:
            return  # audio flows, but the microphone itself is still reported gone
        window.active = False
        value = f"{window.values[-1]:.{rule.decimals}f}" if window.values else "0"
        self._emit(payload(rule, value, False))

    # -- call events ------------------------------------------------------------------------

    def ice_connection(self, state: str) -> None:
        """ICE connection state changed: raise on disconnected/failed, clear on connected."""
        rule = EVENT_RULES["ice_connection"]
        if state in ICE_BAD_STATES and not self._ice_active:
            self._ice_active = True
            self._emit(payload(rule, state, True))
        elif state in ICE_GOOD_STATES and self._ice_active:
            self._ice_active = False
            # The contract's value is 'connected'; aiortc reports 'completed' instead.
            self._emit(payload(rule, "connected", False))

    def ice_timeout(self, ms: float) -> None:
        """ICE gathering took (or is still running after) *ms*; raised once, never cleared."""
        if ms >= ICE_TIMEOUT_MS and not self._ice_timeout_sent:
            self._ice_timeout_sent = True
            self._emit(payload(EVENT_RULES["ice_timeout"], str(round(ms)), True))

    def microphone_lost(self) -> None:
        """The capture device went away mid-call: raise ``no_microphone_access``."""
        self._mic_lost = True
        window = self._windows[_MICROPHONE.key]
        if not window.active:
            window.active = True
            self._emit(payload(_MICROPHONE, "0", True))

    def microphone_restored(self) -> None:
        """A capture device is back; the warning clears with the next sample that has audio."""
        self._mic_lost = False

    def muted(self) -> None:
        """The microphone was muted: silence and the speaking-on-mute VAD are expected."""
        self._muted = True
        window = self._windows[_LOCAL_SILENCE.key]
        if window.active:
            self._clear(_LOCAL_SILENCE, window)
        window.reset()

    def unmuted(self) -> None:
        """Unmuted: the local level counts again and speaking-on-mute is re-armed."""
        self._muted = False
        self._mute_warned = False

    def speaking_on_mute(self) -> None:
        """The VAD heard speech on the muted microphone: raised once per mute period."""
        if not self._mute_warned:
            self._mute_warned = True
            self._emit(payload(EVENT_RULES["speaking_on_mute"], "0", True))

    @property
    def active(self) -> list[tuple[str, str]]:
        """(type, stream) of every warning currently raised."""
        raised = [key for key, window in self._windows.items() if window.active]
        if self._ice_active:
            raised.append(EVENT_RULES["ice_connection"].key)
        return raised
