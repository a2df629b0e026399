"""The receive side's jitter buffer: each call's audio goes to the decoder as it arrives.

aiortc's audio receiver reorders packets in a ``JitterBuffer(capacity=16, prefetch=4)``:
it holds ~80 ms, and after one lost packet it waits for the buffer to fill, then hands
out one packet per arrival for the rest of the call — delay latched at ~280 ms. A smaller
aiortc buffer (capacity 4, prefetch 1) still latches, at one packet more than before the
loss and up to its capacity after several. The decoder gets exactly one packet per
arrival, so any packet held back after a gap is delay for good.

So the audio receiver of our calls keeps nothing: an in-order packet is decoded at once,
a gap is skipped over immediately (the packet after it says how many were lost, for the
Opus decoder to rebuild them: media/opus_decoder.py), and a packet arriving after a later
one (reordered or duplicated) is dropped. Waiting is the playout queue's job
(``webphone.audio.playout``), which sees the RTP timestamps of the decoded frames and
conceals in place whatever is still missing.

The buffer is swapped per receiver (other peer connections in the process keep aiortc's).
"""

from __future__ import annotations

from aiortc import RTCRtpReceiver
from aiortc.jitterbuffer import JitterBuffer, JitterFrame
from aiortc.rtp import RtpPacket
from aiortc.utils import uint16_add

from .opus_decoder import RecoverableFrame

#: A packet this far behind the newest is a restarted stream, not a late one.
MAX_MISORDER = 100
_ATTRIBUTE = "_RTCRtpReceiver__jitter_buffer"


class PassThroughJitterBuffer(JitterBuffer):
    """Hands each audio packet on as it arrives, in sequence order, never waiting."""

    def __init__(self) -> None:
        super().__init__(capacity=1)
        self._next: int | None = None  # sequence number expected next

    def add(self, packet: RtpPacket) -> tuple[bool, JitterFrame | None]:
        missing = 0
        if self._next is not None:
            behind = uint16_add(self._next, -packet.sequence_number)
            if 0 < behind <= MAX_MISORDER:
                return False, None  # already past it: late, or a duplicate
            ahead = uint16_add(packet.sequence_number, -self._next)
            missing = ahead if ahead < MAX_MISORDER else 0  # else: a restarted stream
        self._next = uint16_add(packet.sequence_number, 1)
        data: bytes = packet._data  # type: ignore[attr-defined] # set by the receiver
        return False, RecoverableFrame(data, packet.timestamp, missing)


def use_pass_through_buffer(receiver: RTCRtpReceiver) -> None:
    """Give an audio *receiver* the pass-through buffer (before media starts)."""
    if not isinstance(getattr(receiver, _ATTRIBUTE, None), JitterBuffer):
        # aiortc renamed its internals: fail loudly rather than silently latch again
        raise RuntimeError("aiortc's RTCRtpReceiver has no jitter buffer to replace")
    setattr(receiver, _ATTRIBUTE, PassThroughJitterBuffer())
