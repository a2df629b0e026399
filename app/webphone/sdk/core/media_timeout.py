"""A call whose far end has vanished: end it once nothing has been received for a while.

A peer that crashed, lost its network or failed ICE sends no BYE; without this the call
would sit there silent until the user noticed. While a call is answered,
:class:`MediaTimeoutWatch` looks once a second at how many audio frames the far end's
media has delivered and asks :func:`decide` whether the call is dead; the call manager
then ends it with a BYE and ``onCallTerminated`` (reason :func:`reason`).

The seed's ``disableRtpTimeOut`` option turns this off. (The reference SDK accepts the
option but has no RTP timeout at all: ending such calls is Webphone's own extension.)
"""

from __future__ import annotations

import asyncio
import enum
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from .log import get_logger

log = get_logger(__name__)

#: Seconds without a single frame from the far end before the call is ended. Long
#: enough for a reconnect and its recovery re-INVITE (the keepalive notices a dead link
#: within 25 s with the default timers) and for any DTX or comfort-noise gap.
MEDIA_TIMEOUT = 30.0
#: How often (s) the frame count is looked at.
POLL_INTERVAL = 1.0


class Verdict(enum.Enum):
    """What one look at an answered call's received media says."""

    #: Frames are arriving, or the silence is still shorter than the limit.
    KEEP = "keep"
    #: The far end is not meant to send now: it holds the call (see :func:`on_hold`),
    #: or the media is being set up afresh (a re-INVITE, a reconnect): silence means
    #: nothing then.
    NOT_EXPECTED = "no media expected"
    #: The application turned the timeout off (``disableRtpTimeOut``).
    DISABLED = "disabled"
    #: Nothing received for the whole limit while media was expected: end the call.
    TIMED_OUT = "media timeout"


@dataclass(frozen=True)
class MediaLook:
    """One look at an answered call's media."""

    #: Seconds of silence counted so far (only while media was expected; see
    #: :class:`MediaTimeoutWatch` for what resets and pauses it).
    silent_for: float
    #: Whether the far end should be sending: its last SDP does not hold the call and
    #: no re-negotiation or reconnect is under way.
    expected: bool
    #: ``disableRtpTimeOut`` is set.
    disabled: bool


def decide(look: MediaLook, limit: float) -> Verdict:
    """Whether the call must end for lack of media.

    * ``disableRtpTimeOut``: :attr:`Verdict.DISABLED`, always (checked first so the
      option also covers a call on hold).
    * The far end is not expected to send (on hold: its SDP is ``sendonly``,
      ``recvonly`` or ``inactive``; or a re-INVITE or reconnect is setting the media
      up again): :attr:`Verdict.NOT_EXPECTED`. Silence is normal then; the watch does not count it.
    * Silent for *limit* seconds or more: :attr:`Verdict.TIMED_OUT`. One frame in that
      time would have restarted the count, so the far end (or the path to it) is gone.
    * Otherwise :attr:`Verdict.KEEP`.
    """
    if look.disabled:
        return Verdict.DISABLED
    if not look.expected:
        return Verdict.NOT_EXPECTED
    if look.silent_for >= limit:
        return Verdict.TIMED_OUT
    return Verdict.KEEP


def reason(limit: float) -> str:
    """The onCallTerminated reason of a call ended by the timeout."""
    return f"Media timeout: nothing received for {limit:g} s"


def on_hold(sdp: str | None) -> bool:
    """Whether the far end's SDP holds the call: its audio direction (in the audio
    section or, failing that, the session part) is anything but ``sendrecv``. A phone
    that holds offers ``sendonly`` (RFC 3264 §8.4) and often sends nothing at all when it
    has no music on hold; ``recvonly`` and ``inactive`` send nothing by definition. No SDP
    (not negotiated yet) is no hold."""
    if not sdp:
        return False
    session: str | None = None
    audio: str | None = None
    in_audio = False
    seen_media = False
    for raw in sdp.splitlines():
        line = raw.strip()
        if line.startswith("m="):
            seen_media = True
            in_audio = line.startswith("m=audio")
            continue
        if line in ("a=sendrecv", "a=sendonly", "a=recvonly", "a=inactive"):
            if not seen_media:
                session = line[2:]
            elif in_audio and audio is None:
                audio = line[2:]
    return (audio or session or "sendrecv") != "sendrecv"


class CountedMedia(Protocol):
    """What the watch reads of a call's peer connection."""

    @property
    def frames_received(self) -> int: ...


class TimedCall(Protocol):
    """What the watch needs of the call manager for one answered call."""

    def media(self) -> CountedMedia | None:
        """The call's current media; None once the call is over (the watch ends)."""

    def media_expected(self) -> bool:
        """Whether the far end should be sending now (see :attr:`MediaLook.expected`)."""

    def timeout_disabled(self) -> bool:
        """Whether ``disableRtpTimeOut`` is set (read at each look: it may change)."""

    def timed_out(self, reason: str) -> None:
        """End the call: BYE, onCallTerminated with *reason*."""


class MediaTimeoutWatch:
    """Counts one answered call's silence and ends the call when :func:`decide` says so.

    The count restarts whenever a frame arrives or the call gets a new peer connection,
    and stays at zero while no media is expected (hold, re-negotiation, reconnect) or
    the option turns the timeout off. Only
    time the watch itself saw pass counts: a gap between two looks longer than two
    intervals (the process was stopped, the laptop slept) adds one interval, not the
    gap, so a call does not end the moment the machine wakes up; the wake-up recovery
    gets its chance first.
    """

    def __init__(
        self,
        call: TimedCall,
        *,
        limit: Callable[[], float] = lambda: MEDIA_TIMEOUT,
        interval: float = POLL_INTERVAL,
        label: str = "",
    ) -> None:
        self._call = call
        self._limit = limit
        self._interval = interval
        self._label = label

    async def run(self) -> None:
        loop = asyncio.get_running_loop()
        heard: tuple[int, int] | None = None  # (id of the media, frames) last seen
        silent_for = 0.0
        last = loop.time()
        while True:
            await asyncio.sleep(self._interval)
            media = self._call.media()
            if media is None:
                return
            now = loop.time()
            elapsed = min(now - last, 2 * self._interval)
            last = now
            seen = (id(media), media.frames_received)
            look = MediaLook(silent_for, self._call.media_expected(), self._call.timeout_disabled())
            if seen != heard or decide(look, math.inf) is not Verdict.KEEP:
                # Heard something, or silence that does not count: start again from zero.
                heard, silent_for = seen, 0.0
                continue
            silent_for += elapsed
            limit = self._limit()
            look = MediaLook(silent_for, look.expected, look.disabled)
            if decide(look, limit) is Verdict.TIMED_OUT:
                log.warning("call %s: nothing received for %g s; ending it", self._label, limit)
                self._call.timed_out(reason(limit))
                return
