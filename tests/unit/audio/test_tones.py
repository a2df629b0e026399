"""Tones measured as a listener would: frequencies by FFT, cadences by frame energy, user
files really encoded and decoded, URLs served over real HTTP, and the ringing policy."""

from __future__ import annotations

import functools
import http.server
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import av
import numpy as np
import pytest
import soundfile as sf

from webphone.audio.tones import (
    DEFAULT_TONE_NAMES,
    SAMPLE_RATE,
    ToneKind,
    ToneLibrary,
    ToneLoadError,
    TonePolicy,
    ToneSource,
    default_tone,
    feedback_tone_name,
    load_tone,
    synthesise,
    to_48k_mono,
    tone_setting,
)
from webphone.resources import resource_file

#: ITU-T Q.23, written out here as the oracle.
DTMF_FREQUENCIES = {
    "1": (697, 1209), "2": (697, 1336), "3": (697, 1477),
    "4": (770, 1209), "5": (770, 1336), "6": (770, 1477),
    "7": (852, 1209), "8": (852, 1336), "9": (852, 1477),
    "*": (941, 1209), "0": (941, 1336), "#": (941, 1477),
}  # fmt: skip


def peaks(audio: np.ndarray, count: int = 2) -> list[float]:
    """The ``count`` strongest frequencies (Hz) of ``audio``, at least 30 Hz apart."""
    x = audio.astype(np.float64) * np.hanning(audio.shape[0])
    size = max(1 << 18, audio.shape[0])
    spectrum = np.abs(np.fft.rfft(x, size))
    freqs = np.fft.rfftfreq(size, 1 / SAMPLE_RATE)
    found: list[float] = []
    for index in np.argsort(spectrum)[::-1]:
        if all(abs(freqs[index] - f) > 30 for f in found):
            found.append(float(freqs[index]))
            if len(found) == count:
                break
    return sorted(found)


def segments(audio: np.ndarray, frame: int = 480) -> list[tuple[bool, float]]:
    """Runs of sound / silence as (on, seconds), judged per 10 ms frame."""
    n = audio.shape[0] // frame
    loud = np.abs(audio[: n * frame].reshape(n, frame)).max(axis=1) > 100
    runs: list[tuple[bool, float]] = []
    for on in loud:
        if runs and runs[-1][0] == on:
            runs[-1] = (on, runs[-1][1] + frame / SAMPLE_RATE)
        else:
            runs.append((bool(on), frame / SAMPLE_RATE))
    return runs


def play(source: ToneSource, seconds: float) -> np.ndarray:
    size = source.read().shape[0]
    source.rewind()
    count = int(seconds * SAMPLE_RATE) // size
    return np.concatenate([source.read().copy() for _ in range(count)])


# -- default tones ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "freqs"),
    [("ringback", (440, 480)), ("ringtone", (800, 1000))],
)
@pytest.mark.parametrize("frame", [480, 960], ids=["10ms", "20ms"])
def test_ringing_tones_loop_two_seconds_on_four_off(
    name: str, freqs: tuple[int, int], frame: int
) -> None:
    audio = play(ToneSource(default_tone(name), loop=True, frame_samples=frame), 19.0)
    runs = segments(audio)
    # on, off, on, off, on, off, (on ...): three full cycles at least, each 2 s + 4 s.
    assert [on for on, _ in runs[:6]] == [True, False] * 3
    for on, seconds in runs[:6]:
        assert seconds == pytest.approx(2.0 if on else 4.0, abs=0.03)
    burst = audio[: int(1.9 * SAMPLE_RATE)]
    assert peaks(burst) == pytest.approx(freqs, abs=2)


def test_connect_tone_is_the_continuous_dial_tone_and_loops_without_a_click() -> None:
    audio = play(ToneSource(default_tone("connect"), loop=True), 3.0)
    assert [on for on, _ in segments(audio)] == [True]
    assert peaks(audio) == pytest.approx([350, 440], abs=2)
    # From the last sample back to the first the waveform moves no more than between any
    # two neighbouring samples inside the tone: no jump, no click.
    tone = default_tone("connect").astype(np.int32)
    assert abs(tone[0] - tone[-1]) <= np.abs(np.diff(tone)).max()


