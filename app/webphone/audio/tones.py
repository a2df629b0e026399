"""Call tones: the project's default tones, user tones from files and http(s) URLs, a frame
source that loops them, and the policy that decides which tone plays when.

Everything here is mono 48 kHz int16 and needs no sound card: the audio I/O asks
:class:`ToneLibrary` for a :class:`ToneSource` and plays its frames; :class:`TonePolicy`
turns call events and the SDK's ``setRingTone`` / ``setRingToneBack`` / ``setConnectTone``
into start/stop commands for a :class:`ToneSink`.

Default tones (North American plan, ANSI T1.401 / ITU-T E.180 supplement 2):

- ``ringback``: 440 + 480 Hz, 2 s on, 4 s off — what a caller hears while the far end rings;
- ``ringtone``: a 800/1000 Hz trill (the two alternate every 50 ms), 2 s on, 4 s off — the
  local alert for an incoming call, distinct from the ringback;
- ``connect``: the dial tone, 350 + 440 Hz continuous, while a call is being connected
  (the SDK: "Dial tone plays while the call is being connected");
- ``dtmf-0`` ... ``dtmf-9``, ``dtmf-star``, ``dtmf-pound`` (the SDK's names): key-press
  feedback, the digit's dual tone (ITU-T Q.23, as sent in band) for 120 ms.

They are shipped as WAV files in ``resources/tones/`` (written by ``packaging/make_tones.py``
from the synthesis below); when the files are not there (an installed package) the same
tones are synthesised at first use.
"""

from __future__ import annotations

import concurrent.futures
import io
import logging
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from enum import Enum, StrEnum
from functools import cache
from pathlib import Path
from typing import Protocol

import numpy as np
import soundfile as sf

from webphone.resources import MissingResource, resource_file

log = logging.getLogger(__name__)

SAMPLE_RATE = 48000
FRAME_SAMPLES = 480
#: User tones longer than this are cut (a ringtone is a loop, not an album).
MAX_TONE_SECONDS = 120
#: Largest download accepted for a tone URL.
MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024
FEEDBACK_MS = 120


class ToneLoadError(Exception):
    """A user tone could not be fetched or decoded; the message says which and why."""


# ---------------------------------------------------------------------------------------
# Default tones
# ---------------------------------------------------------------------------------------


def _dbfs(level: float) -> float:
    return 32767 * 10 ** (level / 20)


def _edges(on: np.ndarray, ramp_ms: float = 5.0) -> np.ndarray:
    """Raised-cosine fade in/out so a burst starts and stops without a click."""
    ramp = int(SAMPLE_RATE * ramp_ms / 1000)
    window = 0.5 - 0.5 * np.cos(np.pi * np.arange(ramp) / ramp)
    on[:ramp] *= window
    on[-ramp:] *= window[::-1]
    return on


def _dual(freqs: tuple[float, float], seconds: float, level: float) -> np.ndarray:
    t = np.arange(int(SAMPLE_RATE * seconds)) / SAMPLE_RATE
    return _dbfs(level) * (np.sin(2 * np.pi * freqs[0] * t) + np.sin(2 * np.pi * freqs[1] * t))


def _cadence(on: np.ndarray, off_seconds: float) -> np.ndarray:
    return np.concatenate([_edges(on), np.zeros(int(SAMPLE_RATE * off_seconds))])


