"""Closing and reopening device streams when the sound system misbehaves: a stream that
PortAudio will not stop must not stop the caller (the event loop), and streams are left
alone while the sound server is away. Fake streams stand in for PortAudio's; PortAudio
itself is initialised as the real streams do."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

import pytest

from webphone.audio.devices import AudioDevice, Kind
from webphone.audio.stream import CLOSE_TIMEOUT_SECONDS, OutputMixer, ServerGone


class FakeStream:
    active = True

    def __init__(self, device_id: str, stuck: threading.Event | None) -> None:
        self.device_id = device_id
        self.stuck = stuck  # abort() blocks until this is set, as on a spinning ALSA thread
        self.closed = threading.Event()

    def start(self) -> None:
        pass

    def abort(self) -> None:
        if self.stuck is not None:
            self.stuck.wait(10)

    def close(self) -> None:
        self.closed.set()


class FakeBackend:
    name = "fake"
    has_audio = True

    def __init__(self) -> None:
        self.reachable = True
        self.opened: list[FakeStream] = []
        self.stuck: threading.Event | None = None  # the next stream's abort() blocks

    def devices(self) -> list[AudioDevice]:
        return []

    def watch(self, listener: Any) -> None:
        pass

    def portaudio_device(self, kind: Kind, device_id: str) -> int | str | None:
        return None

    def open_stream(self, kind: Kind, device_id: str, opener: Callable[[], Any]) -> Any:
        stream = FakeStream(device_id, self.stuck)
        self.stuck = None
        self.opened.append(stream)
        return stream

    def close(self) -> None:
        pass


@pytest.fixture
def backend() -> FakeBackend:
    return FakeBackend()


def test_a_stream_portaudio_will_not_stop_is_left_behind_and_the_new_one_opens(
    backend: FakeBackend, caplog: pytest.LogCaptureFixture
) -> None:
    release = threading.Event()
    backend.stuck = release
    speaker = OutputMixer(backend, "speaker")  # type: ignore[arg-type]
    speaker.open()
    started = time.monotonic()
    with caplog.at_level(logging.WARNING):
        speaker.use("headset")
    took = time.monotonic() - started
    assert CLOSE_TIMEOUT_SECONDS <= took < CLOSE_TIMEOUT_SECONDS + 2
    assert [s.device_id for s in backend.opened] == ["default", "headset"]
    assert speaker.is_open and speaker.device_id == "headset"
    assert "did not close the old stream" in caplog.text
    release.set()  # should PortAudio ever let go, the old stream is closed after all
    assert backend.opened[0].closed.wait(5)
    speaker.close()
    assert backend.opened[1].closed.is_set()


def test_streams_are_left_alone_while_the_sound_server_is_away(backend: FakeBackend) -> None:
    speaker = OutputMixer(backend, "speaker")  # type: ignore[arg-type]
    speaker.open()
    first = backend.opened[0]
    backend.reachable = False
    with pytest.raises(ServerGone, match="sound server is gone"):
        speaker.use("headset")
    speaker.close()
    assert not first.closed.is_set() and len(backend.opened) == 1
    backend.reachable = True  # the server is back: the dead stream is closed now
    speaker.release_unwanted()
    assert first.closed.is_set() and not speaker.is_open