@pytest.mark.parametrize("digit", sorted(DTMF_FREQUENCIES))
def test_dtmf_feedback_tones_have_the_digit_frequencies(digit: str) -> None:
    tone = default_tone(feedback_tone_name(digit))
    assert tone.shape[0] == SAMPLE_RATE * 120 // 1000
    assert peaks(tone) == pytest.approx(DTMF_FREQUENCIES[digit], abs=3)


def test_feedback_tones_are_named_as_the_sdk_names_them() -> None:
    assert [feedback_tone_name(d) for d in "09*#"] == [
        "dtmf-0",
        "dtmf-9",
        "dtmf-star",
        "dtmf-pound",
    ]
    with pytest.raises(ValueError, match="not a DTMF digit"):
        feedback_tone_name("A")
    with pytest.raises(KeyError, match="no default tone named 'dtmf-a'"):
        default_tone("dtmf-a")


def test_shipped_tone_files_match_their_definitions() -> None:
    """resources/tones/ holds what packaging/make_tones.py makes from the definitions."""
    for name in DEFAULT_TONE_NAMES:
        shipped, rate = sf.read(resource_file("tones", f"{name}.wav"), dtype="int16")
        assert rate == SAMPLE_RATE, name
        assert np.array_equal(shipped, synthesise(name)), f"{name}: run packaging/make_tones.py"


# -- the frame source -------------------------------------------------------------------


def test_tone_source_without_loop_ends_in_silence() -> None:
    samples = np.arange(1, 1001, dtype=np.int16)
    source = ToneSource(samples, loop=False, frame_samples=480)
    frames = [source.read().copy() for _ in range(4)]
    assert np.array_equal(np.concatenate(frames)[:1000], samples)
    assert not np.concatenate(frames)[1000:].any()
    assert source.finished


def test_tone_source_as_a_playout_source_gives_any_block_size_then_none() -> None:
    samples = np.arange(1, 1001, dtype=np.int16)
    source = ToneSource(samples, loop=False)
    blocks = [source(300), source(1024)]
    assert [b.shape[0] for b in blocks if b is not None] == [300, 1024]
    assert source(300) is None  # ended: the mixer drops it


def test_tone_source_loop_repeats_seamlessly() -> None:
    samples = np.arange(1, 701, dtype=np.int16)
    audio = play(ToneSource(samples, loop=True, frame_samples=960), 0.2)
    assert np.array_equal(audio, np.tile(samples, 20)[: audio.shape[0]])


def test_tone_source_refuses_empty_or_wrong_audio() -> None:
    with pytest.raises(ValueError):
        ToneSource(np.zeros(0, np.int16), loop=True)
    with pytest.raises(ValueError):
        ToneSource(np.zeros(480, np.float32), loop=True)


# -- user files -------------------------------------------------------------------------

SOURCE_RATE = 44100
SOURCE_SECONDS = 1.5


def _stereo_a440() -> np.ndarray:
    t = np.arange(int(SOURCE_RATE * SOURCE_SECONDS)) / SOURCE_RATE
    left = 0.3 * np.sin(2 * np.pi * 440 * t)
    return np.stack([left, left], axis=1).astype(np.float32)


def _write_pyav(path: Path, codec: str) -> None:
    audio = _stereo_a440()
    with av.open(str(path), "w") as container:
        stream = container.add_stream(codec, rate=SOURCE_RATE, layout="stereo")
        frame_size = 1152
        for start in range(0, audio.shape[0], frame_size):
            chunk = np.ascontiguousarray(audio[start : start + frame_size].T)
            frame = av.AudioFrame.from_ndarray(chunk, format="fltp", layout="stereo")
            frame.sample_rate = SOURCE_RATE
            frame.pts = start
            container.mux(stream.encode(frame))
        container.mux(stream.encode(None))