def _trill(freqs: tuple[float, float], seconds: float, period: float, level: float) -> np.ndarray:
    t = np.arange(int(SAMPLE_RATE * seconds)) / SAMPLE_RATE
    first = (t // period) % 2 == 0
    # Phase-continuous switching between the two frequencies: integrate the frequency.
    phase = 2 * np.pi * np.cumsum(np.where(first, freqs[0], freqs[1])) / SAMPLE_RATE
    return _dbfs(level) * np.sin(phase)


DTMF_DIGITS = "0123456789*#"


def feedback_tone_name(digit: str) -> str:
    """The default key-press tone of a DTMF digit: ``dtmf-5``, ``dtmf-star``, ``dtmf-pound``."""
    if len(digit) != 1 or digit not in DTMF_DIGITS:
        raise ValueError(f"{digit!r} is not a DTMF digit")
    return "dtmf-" + {"*": "star", "#": "pound"}.get(digit, digit)


DEFAULT_DTMF_NAMES = {feedback_tone_name(d): d for d in DTMF_DIGITS}
DEFAULT_TONE_NAMES = ("ringtone", "ringback", "connect", *DEFAULT_DTMF_NAMES)

RINGBACK_FREQUENCIES = (440.0, 480.0)
RINGTONE_FREQUENCIES = (800.0, 1000.0)
DIAL_TONE_FREQUENCIES = (350.0, 440.0)
#: Seconds on, seconds off.
RING_CADENCE = (2.0, 4.0)


def synthesise(name: str) -> np.ndarray:
    """The default tone ``name`` (see the module doc), made from its definition."""
    on, off = RING_CADENCE
    if name == "ringback":
        audio = _cadence(_dual(RINGBACK_FREQUENCIES, on, -19.0), off)
    elif name == "ringtone":
        audio = _cadence(_trill(RINGTONE_FREQUENCIES, on, 0.05, -12.0), off)
    elif name == "connect":
        # One second holds whole periods of 350 and 440 Hz, so it loops seamlessly.
        audio = _dual(DIAL_TONE_FREQUENCIES, 1.0, -22.0)
    elif name in DEFAULT_DTMF_NAMES:
        # Lazily: webphone.media.inband_dtmf imports aiortc, which an idle app leaves out.
        from webphone.media.inband_dtmf import dtmf_samples

        return dtmf_samples(DEFAULT_DTMF_NAMES[name], FEEDBACK_MS, SAMPLE_RATE)
    else:
        raise KeyError(f"no default tone named {name!r}")
    return np.round(audio).astype(np.int16)


@cache
def default_tone(name: str) -> np.ndarray:
    """The default tone ``name``: the shipped WAV file, else synthesised. Read-only."""
    if name not in DEFAULT_TONE_NAMES:
        raise KeyError(f"no default tone named {name!r}")
    try:
        audio = _read_shipped(resource_file("tones", f"{name}.wav"))
    except MissingResource as exc:
        log.error("%s; synthesising the %s tone", exc, name)
        audio = None
    if audio is None:
        audio = synthesise(name)
    audio.flags.writeable = False
    return audio


def _read_shipped(path: Path) -> np.ndarray | None:
    try:
        audio, rate = sf.read(path, dtype="int16")
    except (sf.SoundFileError, RuntimeError) as exc:
        log.error("shipped tone %s unreadable, synthesising it: %s", path, exc)
        return None
    if rate != SAMPLE_RATE or audio.ndim != 1 or audio.shape[0] == 0:
        log.error("shipped tone %s is not 48 kHz mono, synthesising it", path)
        return None
    return np.asarray(audio, dtype=np.int16)


def write_default_tones(folder: Path) -> list[Path]:
    """Write every default tone as a 48 kHz mono 16-bit WAV file into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name in DEFAULT_TONE_NAMES:
        path = folder / f"{name}.wav"
        sf.write(path, synthesise(name), SAMPLE_RATE, subtype="PCM_16")
        paths.append(path)
    return paths


# ---------------------------------------------------------------------------------------
# Decoding user tones
# ---------------------------------------------------------------------------------------


def to_48k_mono(audio: np.ndarray, rate: int) -> np.ndarray:
    """Audio (samples, or samples x channels) at ``rate`` → int16 48 kHz mono. Float audio
    is taken as -1..1, integer PCM at its own full scale (int16 as it comes from a WAV)."""
    if np.issubdtype(audio.dtype, np.integer):
        audio = audio / float(np.iinfo(audio.dtype).max + 1)
    mono = (audio.mean(axis=1) if audio.ndim == 2 else audio).astype(np.float32)
    if rate != SAMPLE_RATE:
        import av  # PyAV (~17 MB) only when a user tone needs resampling or decoding

        resampler = av.AudioResampler(format="flt", layout="mono", rate=SAMPLE_RATE)
        frame = av.AudioFrame.from_ndarray(mono.reshape(1, -1), format="flt", layout="mono")
        frame.sample_rate = rate
        chunks = [*resampler.resample(frame), *resampler.resample(None)]
        mono = np.concatenate([c.to_ndarray().reshape(-1) for c in chunks])
    return np.round(np.clip(mono, -1.0, 1.0) * 32767).astype(np.int16)


def _decode_soundfile(source: Path | io.BytesIO) -> np.ndarray:
    with sf.SoundFile(source) as f:
        audio = f.read(frames=min(f.frames, MAX_TONE_SECONDS * f.samplerate), dtype="float32")
        return to_48k_mono(audio, f.samplerate)


def _decode_pyav(source: Path | io.BytesIO) -> np.ndarray:
    limit = MAX_TONE_SECONDS * SAMPLE_RATE
    chunks: list[np.ndarray] = []
    total = 0
    import av  # lazily, as in to_48k_mono

    with av.open(source if isinstance(source, io.BytesIO) else str(source), "r") as container:
        if not container.streams.audio:
            raise ValueError("no audio stream")
        resampler = av.AudioResampler(format="s16", layout="mono", rate=SAMPLE_RATE)
        for frame in container.decode(container.streams.audio[0]):
            for out in resampler.resample(frame):
                chunks.append(out.to_ndarray().reshape(-1))
                total += chunks[-1].shape[0]
            if total >= limit:
                break
        else:
            chunks.extend(out.to_ndarray().reshape(-1) for out in resampler.resample(None))
    if not chunks:
        return np.zeros(0, dtype=np.int16)
    return np.concatenate(chunks)[:limit].astype(np.int16)


def decode_audio(source: Path | bytes, label: str | None = None) -> np.ndarray:
    """Decode a sound file (a path, or its bytes) to int16 48 kHz mono.

    WAV, OGG, FLAC (and MP3 where libsndfile has it) go through soundfile; anything it
    cannot read (MP3 on older libsndfile, AAC, Opus ...) through PyAV's FFmpeg.
    Raises :class:`ToneLoadError` naming the file and both decoders' complaints.
    """
    name = label or str(source if isinstance(source, Path) else "<downloaded data>")
    errors: list[str] = []
    for decoder in (_decode_soundfile, _decode_pyav):
        stream = io.BytesIO(source) if isinstance(source, bytes) else source
        try:
            audio = decoder(stream)
        except Exception as exc:  # the decoders raise many types; each is reported
            errors.append(f"{decoder.__name__.removeprefix('_decode_')}: {exc}")
            continue
        if audio.shape[0] == 0:
            errors.append(f"{decoder.__name__.removeprefix('_decode_')}: no audio in it")
            continue
        return audio
    raise ToneLoadError(f"cannot decode {name} ({'; '.join(errors)})")


def _fetch(url: str, timeout: float) -> bytes:
    request = urllib.request.Request(url, headers={"User-Agent": "Webphone"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data: bytes = response.read(MAX_DOWNLOAD_BYTES + 1)
    except urllib.error.HTTPError as exc:
        raise ToneLoadError(f"cannot fetch {url}: HTTP {exc.code} {exc.reason}") from exc
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise ToneLoadError(f"cannot fetch {url}: {reason}") from exc
    if len(data) > MAX_DOWNLOAD_BYTES:
        raise ToneLoadError(f"cannot use {url}: larger than {MAX_DOWNLOAD_BYTES} bytes")
    return data


def load_tone(location: str, timeout: float = 10.0) -> np.ndarray:
    """A user tone from an http(s) URL, a ``file:`` URL or a path, as int16 48 kHz mono.

    Blocks (network, decoding): call it from a worker thread, as :class:`ToneLibrary` does.
    Raises :class:`ToneLoadError` with a message saying what failed.
    """
    scheme = urllib.parse.urlsplit(location).scheme.lower()
    if scheme in ("http", "https"):
        return decode_audio(_fetch(location, timeout), label=location)
    if scheme == "file":
        path = Path(urllib.request.url2pathname(urllib.parse.urlsplit(location).path))
    elif len(scheme) > 1:  # one letter is a Windows drive
        raise ToneLoadError(f"cannot load {location}: unsupported URL scheme {scheme!r}")
    else:
        path = Path(location).expanduser()
    if not path.is_file():
        raise ToneLoadError(f"cannot load {location}: no such file")
    return decode_audio(path)


# ---------------------------------------------------------------------------------------
# Playing a tone
# ---------------------------------------------------------------------------------------


class ToneSource:
    """Frames of a tone for the playout callback: int16 frames, looping the tone (whose
    cadence is part of its audio) or ending with silence.

    Also a playout source as the audio I/O takes it: ``source(n)`` gives ``n`` samples, or
    None once a non-looping tone has ended.
    """

    def __init__(
        self, samples: np.ndarray, *, loop: bool, frame_samples: int = FRAME_SAMPLES
    ) -> None:
        if samples.dtype != np.int16 or samples.ndim != 1 or samples.shape[0] == 0:
            raise ValueError("a tone is a non-empty mono int16 array")
        if frame_samples <= 0:
            raise ValueError("frame_samples must be positive")
        self.samples = samples
        self.loop = loop
        self.frame_samples = frame_samples
        self._buffer = np.zeros(frame_samples, dtype=np.int16)
        self._pos = 0
        self.finished = False

    def read(self, count: int | None = None) -> np.ndarray:
        """The next ``count`` samples (default: one frame of ``frame_samples``): a view of a
        buffer reused by the next call (copy to keep it). After a non-looping tone has
        ended, frames are silent and :attr:`finished` is True.
        """
        size = self.frame_samples if count is None else count
        if size > self._buffer.shape[0]:
            self._buffer = np.zeros(size, dtype=np.int16)  # once, for a larger block size
        frame = self._buffer[:size]
        total = self.samples.shape[0]
        filled = 0
        while filled < size:
            if self._pos >= total:
                if not self.loop:
                    frame[filled:] = 0
                    self.finished = True
                    break
                self._pos = 0
            take = min(size - filled, total - self._pos)
            frame[filled : filled + take] = self.samples[self._pos : self._pos + take]
            filled += take
            self._pos += take
        return frame

    def __call__(self, count: int) -> np.ndarray | None:
        """``count`` samples for the playout mixer, or None once the tone has ended."""
        return None if self.finished else self.read(count)

    def rewind(self) -> None:
        """Start again from the beginning."""
        self._pos = 0
        self.finished = False


#: A tone setting as the SDK's setters take it: True = default tone, False = off,
#: a string = URL or file of the user's tone.
ToneSetting = bool | str


class ToneLibrary:
    """Default and user tones, with user tones fetched and decoded once on a worker thread
    and cached by location. Playing never waits on the network: until a user tone is
    ready — or when it failed — the default tone plays instead, and a failure is reported
    (log + ``on_error``) once per location."""

    def __init__(
        self,
        fetch_timeout: float = 10.0,
        on_error: Callable[[ToneLoadError], None] | None = None,
    ) -> None:
        self.fetch_timeout = fetch_timeout
        self.on_error = on_error
        self._cache: dict[str, concurrent.futures.Future[np.ndarray]] = {}
        self._reported: set[str] = set()
        self._lock = threading.Lock()
        self._executor: concurrent.futures.ThreadPoolExecutor | None = None

    def prepare(self, location: str) -> concurrent.futures.Future[np.ndarray]:
        """Start fetching and decoding ``location`` (once); the future holds the samples or
        the :class:`ToneLoadError`. Call it when the user sets a tone, so it is ready when
        a call rings."""
        with self._lock:
            future = self._cache.get(location)
            if future is None:
                if self._executor is None:
                    self._executor = concurrent.futures.ThreadPoolExecutor(
                        max_workers=1, thread_name_prefix="tone-load"
                    )
                future = self._executor.submit(load_tone, location, self.fetch_timeout)
                self._cache[location] = future
            return future

    def tone(self, name: str, setting: ToneSetting, wait: float = 0.0) -> np.ndarray:
        """The samples to play for default tone ``name`` under ``setting``.

        With a location, waits up to ``wait`` seconds for it to be ready, then falls back
        to the default tone (the failure reported once)."""
        if not isinstance(setting, str):
            return default_tone(name)
        future = self.prepare(setting)
        try:
            return future.result(timeout=wait)
        except concurrent.futures.TimeoutError:
            log.info("tone %s still loading; playing the default %s tone", setting, name)
        except ToneLoadError as exc:
            self._report(setting, exc)
        return default_tone(name)

    def source(
        self,
        name: str,
        setting: ToneSetting,
        *,
        loop: bool,
        frame_samples: int = FRAME_SAMPLES,
        wait: float = 0.0,
    ) -> ToneSource:
        """A :class:`ToneSource` for :meth:`tone`'s samples."""
        return ToneSource(self.tone(name, setting, wait), loop=loop, frame_samples=frame_samples)

    def _report(self, location: str, exc: ToneLoadError) -> None:
        with self._lock:
            if location in self._reported:
                return
            self._reported.add(location)
        log.error("%s; playing the default tone", exc)
        if self.on_error is not None:
            self.on_error(exc)

    def close(self) -> None:
        """Stop the worker thread (pending loads are abandoned)."""
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = None


# ---------------------------------------------------------------------------------------
# Which tone plays when
# ---------------------------------------------------------------------------------------


class ToneKind(StrEnum):
    """The looping call tones; the value is the default tone's name."""

    RINGTONE = "ringtone"
    RINGBACK = "ringback"
    CONNECT = "connect"


class ToneSink(Protocol):
    """What plays the tones (the audio I/O): told to start and stop each kind."""

    def start_tone(self, kind: ToneKind, location: str | None) -> None:
        """Start looping ``kind``: the user's tone at ``location``, or the default (None)."""

    def stop_tone(self, kind: ToneKind) -> None:
        """Stop ``kind``."""


class CallPhase(Enum):
    """A call's phase as far as tones care."""

    INCOMING_RINGING = "incoming ringing"
    DIALING = "dialing"
    REMOTE_RINGING = "remote ringing"
    ACTIVE = "active"


_NEW = None
_TRANSITIONS: dict[CallPhase | None, frozenset[CallPhase]] = {
    _NEW: frozenset({CallPhase.INCOMING_RINGING, CallPhase.DIALING}),
    CallPhase.DIALING: frozenset({CallPhase.REMOTE_RINGING, CallPhase.ACTIVE}),
    CallPhase.REMOTE_RINGING: frozenset({CallPhase.REMOTE_RINGING, CallPhase.ACTIVE}),
    CallPhase.INCOMING_RINGING: frozenset({CallPhase.ACTIVE}),
    CallPhase.ACTIVE: frozenset(),
}


def tone_setting(value: object) -> ToneSetting:
    """``setRingTone`` / ``setRingToneBack`` semantics: False or None → off, a string → that
    URL or file, anything else → the default tone."""
    if value is False or value is None:
        return False
    if isinstance(value, str):
        return value
    return True


class TonePolicy:
    """Decides which tones play from call events and the user's tone settings.

    - ringtone: while any incoming call rings and no other call is in progress — several
      ringing calls give one ringtone, stopped when none rings any more;
    - connect tone (``setConnectTone``): from sending the INVITE until the first 18x, the
      answer or the end;
    - ringback (``setRingToneBack``): from the first 18x until answer or end. While it is
      on, the far end's early media is not played (:attr:`early_media_muted`), as the SDK
      says: the local tone replaces the server's ringing and announcements.

    After every event and setting change the wanted tones are compared with the playing
    ones and only the differences are sent to the sink. Not thread-safe: drive it from the
    SDK's event loop.
    """

    def __init__(self, sink: ToneSink) -> None:
        self._sink = sink
        self._calls: dict[str, CallPhase] = {}
        self._playing: dict[ToneKind, str | None] = {}
        self.ring_tone: ToneSetting = True
        self.ring_tone_back: ToneSetting = True
        self.connect_tone = True

    # -- the SDK's setters ------------------------------------------------------------

    def set_ring_tone(self, value: object) -> bool:
        """``setRingTone(url|bool)``; always True, as the SDK returns."""
        self.ring_tone = tone_setting(value)
        self._update()
        return True

    def set_ring_tone_back(self, value: object) -> bool:
        """``setRingToneBack(url|bool)``; always True."""
        self.ring_tone_back = tone_setting(value)
        self._update()
        return True

    def set_connect_tone(self, value: object) -> bool:
        """``setConnectTone(bool)``: falsy turns it off; always True."""
        self.connect_tone = bool(value)
        self._update()
        return True

    @property
    def early_media_muted(self) -> bool:
        """Whether the far end's audio before answer must be kept silent (ringback on)."""
        return self.ring_tone_back is not False

    # -- call events ------------------------------------------------------------------

    def incoming_ringing(self, call_id: str) -> None:
        """An incoming call started ringing (180 sent)."""
        self._move(call_id, CallPhase.INCOMING_RINGING)

    def dialing(self, call_id: str) -> None:
        """An outgoing call's INVITE was sent."""
        self._move(call_id, CallPhase.DIALING)

    def remote_ringing(self, call_id: str) -> None:
        """An outgoing call got a 180/183 (repeats are fine)."""
        self._move(call_id, CallPhase.REMOTE_RINGING)

    def answered(self, call_id: str) -> None:
        """A call was answered (either direction)."""
        self._move(call_id, CallPhase.ACTIVE)

    def ended(self, call_id: str) -> None:
        """A call ended, failed, was rejected or ignored; unknown ids are ignored."""
        if self._calls.pop(call_id, None) is not None:
            self._update()

    def _move(self, call_id: str, phase: CallPhase) -> None:
        current = self._calls.get(call_id)
        if phase not in _TRANSITIONS[current]:
            was = current.value if current else "unknown"
            raise ValueError(f"call {call_id}: {was} cannot become {phase.value}")
        self._calls[call_id] = phase
        self._update()

    # -- deciding ---------------------------------------------------------------------

    def wanted(self) -> dict[ToneKind, str | None]:
        """The tones that should play now: kind → location (None = default tone)."""
        phases = list(self._calls.values())
        wanted: dict[ToneKind, str | None] = {}

        def want(kind: ToneKind, setting: ToneSetting) -> None:
            if setting is not False:
                wanted[kind] = setting if isinstance(setting, str) else None

        others_busy = any(p is not CallPhase.INCOMING_RINGING for p in phases)
        if CallPhase.INCOMING_RINGING in phases and not others_busy:
            want(ToneKind.RINGTONE, self.ring_tone)
        if CallPhase.DIALING in phases and self.connect_tone:
            want(ToneKind.CONNECT, True)
        if CallPhase.REMOTE_RINGING in phases:
            want(ToneKind.RINGBACK, self.ring_tone_back)
        return wanted

    def _update(self) -> None:
        wanted = self.wanted()
        for kind in list(self._playing):
            if kind not in wanted or wanted[kind] != self._playing[kind]:
                del self._playing[kind]
                self._sink.stop_tone(kind)
        for kind, location in wanted.items():
            if kind not in self._playing:
                self._playing[kind] = location
                self._sink.start_tone(kind, location)
