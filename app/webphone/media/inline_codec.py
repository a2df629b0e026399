"""A call's audio encoded and decoded on the event loop, not handed to threads.

aiortc runs every 20 ms frame's encoding in the loop's default executor and every
received packet's decoding in a thread per receiver (a ``queue.Queue`` in, then
``run_coroutine_threadsafe`` back). For a 20 ms Opus frame the hops cost more than the
codec: profiled with 10 calls in one process they took ~40 % of the event loop's busy
time (``Condition.notify``, ``ThreadPoolExecutor.submit``, the loop's self-pipe), while
libopus needs ~0.1 ms per frame. So a call's audio sender encodes in place and its
receiver decodes in place, as the packet arrives.

Applied per sender and receiver (other peer connections in the process keep aiortc's
threads); video would still want the threads, so this is for audio only.
"""

from __future__ import annotations

import asyncio
import logging
import queue
import weakref
from collections.abc import Callable
from typing import Any, TypeVar

import aiortc.rtcrtpreceiver
import av
from aiortc import RTCRtpReceiver, RTCRtpSender
from aiortc.codecs.base import Decoder
from aiortc.jitterbuffer import JitterFrame
from aiortc.rtcrtpparameters import RTCRtpCodecParameters

log = logging.getLogger(__name__)

_T = TypeVar("_T")
_SENDER_LOOP = "_RTCRtpSender__loop"
_RECEIVER_QUEUE = "_RTCRtpReceiver__decoder_queue"


class _InlineExecutorLoop:
    """The event loop as one audio sender sees it: ``run_in_executor`` work runs at once
    and comes back as a finished future (awaiting it does not even yield)."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop

    def run_in_executor(
        self, _executor: object, func: Callable[..., _T], *args: Any
    ) -> asyncio.Future[_T]:
        future: asyncio.Future[_T] = self._loop.create_future()
        try:
            future.set_result(func(*args))
        except Exception as exc:  # handed to the awaiting sender, as the executor would
            future.set_exception(exc)
        return future

    def __getattr__(self, name: str) -> Any:
        return getattr(self._loop, name)


class _InlineDecoderQueue(queue.Queue[Any]):
    """Stands in for a receiver's decoder queue: each encoded frame is decoded when the
    receiver puts it and the frames go straight to the remote track. Only the end marker
    (``None``) goes through, so aiortc's decoder thread, idle until then, ends as usual."""

    def __init__(self, receiver: RTCRtpReceiver) -> None:
        super().__init__()
        self._receiver = weakref.ref(receiver)
        self._codec_name: str | None = None
        self._decoder: Decoder | None = None

    def put(self, item: Any, block: bool = True, timeout: float | None = None) -> None:
        if item is None:
            super().put(item, block, timeout)
            return
        codec, encoded_frame = item
        receiver = self._receiver()
        track = receiver._track if receiver is not None else None  # the RemoteStreamTrack
        if track is None:
            return
        for frame in self._decode(codec, encoded_frame):
            track._queue.put_nowait(frame)

    def _decode(self, codec: RTCRtpCodecParameters, encoded_frame: JitterFrame) -> list[Any]:
        if self._decoder is None or codec.name != self._codec_name:
            # looked up in aiortc's module at call time: our Opus decoder is installed there
            self._decoder = aiortc.rtcrtpreceiver.get_decoder(codec)  # type: ignore[attr-defined]
            self._codec_name = codec.name
        assert self._decoder is not None
        try:
            return list(self._decoder.decode(encoded_frame))
        except av.FFmpegError as exc:  # as aiortc's worker: keep the decoder, drop the frame
            log.warning("failed to decode %s audio: %s", codec.name, exc)
            return []


def encode_inline(sender: RTCRtpSender) -> None:
    """Make an audio *sender* encode on the event loop (call before its media starts)."""
    loop = getattr(sender, _SENDER_LOOP, None)
    if loop is None:
        raise RuntimeError("aiortc's RTCRtpSender has no event loop to replace")
    if not isinstance(loop, _InlineExecutorLoop):
        setattr(sender, _SENDER_LOOP, _InlineExecutorLoop(loop))


def decode_inline(receiver: RTCRtpReceiver) -> None:
    """Make an audio *receiver* decode on the event loop (call before its media starts)."""
    current = getattr(receiver, _RECEIVER_QUEUE, None)
    if not isinstance(current, queue.Queue):
        # aiortc renamed its internals: fail loudly rather than lose the audio
        raise RuntimeError("aiortc's RTCRtpReceiver has no decoder queue to replace")
    if not isinstance(current, _InlineDecoderQueue):
        setattr(receiver, _RECEIVER_QUEUE, _InlineDecoderQueue(receiver))
