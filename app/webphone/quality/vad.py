"""Voice activity on the (muted) microphone, for the speaking-on-mute warning.

The reference SDK runs the browser's speech recognition while muted; we run the WebRTC
project's voice-activity detector (``webrtcvad-wheels``: the GMM VAD of libwebrtc, in C)
on the microphone frames we would have sent. It classifies 10 ms frames; a decision on
single frames would call a key click or a cough speech, so speech *starts* only when
``min_speech_ms`` of the last ``window_ms`` were voiced, and *ends* after
``hangover_ms`` without a voiced frame. Room noise and clicks stay quiet; very loud
broadband noise (white noise above about -25 dBFS) is now and then taken for speech.

Cheap enough for the audio path: no allocation per frame beyond the VAD's own call (the
10 ms slices are memoryviews of the caller's buffer).
"""

from __future__ import annotations

from collections import deque

import numpy as np
import numpy.typing as npt
import webrtcvad

SAMPLE_RATE = 48000
FRAME_MS = 10
FRAME_SAMPLES = SAMPLE_RATE * FRAME_MS // 1000  # 480
FRAME_BYTES = FRAME_SAMPLES * 2  # int16 mono

Frame = bytes | bytearray | memoryview | npt.NDArray[np.int16]


class VoiceActivity:
    """Speech onset detection over 48 kHz mono int16 audio in 10 ms multiples.

    *aggressiveness* is webrtcvad's mode, 0 (lenient) to 3 (strict: fewest false alarms
    on noise, which is what a warning wants).
    """

    def __init__(
        self,
        aggressiveness: int = 3,
        min_speech_ms: int = 300,
        window_ms: int = 600,
        hangover_ms: int = 500,
    ) -> None:
        if not 0 <= aggressiveness <= 3:
            raise ValueError(f"aggressiveness must be 0..3, got {aggressiveness!r}")
        if not 0 < min_speech_ms <= window_ms:
            raise ValueError("min_speech_ms must be > 0 and not longer than window_ms")
        self._vad = webrtcvad.Vad(aggressiveness)
        self._min_voiced = max(1, min_speech_ms // FRAME_MS)
        self._recent: deque[bool] = deque(maxlen=max(1, window_ms // FRAME_MS))
        self._voiced = 0  # voiced frames in _recent
        self._hangover = max(1, hangover_ms // FRAME_MS)
        self._silent_run = 0
        self.speaking = False

    def feed(self, frame: Frame) -> bool:
        """Classify *frame* (a multiple of 10 ms); True when speech starts in it."""
        data = memoryview(frame.data if isinstance(frame, np.ndarray) else frame).cast("B")
        if len(data) % FRAME_BYTES:
            raise ValueError(
                f"frame must be a multiple of {FRAME_BYTES} bytes (10 ms at 48 kHz int16), "
                f"got {len(data)}"
            )
        started = False
        for offset in range(0, len(data), FRAME_BYTES):
            voiced = self._vad.is_speech(data[offset : offset + FRAME_BYTES], SAMPLE_RATE)
            started |= self._step(bool(voiced))
        return started

    def _step(self, voiced: bool) -> bool:
        if len(self._recent) == self._recent.maxlen and self._recent[0]:
            self._voiced -= 1
        self._recent.append(voiced)
        self._voiced += voiced
        self._silent_run = 0 if voiced else self._silent_run + 1
        if self.speaking:
            if self._silent_run >= self._hangover:
                self.speaking = False
            return False
        if self._voiced >= self._min_voiced:
            self.speaking = True
            return True
        return False

    def reset(self) -> None:
        """Forget the past (a new mute period starts from silence)."""
        self._recent.clear()
        self._voiced = 0
        self._silent_run = 0
        self.speaking = False