@pytest.fixture(scope="module")
def user_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("user-tones")
    files = {}
    for ext, fmt in (("wav", "WAV"), ("ogg", "OGG"), ("flac", "FLAC")):
        files[ext] = folder / f"a440.{ext}"
        sf.write(files[ext], _stereo_a440(), SOURCE_RATE, format=fmt)
    files["mp3"] = folder / "a440.mp3"
    _write_pyav(files["mp3"], "libmp3lame")
    files["m4a"] = folder / "a440.m4a"  # AAC: soundfile cannot, PyAV must
    _write_pyav(files["m4a"], "aac")
    files["broken"] = folder / "broken.mp3"
    files["broken"].write_bytes(b"ID3" + bytes(range(256)) * 40)
    return files


@pytest.mark.parametrize("ext", ["wav", "ogg", "flac", "mp3", "m4a"])
def test_user_tone_files_are_decoded_to_48k_mono(user_files: dict[str, Path], ext: str) -> None:
    tone = load_tone(str(user_files[ext]))
    assert tone.dtype == np.int16 and tone.ndim == 1
    # Lossy codecs add some priming/padding samples; the length stays the file's.
    assert tone.shape[0] / SAMPLE_RATE == pytest.approx(SOURCE_SECONDS, abs=0.06)
    middle = tone[SAMPLE_RATE // 4 : SAMPLE_RATE]
    assert peaks(middle, 1) == pytest.approx([440], abs=2)
    assert np.abs(middle).max() == pytest.approx(0.3 * 32767, rel=0.1)


@pytest.mark.parametrize("dtype", ["float32", "int16", "int32"])
def test_resampling_keeps_the_level_of_float_and_integer_pcm(dtype: str) -> None:
    t = np.arange(22050) / 22050
    wave = 0.3 * np.sin(2 * np.pi * 440 * t)
    if dtype != "float32":
        wave = wave * (np.iinfo(dtype).max + 1)
    tone = to_48k_mono(wave.astype(dtype), 22050)
    assert len(tone) == pytest.approx(SAMPLE_RATE, abs=50)
    assert np.abs(tone[1000:-1000]).max() == pytest.approx(0.3 * 32767, rel=0.02)


def test_file_url_is_a_path(user_files: dict[str, Path]) -> None:
    assert np.array_equal(load_tone(user_files["wav"].as_uri()), load_tone(str(user_files["wav"])))


def test_broken_file_gives_a_clear_error_and_the_default_tone(
    user_files: dict[str, Path],
) -> None:
    broken = str(user_files["broken"])
    with pytest.raises(ToneLoadError, match=r"cannot decode .*broken\.mp3 \(soundfile: .*pyav: "):
        load_tone(broken)
    with pytest.raises(ToneLoadError, match="no such file"):
        load_tone(str(user_files["broken"].with_name("missing.wav")))
    with pytest.raises(ToneLoadError, match="unsupported URL scheme 'ftp'"):
        load_tone("ftp://example.invalid/ring.mp3")

    errors: list[ToneLoadError] = []
    library = ToneLibrary(on_error=errors.append)
    try:
        for _ in range(2):
            played = library.tone("ringtone", broken, wait=10)
            assert played is default_tone("ringtone")
        assert len(errors) == 1 and "broken.mp3" in str(errors[0])  # reported once
    finally:
        library.close()


# -- URLs -------------------------------------------------------------------------------


class _CountingHandler(http.server.SimpleHTTPRequestHandler):
    requests: list[str]

    def do_GET(self) -> None:
        self.requests.append(self.path)
        super().do_GET()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def http_folder(user_files: dict[str, Path]) -> Iterator[tuple[str, list[str]]]:
    requests: list[str] = []
    handler = functools.partial(_CountingHandler, directory=str(user_files["mp3"].parent))
    handler.func.requests = requests  # type: ignore[attr-defined]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", requests
    finally:
        server.shutdown()
        server.server_close()


def test_url_tone_is_fetched_once_and_cached(
    http_folder: tuple[str, list[str]], user_files: dict[str, Path]
) -> None:
    base, requests = http_folder
    library = ToneLibrary()
    try:
        url = f"{base}/a440.mp3"
        first = library.tone("ringtone", url, wait=10)
        second = library.source("ringtone", url, loop=True, wait=10).samples
        assert first is second
        assert np.array_equal(first, load_tone(str(user_files["mp3"])))
        assert requests == ["/a440.mp3"]
    finally:
        library.close()


def test_url_that_fails_gives_a_clear_error_and_the_default_tone(
    http_folder: tuple[str, list[str]],
) -> None:
    base, _ = http_folder
    errors: list[ToneLoadError] = []
    library = ToneLibrary(on_error=errors.append)
    try:
        assert library.tone("ringback", f"{base}/nope.mp3", wait=10) is default_tone("ringback")
        assert "HTTP 404" in str(errors[0]) and "nope.mp3" in str(errors[0])
    finally:
        library.close()


def test_url_that_never_answers_times_out() -> None:
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(1)
    try:
        url = f"http://127.0.0.1:{silent.getsockname()[1]}/ring.mp3"
        with pytest.raises(ToneLoadError, match=r"cannot fetch .*ring\.mp3: .*timed out"):
            load_tone(url, timeout=0.5)
    finally:
        silent.close()


def test_pending_url_plays_the_default_tone_meanwhile() -> None:
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(1)
    library = ToneLibrary(fetch_timeout=1.0)
    try:
        url = f"http://127.0.0.1:{silent.getsockname()[1]}/ring.mp3"
        assert library.tone("ringtone", url) is default_tone("ringtone")  # no wait
    finally:
        library.close()
        silent.close()


# -- the policy -------------------------------------------------------------------------


class RecordingSink:
    """A tone sink that writes down what it is told, in order."""

    def __init__(self) -> None:
        self.log: list[tuple[str, ToneKind, str | None]] = []

    def start_tone(self, kind: ToneKind, location: str | None) -> None:
        self.log.append(("start", kind, location))

    def stop_tone(self, kind: ToneKind) -> None:
        self.log.append(("stop", kind, None))


@pytest.fixture
def sink() -> RecordingSink:
    return RecordingSink()


def test_several_ringing_calls_give_one_ringtone(sink: RecordingSink) -> None:
    policy = TonePolicy(sink)
    policy.incoming_ringing("a")
    policy.incoming_ringing("b")
    policy.incoming_ringing("c")
    assert sink.log == [("start", ToneKind.RINGTONE, None)]
    policy.ended("a")  # rejected
    policy.ended("b")  # ignored
    assert sink.log == [("start", ToneKind.RINGTONE, None)]
    policy.ended("c")
    assert sink.log[-1] == ("stop", ToneKind.RINGTONE, None) and len(sink.log) == 2


def test_answering_one_of_several_stops_the_ringtone(sink: RecordingSink) -> None:
    policy = TonePolicy(sink)
    policy.incoming_ringing("a")
    policy.incoming_ringing("b")
    policy.answered("b")
    assert sink.log == [("start", ToneKind.RINGTONE, None), ("stop", ToneKind.RINGTONE, None)]
    policy.incoming_ringing("c")  # while a call is active: no call-waiting ringtone
    assert len(sink.log) == 2


def test_ring_tone_settings(sink: RecordingSink) -> None:
    policy = TonePolicy(sink)
    assert policy.set_ring_tone(False) is True
    policy.incoming_ringing("a")
    assert sink.log == []
    policy.set_ring_tone("https://tones.example/ring.mp3")  # while ringing: starts it
    policy.set_ring_tone("/home/me/ring.ogg")  # changed: restarts with the new one
    policy.set_ring_tone(True)
    assert sink.log == [
        ("start", ToneKind.RINGTONE, "https://tones.example/ring.mp3"),
        ("stop", ToneKind.RINGTONE, None),
        ("start", ToneKind.RINGTONE, "/home/me/ring.ogg"),
        ("stop", ToneKind.RINGTONE, None),
        ("start", ToneKind.RINGTONE, None),
    ]


@pytest.mark.parametrize(
    ("value", "setting"),
    [(False, False), (None, False), ("u.mp3", "u.mp3"), (True, True), (1, True), ({}, True)],
)
def test_tone_setting_follows_the_sdk(value: object, setting: object) -> None:
    assert tone_setting(value) == setting


def test_outgoing_call_connect_tone_then_ringback_then_silence(sink: RecordingSink) -> None:
    policy = TonePolicy(sink)
    assert policy.early_media_muted  # default ringback replaces early media
    policy.dialing("out")
    assert sink.log == [("start", ToneKind.CONNECT, None)]
    policy.remote_ringing("out")  # 180
    policy.remote_ringing("out")  # 183 after it: nothing new
    assert sink.log[1:] == [("stop", ToneKind.CONNECT, None), ("start", ToneKind.RINGBACK, None)]
    policy.answered("out")
    assert sink.log[3:] == [("stop", ToneKind.RINGBACK, None)]
    policy.ended("out")
    assert len(sink.log) == 4


def test_outgoing_call_with_tones_off(sink: RecordingSink) -> None:
    policy = TonePolicy(sink)
    policy.set_connect_tone(0)
    policy.set_ring_tone_back(False)
    assert not policy.early_media_muted  # the server's ringing and announcements play
    policy.dialing("out")
    policy.remote_ringing("out")
    policy.answered("out")
    assert sink.log == []
    policy.set_ring_tone_back("https://tones.example/back.mp3")
    policy.dialing("next")
    policy.remote_ringing("next")
    assert sink.log == [("start", ToneKind.RINGBACK, "https://tones.example/back.mp3")]


def test_call_failing_before_ringing_stops_the_connect_tone(sink: RecordingSink) -> None:
    policy = TonePolicy(sink)
    policy.dialing("out")
    policy.ended("out")  # 486 Busy before any 18x
    policy.ended("out")  # repeated end: nothing
    assert sink.log == [("start", ToneKind.CONNECT, None), ("stop", ToneKind.CONNECT, None)]


def test_illegal_call_transitions_are_refused(sink: RecordingSink) -> None:
    policy = TonePolicy(sink)
    with pytest.raises(ValueError, match="call x: unknown cannot become active"):
        policy.answered("x")
    policy.incoming_ringing("in")
    with pytest.raises(ValueError, match="incoming ringing cannot become remote ringing"):
        policy.remote_ringing("in")
    policy.answered("in")
    with pytest.raises(ValueError, match="active cannot become dialing"):
        policy.dialing("in")


def test_policy_library_and_source_play_the_users_tone(user_files: dict[str, Path]) -> None:
    """The wiring the audio I/O does: policy → sink → library → frames."""
    library = ToneLibrary()

    class PlayingSink:
        def __init__(self) -> None:
            self.sources: dict[ToneKind, ToneSource] = {}

        def start_tone(self, kind: ToneKind, location: str | None) -> None:
            setting = location if location is not None else True
            self.sources[kind] = library.source(kind.value, setting, loop=True, wait=10)

        def stop_tone(self, kind: ToneKind) -> None:
            del self.sources[kind]

    playing = PlayingSink()
    policy = TonePolicy(playing)
    try:
        policy.set_ring_tone(str(user_files["ogg"]))
        policy.incoming_ringing("a")
        ring = play(playing.sources[ToneKind.RINGTONE], 1.0)
        assert peaks(ring[SAMPLE_RATE // 4 :], 1) == pytest.approx([440], abs=2)
        policy.answered("a")
        assert playing.sources == {}
    finally:
        library.close()
