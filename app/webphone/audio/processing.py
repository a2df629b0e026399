"""Capture-side audio processing: WebRTC APM (echo cancellation, noise suppression, AGC,
high-pass) and then RNNoise, on mono 48 kHz int16 frames, with no sound card involved.

The capture callback calls :meth:`CaptureProcessor.process` with each microphone frame and
the playout callback calls :meth:`CaptureProcessor.far_end` with each frame it plays, which
is the echo canceller's reference (the APM "reverse stream"). Both run every 10-20 ms, so
they copy into buffers allocated once and never block.

The echo canceller is handed the reference only while an
:class:`~webphone.audio.echo_path.EchoPathDetector` hears the speaker in the microphone:
without an echo path (a headset) it would cut the near-end talker whenever the far end
speaks (see that module for why and how it is detected).

Which APM features run comes from the Browser SDK option ``audioConstraints``, the object a
browser would hand to ``getUserMedia`` (see :meth:`ApmSettings.from_constraints`).
RNNoise runs when the SDK option ``enableNoiseReduction`` is on and noise reduction has
been started (:class:`NoiseReduction`).
"""

from __future__ import annotations

import ctypes
import importlib.util
import logging
import sys
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from .echo_path import EchoPathDetector

log = logging.getLogger(__name__)

SAMPLE_RATE = 48000
#: One 10 ms frame: the unit both APM and RNNoise work on.
FRAME_SAMPLES = 480
#: Frame sizes :meth:`CaptureProcessor.process` accepts (10 ms and 20 ms).
ACCEPTED_SAMPLES = (FRAME_SAMPLES, 2 * FRAME_SAMPLES)
#: WebRTC's noise suppressor learns its noise floor from the first frames; on digital
#: silence (virtual devices, a muted input, the gaps of a sound file) it learns nothing
#: usable and then treats the first words as noise (PESQ 3.8 instead of 4.3 on the first
#: utterance). Frames of exact zeros are replaced by this noise, -90 dBFS (1 LSB RMS):
#: far below any microphone's own noise and inaudible.
_DITHER_SECONDS = 1


# ---------------------------------------------------------------------------------------
# audioConstraints → APM features
# ---------------------------------------------------------------------------------------

#: Standard MediaTrackConstraints key → (legacy Chrome key, field name).
_CONSTRAINT_KEYS = {
    "echoCancellation": ("googEchoCancellation", "echo_cancellation"),
    "noiseSuppression": ("googNoiseSuppression", "noise_suppression"),
    "autoGainControl": ("googAutoGainControl", "auto_gain_control"),
}
_HIGH_PASS_KEY = "googHighpassFilter"


@dataclass(frozen=True)
class ApmSettings:
    """Which WebRTC APM features run. The defaults are a browser's ``getUserMedia`` defaults:
    everything on."""

    echo_cancellation: bool = True
    noise_suppression: bool = True
    auto_gain_control: bool = True
    high_pass_filter: bool = True

    @property
    def any(self) -> bool:
        """True when the APM has anything to do (else it is skipped entirely)."""
        return (
            self.echo_cancellation
            or self.noise_suppression
            or self.auto_gain_control
            or self.high_pass_filter
        )

    @classmethod
    def from_constraints(cls, constraints: object) -> ApmSettings:
        """Read the SDK's ``audioConstraints`` as a browser would.

        Accepted forms, as ``getUserMedia`` takes them: a bool or anything that is not a
        mapping (→ all defaults); standard keys ``echoCancellation``, ``noiseSuppression``,
        ``autoGainControl`` with a bool or ``{'exact': bool}`` / ``{'ideal': bool}``; the
        legacy Chrome form ``{'optional': [{'googAutoGainControl': True}, ...],
        'mandatory': {...}}`` (the SDK's own default) with ``googEchoCancellation``,
        ``googNoiseSuppression``, ``googAutoGainControl``, ``googHighpassFilter``. A
        standard key wins over its legacy twin; values that are not booleans are ignored
        with a warning. The high-pass filter follows ``googHighpassFilter``, else runs
        unless all three are off. Unknown keys (deviceId, channelCount, ...) are not ours
        to judge.
        """
        if not isinstance(constraints, Mapping):
            return cls()
        legacy = _legacy_constraints(constraints)
        values: dict[str, bool] = {}
        for key, (legacy_key, field) in _CONSTRAINT_KEYS.items():
            value = _constraint_bool(key, constraints.get(key))
            if value is None:
                value = _constraint_bool(legacy_key, legacy.get(legacy_key))
            if value is not None:
                values[field] = value
        high_pass = _constraint_bool(_HIGH_PASS_KEY, legacy.get(_HIGH_PASS_KEY))
        if high_pass is None:
            # Asking for no echo cancellation, noise suppression or gain control is asking
            # for unprocessed audio (music, measurements): the high-pass goes too.
            high_pass = any(values.get(field, True) for _, field in _CONSTRAINT_KEYS.values())
        return cls(**values, high_pass_filter=high_pass)


