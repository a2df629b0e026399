"""The capture chain's thread: blocks from the sound card's callbacks reach the chain in
the order they were played and captured, processed blocks reach the call's ring, and a
chain that raises keeps the thread alive."""

from __future__ import annotations

import time

import numpy as np

from webphone.audio.capture_worker import CaptureWorker
from webphone.audio.stream import BLOCK, LevelMeter, Ring


class _Recorder:
    """A chain that notes each call and returns the block negated."""

    def __init__(self, fail_on: int | None = None) -> None:
        self.calls: list[tuple[str, int]] = []
        self.fail_on = fail_on

    def process(self, frame: np.ndarray) -> np.ndarray:
        self.calls.append(("capture", int(frame[0])))
        if self.fail_on == int(frame[0]):
            raise RuntimeError("a broken block")
        return -frame

    def far_end(self, frame: np.ndarray) -> None:
        self.calls.append(("render", int(frame[0])))


def _block(value: int) -> np.ndarray:
    return np.full(BLOCK, value, dtype=np.int16)


def _wait_for(condition: object, timeout: float = 2.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < deadline, "the worker did not get there"
        time.sleep(0.005)


def test_a_late_thread_replays_both_sides_interleaved() -> None:
    chain, out = _Recorder(), Ring(BLOCK * 20)
    worker = CaptureWorker(chain, out, LevelMeter())
    # The thread is not running yet: three speaker and three microphone blocks pile up,
    # as when it was held up for 30 ms.
    for n in (1, 2, 3):
        worker.render(_block(100 + n))
        worker.capture(_block(n))
    worker.start()
    try:
        _wait_for(lambda: out.available == 3 * BLOCK)
    finally:
        worker.stop()
    assert chain.calls == [
        ("render", 101),
        ("capture", 1),
        ("render", 102),
        ("capture", 2),
        ("render", 103),
        ("capture", 3),
    ]
    got = np.zeros(3 * BLOCK, dtype=np.int16)
    out.read_into(got)
    assert got[::BLOCK].tolist() == [-1, -2, -3]


def test_without_a_speaker_the_microphone_still_flows() -> None:
    chain, out = _Recorder(), Ring(BLOCK * 20)
    worker = CaptureWorker(chain, out, LevelMeter())
    worker.start()
    try:
        worker.capture(_block(7))
        _wait_for(lambda: out.available == BLOCK)
    finally:
        worker.stop()
    assert chain.calls == [("capture", 7)]


def test_a_failing_block_does_not_stop_the_thread() -> None:
    chain, out = _Recorder(fail_on=1), Ring(BLOCK * 20)
    meter = LevelMeter()
    worker = CaptureWorker(chain, out, meter)
    worker.start()
    try:
        worker.capture(_block(1))
        _wait_for(lambda: ("capture", 1) in chain.calls)
        worker.capture(_block(2000))
        _wait_for(lambda: out.available == BLOCK)
    finally:
        worker.stop()
    assert meter.value > 0  # the processed block's level reached the volume meter
