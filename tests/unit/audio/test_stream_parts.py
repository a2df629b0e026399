"""The audio engine's pure parts: the capture ring, level mapping for the ``volume`` event,
the mixer callback, backend selection and the null engine — no sound card involved."""

from __future__ import annotations

import asyncio

import numpy as np
import pytest

from webphone.audio.devices import AudioDevice, NullBackend, open_backend
from webphone.audio.engine import AudioEngine
from webphone.audio.stream import BLOCK, LevelMeter, OutputMixer, Ring
from webphone.audio.tones import ToneSource
from webphone.audio.track import FRAME, MicrophoneTrack


def test_ring_is_fifo_across_the_wrap() -> None:
    ring = Ring(10)
    ring.write(np.arange(7, dtype=np.int16))
    out = np.zeros(5, dtype=np.int16)
    assert ring.read_into(out) == 5 and out.tolist() == [0, 1, 2, 3, 4]
    ring.write(np.arange(7, 13, dtype=np.int16))  # wraps
    out = np.zeros(8, dtype=np.int16)
    assert ring.read_into(out) == 8
    assert out.tolist() == [5, 6, 7, 8, 9, 10, 11, 12]
    assert ring.available == 0


def test_full_ring_drops_the_oldest() -> None:
    ring = Ring(4)
    ring.write(np.arange(6, dtype=np.int16))
    out = np.zeros(4, dtype=np.int16)
    assert ring.read_into(out) == 4 and out.tolist() == [2, 3, 4, 5]
    ring.write(np.arange(9, dtype=np.int16))  # longer than the ring: keep the newest
    assert ring.read_into(out) == 4 and out.tolist() == [5, 6, 7, 8]


def test_short_read_leaves_the_rest_and_reports_count() -> None:
    ring = Ring(8)
    ring.write(np.array([1, 2], dtype=np.int16))
    out = np.full(4, 9, dtype=np.int16)
    assert ring.read_into(out) == 2 and out.tolist() == [1, 2, 9, 9]


@pytest.mark.parametrize(
    ("dbfs", "expected"),
    [(-120.0, 0.0), (-100.0, 0.0), (-65.0, 0.5), (-30.0, 1.0), (-6.0, 1.0)],
)
def test_level_maps_minus_100_to_minus_30_db_onto_0_to_1(dbfs: float, expected: float) -> None:
    # A square wave's RMS equals its amplitude: easy to put at an exact dBFS.
    amplitude = 32768 * 10 ** (dbfs / 20)
    block = np.where(np.arange(BLOCK) % 2 == 0, amplitude, -amplitude).astype(np.int16)
    meter = LevelMeter()
    meter.measure(block)
    assert meter.value == pytest.approx(expected, abs=0.01)


def test_silence_is_level_zero() -> None:
    meter = LevelMeter()
    meter.measure(np.zeros(BLOCK, dtype=np.int16))
    assert meter.value == 0.0


class _Constant:
    def __init__(self, value: int) -> None:
        self.block = np.full(BLOCK, value, dtype=np.int16)

    def pull(self, count: int) -> np.ndarray:
        return self.block[:count]


def test_mixer_adds_tones_saturates_and_feeds_the_echo_reference() -> None:
    mixer = OutputMixer(NullBackend(), "test")
    mixer.source = _Constant(30000)
    mixer.add_tone("beep", ToneSource(np.full(BLOCK, 10000, dtype=np.int16), loop=True))
    seen: list[np.ndarray] = []
    mixer.far_end = lambda out: seen.append(out.copy())
    outdata = np.zeros((BLOCK, 1), dtype=np.int16)
    mixer._callback(outdata, BLOCK, None, None)
    assert np.all(outdata[:, 0] == 32767)  # clipped, not wrapped around
    assert np.array_equal(seen[0], outdata[:, 0])
    assert mixer.meter.value == 1.0
    mixer.remove_tone("beep")
    mixer._callback(outdata, BLOCK, None, None)
    assert np.all(outdata[:, 0] == 30000)
    assert mixer.busy and not mixer.has_tone("beep")


def test_mixer_ends_one_shot_tones() -> None:
    mixer = OutputMixer(NullBackend(), "test")
    mixer.add_tone("key", ToneSource(np.full(BLOCK // 2, 1000, dtype=np.int16), loop=False))
    outdata = np.zeros((BLOCK, 1), dtype=np.int16)
    mixer._callback(outdata, BLOCK, None, None)
    assert outdata[: BLOCK // 2, 0].tolist() == [1000] * (BLOCK // 2)
    assert not outdata[BLOCK // 2 :, 0].any()
    mixer._callback(outdata, BLOCK, None, None)
    assert not outdata.any()


def test_unknown_backend_name_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown audio backend"):
        open_backend("alsa")


def test_null_engine_opens_nothing_and_sends_silence() -> None:
    engine = AudioEngine(NullBackend())
    assert engine.devices() == []
    track = engine.start_call(None)
    assert isinstance(track, MicrophoneTrack)

    async def first_frame() -> np.ndarray:
        frame = await track.recv()
        return np.asarray(frame.to_ndarray())

    samples = asyncio.run(first_frame())
    assert samples.shape == (1, FRAME) and not samples.any()
    engine.end_call()
    assert not engine.in_call
    engine.close()


def test_microphone_track_bounds_the_backlog_and_mutes() -> None:
    ring = Ring(48000)
    track = MicrophoneTrack(ring)

    async def frames() -> tuple[np.ndarray, np.ndarray]:
        await track.recv()  # starts the clock (and drops what came before the call)
        ring.write(np.arange(10 * FRAME, dtype=np.int16) % 1000)  # 200 ms backlog
        late = np.asarray((await track.recv()).to_ndarray()).reshape(-1)
        track.muted = True
        ring.write(np.full(FRAME, 500, dtype=np.int16))
        muted = np.asarray((await track.recv()).to_ndarray()).reshape(-1)
        return late, muted

    late, muted = asyncio.run(frames())
    # Only the newest 60 ms were kept: the frame starts 7 frames into the backlog.
    assert late[0] == (7 * FRAME) % 1000
    assert not muted.any()


def test_device_dict_has_the_media_device_info_keys() -> None:
    device = AudioDevice("sink1", "audiooutput", "Headset", "usb-1")
    assert device.as_dict() == {
        "deviceId": "sink1",
        "kind": "audiooutput",
        "label": "Headset",
        "groupId": "usb-1",
    }


def test_speaker_volume_scales_what_is_played_and_the_echo_reference() -> None:
    mixer = OutputMixer(NullBackend(), "test")
    mixer.source = _Constant(20000)
    seen: list[np.ndarray] = []
    mixer.far_end = lambda out: seen.append(out.copy())
    mixer.gain.db = -6.0
    outdata = np.zeros((BLOCK, 1), dtype=np.int16)
    mixer._callback(outdata, BLOCK, None, None)
    assert np.all(outdata[:, 0] == round(20000 * 10 ** (-6 / 20)))
    assert np.array_equal(seen[0], outdata[:, 0])  # the canceller hears what is played
    mixer.gain.db = 20.0
    mixer._callback(outdata, BLOCK, None, None)
    assert np.all(outdata[:, 0] == 32767)  # saturated, not wrapped around


def test_gain_outside_its_range_is_refused_and_changes_nothing() -> None:
    mixer = OutputMixer(NullBackend(), "test")
    mixer.gain.db = -3.0
    with pytest.raises(ValueError, match="-40 to 20 dB"):
        mixer.gain.db = 21.0
    assert mixer.gain.db == -3.0