def _legacy_constraints(constraints: Mapping[str, Any]) -> dict[str, Any]:
    """The legacy goog* keys from top level, ``optional`` (list of dicts) and ``mandatory``
    (later wins: mandatory over optional over top level)."""
    merged = {k: v for k, v in constraints.items() if k.startswith("goog")}
    optional = constraints.get("optional")
    if isinstance(optional, list):
        for item in optional:
            if isinstance(item, Mapping):
                merged.update(item)
    mandatory = constraints.get("mandatory")
    if isinstance(mandatory, Mapping):
        merged.update(mandatory)
    return merged


def _constraint_bool(key: str, value: object) -> bool | None:
    if value is None:
        return None
    if isinstance(value, Mapping):
        for inner in ("exact", "ideal"):
            if isinstance(value.get(inner), bool):
                return bool(value[inner])
    elif isinstance(value, bool):
        return value
    log.warning("audioConstraints: ignoring %s=%r (expected a boolean)", key, value)
    return None


# ---------------------------------------------------------------------------------------
# RNNoise
# ---------------------------------------------------------------------------------------


class NoiseReductionUnavailable(RuntimeError):
    """RNNoise could not be loaded (the ``pyrnnoise`` package or its library is missing)."""


def _rnnoise_library_path() -> Path:
    # pyrnnoise ships librnnoise in its package folder. Importing the package itself would
    # pull in its file-conversion extras (audiolab, PyAV graphs, matplotlib), which the call
    # path does not need, so only the library is loaded. A frozen build carries the
    # library alone, in a "pyrnnoise" folder of its bundle.
    folders: list[Path] = []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        folders.append(Path(bundle) / "pyrnnoise")
    spec = importlib.util.find_spec("pyrnnoise")
    if spec is not None and spec.submodule_search_locations:
        folders.append(Path(next(iter(spec.submodule_search_locations))))
    if not folders:
        raise NoiseReductionUnavailable("RNNoise is not installed (PyPI package 'pyrnnoise')")
    for folder in folders:
        for name in ("librnnoise.so", "librnnoise.dylib", "rnnoise.dll"):
            if (folder / name).exists():
                return folder / name
    raise NoiseReductionUnavailable(f"no RNNoise library in {', '.join(map(str, folders))}")


_rnnoise_lib: ctypes.CDLL | None = None
_rnnoise_lock = threading.Lock()


