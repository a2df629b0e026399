"""Receiving RFC 4733 telephone-events.

aiortc does not negotiate telephone-event and, worse, a decoder fed such a packet dies
and takes the call's incoming audio with it. So we advertise telephone-event in the SDP
ourselves and take its packets out in front of aiortc's RTP router: each DTLS transport
with a registered receiver gets its telephone-event payload types diverted here; every
other packet goes on to aiortc untouched.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field

from aiortc.rtcdtlstransport import RTCDtlsTransport
from aiortc.rtp import RtpPacket

EVENTS = "0123456789*#ABCD"


@dataclass(frozen=True)
class TelephoneEvent:
    tone: str
    end: bool
    volume: int
    duration: int  # in RTP clock units


def parse_event(payload: bytes) -> TelephoneEvent | None:
    """One RFC 4733 §2.3 event block, or None if it is not a DTMF event."""
    if len(payload) < 4 or payload[0] >= len(EVENTS):
        return None
    return TelephoneEvent(
        tone=EVENTS[payload[0]],
        end=bool(payload[1] & 0x80),
        volume=payload[1] & 0x3F,
        duration=int.from_bytes(payload[2:4], "big"),
    )


@dataclass
class Rfc4733Receiver:
    """Turns telephone-event packets into one callback per key press."""

    clock_rates: dict[int, int]  # payload type -> clock rate
    on_tone: Callable[[str, int], None]  # (tone, duration in ms)
    _done: set[tuple[int, int]] = field(default_factory=set)

    def handle(self, packet: RtpPacket) -> None:
        event = parse_event(packet.payload)
        if event is None or not event.end:
            return
        key = (packet.ssrc, packet.timestamp)
        if key in self._done:
            return  # the end packet is sent three times (RFC 4733 §2.5.1.4)
        self._done.add(key)
        rate = self.clock_rates.get(packet.payload_type, 8000)
        self.on_tone(event.tone, round(event.duration * 1000 / rate))


# The receiver rides on its transport, so the two go together. A module-level
# WeakKeyDictionary keyed by transport leaked every call (issue 16): the receiver's
# callback is the MediaSession's, which holds the peer connection, which holds the
# transport, so the weak key was kept alive by its own value, and with it the whole
# call (peer connection, RTP history, codecs: ~0.25 MB a call, per side).
_RECEIVER = "_webphone_rfc4733_receiver"
_aiortc_handle_rtp = RTCDtlsTransport._handle_rtp_data


async def _handle_rtp_data(self: RTCDtlsTransport, data: bytes, arrival_time_ms: int) -> None:
    receiver: Rfc4733Receiver | None = getattr(self, _RECEIVER, None)
    if receiver is not None and len(data) > 1 and (data[1] & 0x7F) in receiver.clock_rates:
        with contextlib.suppress(ValueError):
            receiver.handle(RtpPacket.parse(data))
        return
    await _aiortc_handle_rtp(self, data, arrival_time_ms)


RTCDtlsTransport._handle_rtp_data = _handle_rtp_data  # type: ignore[method-assign]


def attach(transport: RTCDtlsTransport, receiver: Rfc4733Receiver) -> None:
    setattr(transport, _RECEIVER, receiver)
