"""Trying a ringtone before choosing it: :meth:`Client.preview_ring_tone`.

A preview plays the tone once (the default tone, or the user's file or URL decoded as
``set_ring_tone`` would) on the ringtone device, beside whatever else plays there. Unlike a
ringing call, a file that cannot be played is an error here, not the default tone in its
place: the user is choosing that file and needs to hear that it does not work.
"""

from __future__ import annotations

import asyncio
import itertools
from typing import TYPE_CHECKING

import numpy as np

from ...audio.engine import RINGTONE_OUTPUT
from ...audio.tones import ToneKind, ToneSource, default_tone, tone_setting

if TYPE_CHECKING:
    from .audio import ClientAudio

_KEY_PREFIX = "ringtone-preview-"


class RingTonePreview:
    """One playing of a tone on the ringtone device; it ends by itself after one pass."""

    def __init__(self, audio: ClientAudio, key: str, samples: np.ndarray) -> None:
        self._audio = audio
        self._key = key
        self._source = ToneSource(samples, loop=False)
        self._loop = asyncio.get_running_loop()
        self._ended: asyncio.Future[None] = self._loop.create_future()
        self._end_reported = False

    @property
    def playing(self) -> bool:
        return not self._ended.done()

    def _start(self) -> None:
        self._audio.engine.play_tone(self._key, self._frames, RINGTONE_OUTPUT)

    def _frames(self, count: int) -> np.ndarray | None:
        # Called on the audio thread: the end is handed to the loop, which stops the tone
        # (and so closes the ringtone device when nothing else plays on it).
        samples = self._source(count)
        if samples is None and not self._end_reported:
            self._end_reported = True
            if not self._loop.is_closed():
                self._loop.call_soon_threadsafe(self.stop)
        return samples

    def stop(self) -> None:
        """End the preview now (nothing happens when it has already ended)."""
        if self._ended.done():
            return
        self._audio.stop_tone(self._key)
        self._ended.set_result(None)

    async def wait(self) -> None:
        """Return once the preview has ended, by itself or by :meth:`stop`."""
        await asyncio.shield(self._ended)


class RingTonePreviews:
    """The client's previews: at most one plays, a new one ends the one before."""

    def __init__(self, audio: ClientAudio) -> None:
        self._audio = audio
        self._current: RingTonePreview | None = None
        self._keys = itertools.count(1)

    async def start(self, value: object) -> RingTonePreview:
        setting = tone_setting(value)
        if setting is False:
            raise ValueError("the ringtone is off: there is nothing to preview")
        if not self._audio.enabled:
            raise RuntimeError("there is no sound device to play the ringtone on")
        if isinstance(setting, str):
            # Raises ToneLoadError saying which file and why it cannot be played.
            samples = await asyncio.wrap_future(self._audio.tones.prepare(setting))
        else:
            samples = default_tone(ToneKind.RINGTONE.value)
        # Once through the sound, not the silence of its cadence (the default tone is 2 s
        # of trill and 4 s of nothing): a preview that ends when it falls silent.
        audible = np.trim_zeros(samples, "b")
        self.stop()
        key = f"{_KEY_PREFIX}{next(self._keys)}"
        preview = RingTonePreview(self._audio, key, audible if audible.size else samples)
        self._current = preview
        preview._start()
        return preview

    def stop(self) -> None:
        if self._current is not None:
            self._current.stop()
            self._current = None