def _load_rnnoise() -> ctypes.CDLL:
    """The RNNoise C library, loaded once per process."""
    global _rnnoise_lib
    with _rnnoise_lock:
        if _rnnoise_lib is None:
            path = _rnnoise_library_path()
            try:
                lib = ctypes.CDLL(str(path))
            except OSError as exc:
                raise NoiseReductionUnavailable(f"cannot load {path}: {exc}") from exc
            lib.rnnoise_create.argtypes = [ctypes.c_void_p]
            lib.rnnoise_create.restype = ctypes.c_void_p
            lib.rnnoise_destroy.argtypes = [ctypes.c_void_p]
            lib.rnnoise_destroy.restype = None
            lib.rnnoise_process_frame.argtypes = [ctypes.c_void_p] * 3
            lib.rnnoise_process_frame.restype = ctypes.c_float
            lib.rnnoise_get_frame_size.restype = ctypes.c_int
            if lib.rnnoise_get_frame_size() != FRAME_SAMPLES:
                raise NoiseReductionUnavailable("RNNoise library does not use 10 ms frames")
            _rnnoise_lib = lib
        return _rnnoise_lib


class _Denoiser:
    """One RNNoise state (one audio stream) with its float buffers."""

    def __init__(self, lib: ctypes.CDLL) -> None:
        self._lib = lib
        self._state = lib.rnnoise_create(None)
        if not self._state:
            raise NoiseReductionUnavailable("rnnoise_create failed")
        self._in = np.zeros(FRAME_SAMPLES, dtype=np.float32)
        self._out = np.zeros(FRAME_SAMPLES, dtype=np.float32)
        self._in_ptr = self._in.ctypes.data
        self._out_ptr = self._out.ctypes.data

    def process(self, frame: np.ndarray) -> None:
        """Denoise one 10 ms int16 frame in place. RNNoise works on floats at int16 scale."""
        np.copyto(self._in, frame, casting="unsafe")
        self._lib.rnnoise_process_frame(self._state, self._out_ptr, self._in_ptr)
        np.clip(self._out, -32768.0, 32767.0, out=self._out)
        np.copyto(frame, self._out, casting="unsafe")

    def close(self) -> None:
        if self._state:
            self._lib.rnnoise_destroy(self._state)
            self._state = None

    def __del__(self) -> None:
        self.close()


class NoiseReduction:
    """The session's noise-reduction switch: the SDK's ``enableNoiseReduction`` option,
    RNNoise's readiness (``onNoiseReductionReady``) and ``start/stop_noise_reduction()``.

    One instance is shared by every :class:`CaptureProcessor` of a session, so starting or
    stopping applies mid-call and to later calls alike. The flag is read once per frame by
    the capture thread; start/stop may come from any thread.
    """

    def __init__(self, enabled: bool, on_ready: Callable[[], None] | None = None) -> None:
        self.enabled = enabled
        self._on_ready = on_ready
        self._lib: ctypes.CDLL | None = None
        self._active = False
        self._lock = threading.Lock()

    @property
    def ready(self) -> bool:
        """RNNoise is loaded and can be started."""
        return self._lib is not None

    @property
    def active(self) -> bool:
        """Noise reduction is started (capture frames go through RNNoise)."""
        return self._active

    def load(self) -> bool:
        """Load RNNoise if the option is on; call the ready callback once when it is loaded.

        Returns whether noise reduction is ready. Failure to load is logged with its cause;
        it never raises. Loading takes milliseconds; it may run on a worker thread.
        """
        if not self.enabled:
            return False
        with self._lock:
            if self._lib is not None:
                return True
            try:
                self._lib = _load_rnnoise()
            except NoiseReductionUnavailable as exc:
                log.error("noise reduction unavailable: %s", exc)
                return False
        if self._on_ready is not None:
            self._on_ready()
        return True

    def start(self) -> bool:
        """Start noise reduction. False when the option is off, RNNoise is not loaded, or it
        is already started (the SDK turns each case into its warning)."""
        with self._lock:
            if not self.enabled or self._lib is None or self._active:
                return False
            self._active = True
            return True

    def stop(self) -> bool:
        """Stop noise reduction. False when it was not started."""
        with self._lock:
            if not self._active:
                return False
            self._active = False
            return True

    def new_denoiser(self) -> _Denoiser | None:
        """A fresh RNNoise state for one stream, or None while RNNoise is not loaded."""
        return _Denoiser(self._lib) if self._lib is not None else None


