"""Sending RFC 4733 telephone-events inside the call's own RTP stream.

aiortc has no RTCDTMFSender. Its sender numbers packets in a local variable, so events
cannot be inserted between its packets; instead, while a key is pressed, the outgoing
audio packets are rewritten into telephone-event packets in front of SRTP. Sequence
numbers stay contiguous, timestamps keep the stream's clock, and the audio the event
replaces is not wanted anyway (RFC 4733 §2.5.1.1 lets the sender drop it).
"""

from __future__ import annotations

import collections
import enum
import weakref
from collections.abc import Callable
from dataclasses import dataclass

from aiortc.rtcdtlstransport import RTCDtlsTransport

EVENT_CODES = {tone: code for code, tone in enumerate("0123456789*#")}
END_PACKETS = 3  # the final packet is sent three times (RFC 4733 §2.5.1.4)
GAP_MS = 60  # silence between two queued digits, like RTCDTMFSender's minimum
VOLUME = 10  # -10 dBm0, what common senders use (§2.3.2)
_MARKER = 0x80


class EventState(enum.Enum):
    IDLE = "idle"
    PLAYING = "playing"
    ENDING = "ending"
    GAP = "gap"


@dataclass
class _Event:
    code: int
    duration_ms: int
    done: Callable[[], None] | None
    start: int | None = None  # RTP timestamp of the first event packet
    length: int = 0  # clock units covered so far
    ends_sent: int = 0


class Rfc4733Packetiser:
    """Rewrites outgoing RTP packets into telephone-events while digits are queued.

    ``event_types`` maps each audio payload type to the telephone-event payload type on
    the same clock; packets of other types pass untouched.
    """

    def __init__(self, event_types: dict[int, int], clock_rates: dict[int, int]) -> None:
        self.event_types = event_types
        self.clock_rates = clock_rates
        self.state = EventState.IDLE
        self._queue: collections.deque[_Event] = collections.deque()
        self._current: _Event | None = None
        self._gap_left = 0
        self._last_timestamp: int | None = None
        self._step = 0

    def can_send(self, audio_type: int | None = None) -> bool:
        """True when telephone-events were negotiated (for *audio_type*, if given)."""
        return bool(self.event_types) if audio_type is None else audio_type in self.event_types

    def queue(self, tone: str, duration_ms: int, done: Callable[[], None] | None = None) -> None:
        """Sends *tone* for *duration_ms* after the digits already queued."""
        if tone not in EVENT_CODES:
            raise ValueError(f"{tone!r} is not a DTMF digit")
        self._queue.append(_Event(EVENT_CODES[tone], duration_ms, done))

    def rewrite(self, packet: bytes) -> bytes:
        """The packet to send instead of *packet* (often *packet* itself)."""
        if len(packet) < 12:
            return packet
        audio_type = packet[1] & 0x7F
        event_type = self.event_types.get(audio_type)
        if event_type is None:
            return packet
        timestamp = int.from_bytes(packet[4:8], "big")
        audio_rate = self.clock_rates.get(audio_type, 8000)
        self._track_step(timestamp, audio_rate)
        if self.state is EventState.GAP:
            if self._gap_left > 0:
                self._gap_left -= self._step
                return packet
            self.state = EventState.IDLE
        if self.state is EventState.IDLE:
            if not self._queue:
                return packet
            self._current = self._queue.popleft()
            self._current.start = timestamp
            self.state = EventState.PLAYING
        event_rate = self.clock_rates.get(event_type, audio_rate)
        return self._event_packet(packet, event_type, audio_rate, event_rate)

    def _track_step(self, timestamp: int, rate: int) -> None:
        previous, self._last_timestamp = self._last_timestamp, timestamp
        step = (timestamp - previous) & 0xFFFFFFFF if previous is not None else 0
        # A plausible packet interval; after a pause or at the start assume 20 ms.
        self._step = step if 0 < step <= rate // 5 else rate // 50

    def _event_packet(
        self, packet: bytes, event_type: int, audio_rate: int, event_rate: int
    ) -> bytes:
        """*packet* rewritten into the current event. Its timestamp stays on the audio's
        clock; the duration counts in the event type's (they differ only for events sent
        with a codec of another clock, see ``sdp.event_payload_types``)."""
        event = self._current
        assert event is not None and event.start is not None
        target = event.duration_ms * event_rate // 1000
        first = event.length == 0
        if self.state is EventState.PLAYING:
            step = self._step * event_rate // audio_rate
            event.length = min(event.length + step, target, 0xFFFF)
            if event.length >= min(target, 0xFFFF):
                self.state = EventState.ENDING
        end = self.state is EventState.ENDING
        if end:
            event.ends_sent += 1
            if event.ends_sent >= END_PACKETS:
                self._finish(event, audio_rate)
        payload = bytes([event.code, (0x80 if end else 0) | VOLUME]) + event.length.to_bytes(
            2, "big"
        )
        header = bytearray(packet[: _header_length(packet)])
        header[0] &= ~0x20 & 0xFF  # no padding in our payload
        header[1] = (_MARKER if first else 0) | event_type
        header[4:8] = event.start.to_bytes(4, "big")
        return bytes(header) + payload

    def _finish(self, event: _Event, rate: int) -> None:
        self._current = None
        self.state = EventState.GAP
        self._gap_left = GAP_MS * rate // 1000
        if event.done is not None:
            event.done()


def _header_length(packet: bytes) -> int:
    length = 12 + 4 * (packet[0] & 0x0F)
    if packet[0] & 0x10 and len(packet) >= length + 4:
        length += 4 + 4 * int.from_bytes(packet[length + 2 : length + 4], "big")
    return min(length, len(packet))


_senders: weakref.WeakKeyDictionary[RTCDtlsTransport, Rfc4733Packetiser] = (
    weakref.WeakKeyDictionary()
)
_aiortc_send_rtp = RTCDtlsTransport._send_rtp


async def _send_rtp(self: RTCDtlsTransport, data: bytes) -> None:
    # RTCP goes this way too; its packet types (200-204) are never audio payload types.
    packetiser = _senders.get(self)
    if packetiser is not None:
        data = packetiser.rewrite(data)
    await _aiortc_send_rtp(self, data)


RTCDtlsTransport._send_rtp = _send_rtp  # type: ignore[method-assign]


def attach_sender(transport: RTCDtlsTransport, packetiser: Rfc4733Packetiser) -> None:
    _senders[transport] = packetiser