# ---------------------------------------------------------------------------------------
# The capture chain
# ---------------------------------------------------------------------------------------


class _ApmFrame:
    """A 10 ms livekit AudioFrame over a buffer allocated once, with a numpy view of it.

    The APM processes the frame's memory in place, so the same buffer is reused for every
    call."""

    def __init__(self) -> None:
        # livekit (its FFI library and protobuf modules, ~6 MB and ~40 ms) is imported
        # when a call's capture chain is built, not by the idle app.
        from livekit import rtc

        self.buffer = bytearray(FRAME_SAMPLES * 2)
        self.samples = np.frombuffer(self.buffer, dtype=np.int16)
        self.frame = rtc.AudioFrame(self.buffer, SAMPLE_RATE, 1, FRAME_SAMPLES)


class CaptureProcessor:
    """Microphone frames in, processed frames out: WebRTC APM, then RNNoise when started.

    ``process()`` is called by the capture thread, ``far_end()`` by the playout thread; each
    uses its own buffers, and the WebRTC APM synchronises its render and capture sides
    itself. Frames are mono 48 kHz int16 numpy arrays of 480 (10 ms) or 960 (20 ms)
    samples; 20 ms frames are processed as two 10 ms halves.
    """

    def __init__(
        self,
        settings: ApmSettings | None = None,
        noise_reduction: NoiseReduction | None = None,
    ) -> None:
        self.settings = settings if settings is not None else ApmSettings()
        self.noise_reduction = noise_reduction or NoiseReduction(enabled=False)
        s = self.settings
        from livekit import rtc  # lazily, as in _ApmFrame: only calls need the APM

        self._apm = (
            rtc.AudioProcessingModule(
                echo_cancellation=s.echo_cancellation,
                noise_suppression=s.noise_suppression,
                high_pass_filter=s.high_pass_filter,
                auto_gain_control=s.auto_gain_control,
            )
            if s.any
            else None
        )
        self._near = _ApmFrame()
        self._far = _ApmFrame()
        self._out = np.zeros(2 * FRAME_SAMPLES, dtype=np.int16)
        self._stream_delay_ms = 0
        self._denoiser = self.noise_reduction.new_denoiser()
        cancelling = self._apm is not None and s.echo_cancellation
        self._echo_path = EchoPathDetector() if cancelling else None
        self._dither = _dither() if self._apm is not None and s.noise_suppression else None
        self._dither_at = 0

    @classmethod
    def from_options(
        cls, audio_constraints: object, noise_reduction: NoiseReduction | None = None
    ) -> CaptureProcessor:
        """A processor for the SDK options ``audioConstraints`` (+ the session's noise
        reduction)."""
        return cls(ApmSettings.from_constraints(audio_constraints), noise_reduction)

    @property
    def stream_delay_ms(self) -> int:
        """The delay told to the echo canceller: playout-buffer plus capture-buffer delay,
        in ms, as the audio I/O measures it. The canceller estimates the delay on its own,
        so 0 (the default) works: livekit's AEC3 gives the same output for 0, 50 and 100
        ms on a 55 ms echo path (measured; it uses the value only with an external delay
        estimator, which livekit does not configure)."""
        return self._stream_delay_ms

    @stream_delay_ms.setter
    def stream_delay_ms(self, value: int) -> None:
        self._stream_delay_ms = max(0, min(int(value), 500))

    def start_noise_reduction(self) -> bool:
        """Start RNNoise for this processor's session (see :meth:`NoiseReduction.start`)."""
        return self.noise_reduction.start()

    def stop_noise_reduction(self) -> bool:
        """Stop RNNoise for this processor's session (see :meth:`NoiseReduction.stop`)."""
        return self.noise_reduction.stop()

    def new_call(self) -> None:
        """Ready the chain for another call on the same microphone.

        Gain control and noise suppression keep what they learnt: a fresh APM starts each
        call with the gain it climbed to over the silence before the first words, +6 to
        +13 dB over the first second, and costs the first utterance 0.2-0.4 PESQ-WB
        (measured: 3.77 fresh, 4.24 kept, for speech at -18 dBFS). The echo path is
        looked for afresh, since this call may be on other devices (a headset then, the
        loudspeaker now), and the canceller hears silence until it is found again.
        """
        if self._echo_path is not None:
            self._echo_path = EchoPathDetector()

    @property
    def echo_path_detected(self) -> bool:
        """The microphone hears the speaker, so the echo canceller is at work (see
        :class:`~webphone.audio.echo_path.EchoPathDetector`)."""
        return self._echo_path is not None and self._echo_path.present

    def far_end(self, frame: np.ndarray) -> None:
        """Feed a frame that is being played to the speaker (the echo reference)."""
        detector = self._echo_path
        if self._apm is None or detector is None:
            return
        n = _check_frame(frame)
        far = self._far.samples
        for start in range(0, n, FRAME_SAMPLES):
            part = frame[start : start + FRAME_SAMPLES]
            detector.render(part)
            if detector.present:
                far[:] = part
            else:
                # No echo path: the canceller hears silence, so it has nothing to
                # suppress (it would take the far end's level for the echo's, and cut
                # the near-end talker with it). Its render and capture sides still
                # advance together, ready for a path to appear.
                far.fill(0)
            self._apm.process_reverse_stream(self._far.frame)

    def __call__(self, frame: np.ndarray) -> np.ndarray:
        """:meth:`process`, so a processor plugs into the capture stream as a callable."""
        return self.process(frame)

    def process(self, frame: np.ndarray) -> np.ndarray:
        """Process one microphone frame.

        Returns the processed frame, a view of a buffer owned by this processor that the
        next call overwrites: copy it if you keep it.
        """
        n = _check_frame(frame)
        denoise = self.noise_reduction.active
        if denoise and self._denoiser is None:
            # Noise reduction was loaded after this processor was made: one allocation, once.
            self._denoiser = self.noise_reduction.new_denoiser()
        out = self._out[:n]
        for start in range(0, n, FRAME_SAMPLES):
            near = self._near.samples
            near[:] = frame[start : start + FRAME_SAMPLES]
            if self._echo_path is not None:
                self._echo_path.capture(near)
            if self._dither is not None and not near.any():
                near[:] = self._dither[self._dither_at : self._dither_at + FRAME_SAMPLES]
                self._dither_at = (self._dither_at + FRAME_SAMPLES) % self._dither.shape[0]
            if self._apm is not None:
                if self.settings.echo_cancellation:
                    # The APM asks for this before every capture frame when AEC is on.
                    self._apm.set_stream_delay_ms(self._stream_delay_ms)
                self._apm.process_stream(self._near.frame)
            if denoise and self._denoiser is not None:
                self._denoiser.process(near)
            out[start : start + FRAME_SAMPLES] = near
        return out


def _dither() -> np.ndarray:
    """A second of the -90 dBFS noise that stands in for digital silence (see
    ``_DITHER_SECONDS``), made once per processor: Gaussian, 1 LSB RMS, rounded."""
    noise = np.random.default_rng(0).normal(0.0, 1.0, _DITHER_SECONDS * SAMPLE_RATE)
    return np.round(noise).astype(np.int16)


def _check_frame(frame: np.ndarray) -> int:
    if frame.dtype != np.int16 or frame.ndim != 1 or frame.shape[0] not in ACCEPTED_SAMPLES:
        raise ValueError(
            "expected a mono int16 frame of 480 or 960 samples (10/20 ms at 48 kHz), "
            f"got dtype={frame.dtype} shape={frame.shape}"
        )
    return int(frame.shape[0])
