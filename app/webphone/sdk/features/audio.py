"""``client.audio``: the seed's Audio Device API over the audio engine, plus what the client
needs from it — the call's microphone track, far-end playout, tones, noise reduction, the
``volume`` event, ``onMediaPermission`` and ``audioDeviceChange``.

Device ids are the backend's (the sound server's sink/source names on Linux); ``'default'``
follows the system default. A client made with the null backend (the default for the SDK:
bots, the CLI, servers) has no devices and leaves calls to their own audio sources.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from ...audio.devices import (
    ADDED,
    DEFAULT_ID,
    INPUT,
    OUTPUT,
    REMOVED,
    AudioDevice,
    DeviceBackend,
    Kind,
)
from ...audio.engine import RINGTONE_OUTPUT, AudioEngine, Role
from ...audio.processing import ApmSettings, CaptureProcessor, NoiseReduction
from ...audio.stream import CEILING_DB, FLOOR_DB
from ...audio.tones import ToneKind, ToneLibrary, TonePolicy, ToneSource, feedback_tone_name
from ..core.call import Direction
from .device_policy import devices_after_added

if TYPE_CHECKING:
    from av import AudioFrame

    from ...audio.microphone_stream import MicrophoneStream
    from ...audio.track import MicrophoneTrack
    from .feature_host import CaptureObserver, FeatureHost

log = logging.getLogger(__name__)

_T = TypeVar("_T")

VOLUME_HZ = 60
#: A new device is switched to (or away from) this long after it appeared, as the seed does.
AUTO_SWITCH_SECONDS = 0.2
#: The ``volume`` event keeps coming this long after a call ends (as the seed does).
VOLUME_TAIL_SECONDS = 3.0
#: after a microphone change, how long a fallback device has to deliver audio
MICROPHONE_CHECK_SECONDS = 1.0
_FILTERS: dict[str | None, tuple[Kind, ...]] = {
    None: (INPUT, OUTPUT),
    "input": (INPUT,),
    "output": (OUTPUT,),
}
OUTGOING = Direction.OUTGOING.value  # CallInfo's "direction" of a call we placed
_TERMINAL_EVENTS = (
    "onCallTerminated",
    "onCallFailed",
    "onIncomingCallCanceled",
    "onIncomingCallIgnored",
)


class TonePlayer:
    """What ``media(source)`` returns: one tone on one output, like the seed's audio
    element — ``play()``, ``pause()``, ``paused``."""

    def __init__(self, audio: ClientAudio, key: str, name: str, output: str, loop: bool) -> None:
        self._audio = audio
        self.key = key
        self.name = name
        self.output = output
        self.loop = loop

    @property
    def paused(self) -> bool:
        return not self._audio.engine_playing(self.key)

    def play(self, location: str | bool = True) -> None:
        """Play the default tone (or the file/URL *location*) from its start."""
        self._audio.play_tone(self.key, self.name, location, self.output, self.loop)

    def pause(self) -> None:
        self._audio.stop_tone(self.key)


class DeviceSelector:
    """``microphoneDevices`` / ``speakerDevices`` / ``ringtoneDevices``."""

    def __init__(self, audio: ClientAudio, role: Role) -> None:
        self._audio = audio
        self.role = role
        self._kind: Kind = INPUT if role == "microphone" else OUTPUT

    def set(self, device_id: object) -> bool:
        """Use *device_id* (from ``available_devices``); mid-call the stream moves. An id
        that is not a string or not a known device of this kind is refused (False, with
        the seed's error message logged) and nothing changes."""
        if not isinstance(device_id, str):
            log.error("Device id should be string")
            return False
        if not self._audio.known(self._kind, device_id):
            log.error("Invalid %s device id", "input" if self._kind == INPUT else "output")
            return False
        self._audio.engine.set_device(self.role, device_id)
        self._audio.chosen[self.role] = device_id
        self._audio.lost.pop(self.role, None)
        return True

    def get(self) -> str:
        """The id set with :meth:`set`, or ``''`` when following the default."""
        return self._audio.chosen.get(self.role, "")

    def reset(self) -> bool:
        """Follow the system default again."""
        self._audio.engine.set_device(self.role, DEFAULT_ID)
        self._audio.chosen.pop(self.role, None)
        self._audio.lost.pop(self.role, None)
        return True

    def gain(self, device_id: str | None = None) -> float:
        """The level change (dB) set for *device_id*, by default the device in use: a
        Webphone extension, the microphone's gain or an output's volume."""
        return self._audio.engine.gain(self.role, device_id)

    def set_gain(self, db: float, device_id: str | None = None) -> None:
        """Change this role's level on *device_id* (default: the device in use) by *db*,
        -40 to +20 dB (``ValueError`` outside it). Each device keeps its own, applied
        whenever it is in use, mid-call too. The microphone's gain applies to what is sent,
        after the capture chain, so gain control does not undo it."""
        if not isinstance(db, int | float) or isinstance(db, bool):
            raise ValueError(f"gain must be a number of dB, not {db!r}")
        self._audio.engine.set_gain(self.role, float(db), device_id)

    def gains(self) -> dict[str, float]:
        """Every device with a gain set, and its gain (dB): what an app stores to set them
        again with :meth:`set_gain` on its next start."""
        return self._audio.engine.gains(self.role)

    def media(self, source: str | None = None) -> TonePlayer:
        """The tone player on this output: speaker ``'ringback'`` (default) or ``'dtmf'``
        (the key-press feedback tone); the ringtone device's ringtone."""
        if self.role == "ringtone":
            return self._audio.players[ToneKind.RINGTONE.value]
        if self.role == "speaker":
            if source == "dtmf":
                return self._audio.players["dtmf"]
            if source in (None, "ringback"):
                return self._audio.players[ToneKind.RINGBACK.value]
            raise ValueError(f"media source must be 'dtmf' or 'ringback', not {source!r}")
        raise ValueError("the microphone has no media element")


class ClientAudio:
    """The client's audio: devices, the engine and the tone policy."""

    def __init__(
        self, client: FeatureHost, quality: CaptureObserver, backend: DeviceBackend
    ) -> None:
        self._client = client
        self._quality = quality
        self.engine = AudioEngine(backend)
        self.chosen: dict[Role, str] = {}
        # Each role's chosen device that went away: it is used again when it comes back.
        self.lost: dict[Role, str] = {}
        self._added: list[AudioDevice] = []  # devices added in this burst (auto-switch)
        self.noise_reduction = NoiseReduction(
            bool(client.options["enableNoiseReduction"]), on_ready=self._noise_reduction_ready
        )
        self._capture_chain: CaptureProcessor | None = None  # kept across calls
        self.tones = ToneLibrary()
        self.policy = TonePolicy(self)
        self.microphone_devices = DeviceSelector(self, "microphone")
        self.speaker_devices = DeviceSelector(self, "speaker")
        self.ringtone_devices = DeviceSelector(self, "ringtone")
        self.players = {
            ToneKind.RINGTONE.value: TonePlayer(
                self, "ringtone", ToneKind.RINGTONE.value, RINGTONE_OUTPUT, True
            ),
            ToneKind.RINGBACK.value: TonePlayer(
                self, "ringback", ToneKind.RINGBACK.value, "speaker", True
            ),
            "dtmf": TonePlayer(self, "dtmf", "dtmf-star", "speaker", False),
        }
        self._cache: list[AudioDevice] = []
        self._tone_locations: dict[str, str | bool] = {}  # what each playing tone key plays
        self._loop: asyncio.AbstractEventLoop | None = None
        self._volume_task: asyncio.Task[None] | None = None
        self._volume_until = 0.0
        self._permission_reported = False
        self._answered: set[str] = set()
        # The outgoing call's UUID when it was dialled: the tone policy keeps that key for
        # it, though a server may rename the call later (Plivo's X-Calluuid in 18x/2xx).
        self._dialled: str | None = None
        self.enabled = backend.has_audio
        self.auto_answer_beeps = 0  # how many auto-answer beeps were due (tests read it)
        self._microphone_lost = False
        if self.enabled:
            quality.local_level = self._sent_level_db
            self._cache = self.engine.devices()
            client.media.audio_source_factory = self._call_track
            client.media.remote_audio_listeners.append(self._far_end)
            backend.watch(self._device_changed)
            self._subscribe()
        with_loop = _running_loop()
        if with_loop is not None:
            self._loop = with_loop
            with_loop.call_soon(self.report_permission)

    # -- the Audio Device API --------------------------------------------------------

    async def available_devices(self, filter: str | None = None) -> list[dict[str, str]]:
        """Every audio device (``filter`` ``'input'`` / ``'output'`` for one kind), as
        ``{deviceId, kind, label, groupId}`` dicts; raises ``ValueError`` for another
        filter."""
        if filter not in _FILTERS:
            raise ValueError(f"filter must be 'input', 'output' or None, not {filter!r}")
        self._cache = await asyncio.to_thread(self.engine.devices)
        return [d.as_dict() for d in self._cache if d.kind in _FILTERS[filter]]

    async def reveal_audio_devices(self, arg: str | None = None) -> str | MicrophoneStream:
        """Open the microphone (the permission check). Resolves ``'success'`` after
        closing it again; with ``'returnStream'`` resolves the open microphone as a
        :class:`~webphone.audio.microphone_stream.MicrophoneStream` (the reference SDK's
        MediaStream: read its track, ``stop()`` it when done). Raises ``RuntimeError``
        with the browser's error name when it can't be opened."""
        # on the loop, as calls open it: a few ms, and no race
        if arg == "returnStream":
            return self._open_microphone(self.engine.open_microphone_stream)
        self._open_microphone(self.engine.probe_microphone)
        return "success"

    def known(self, kind: Kind, device_id: str) -> bool:
        return any(d.kind == kind and d.device_id == device_id for d in self._cache)

    # -- tones -----------------------------------------------------------------------

    def prepare_tone(self, value: object) -> None:
        """Start fetching/decoding a user tone now, so it is ready when a call rings."""
        if isinstance(value, str):
            self.tones.prepare(value)

    def start_tone(self, kind: ToneKind, location: str | None) -> None:
        """:class:`~webphone.audio.tones.ToneSink`: the policy wants *kind* playing."""
        output = RINGTONE_OUTPUT if kind is ToneKind.RINGTONE else "speaker"
        self.play_tone(kind.value, kind.value, location or True, output, True)

    def stop_tone(self, kind: ToneKind | str) -> None:
        self._tone_locations.pop(str(kind), None)
        self.engine.stop_tone(str(kind))

    def play_tone(self, key: str, name: str, location: str | bool, output: str, loop: bool) -> None:
        # Whether the user's tone is still loading is read before the source is made: a
        # load finishing in between then only restarts the user's tone, where reading it
        # after (opening the output takes a while) left the stand-in playing all along.
        loading = isinstance(location, str) and not self.tones.prepare(location).done()
        source: ToneSource = self.tones.source(name, location, loop=loop)
        self.engine.play_tone(key, source, output)
        self._tone_locations[key] = location
        if loading and isinstance(location, str):
            self._take_over_when_loaded(key, name, location, output, loop)

    def _take_over_when_loaded(
        self, key: str, name: str, location: str, output: str, loop: bool
    ) -> None:
        """The default stands in while the user's tone loads (ringing never waits on a
        file or the network); the user's tone takes over as soon as it is decoded."""
        loop_now = self._loop
        if loop_now is None:
            return
        self.tones.prepare(location).add_done_callback(
            lambda f: (
                None
                if f.cancelled() or f.exception() is not None or loop_now.is_closed()
                else loop_now.call_soon_threadsafe(
                    self._user_tone_ready, key, name, location, output, loop
                )
            )
        )

    def _user_tone_ready(self, key: str, name: str, location: str, output: str, loop: bool) -> None:
        if self.engine.has_tone(key) and self._tone_locations.get(key) == location:
            self.engine.play_tone(key, self.tones.source(name, location, loop=loop), output)

    def engine_playing(self, key: str) -> bool:
        return self.engine.has_tone(key)

    def dtmf_feedback(self, digit: str) -> None:
        """The key-press tone for *digit* on the speaker."""
        if self.enabled:
            self.play_tone("dtmf", feedback_tone_name(digit), True, "speaker", False)

    def auto_answer_beep(self) -> None:
        """A short beep on the speaker: a call is being answered by itself (auto-answer,
        sdk/core/availability.py), so the user knows the line is open. The key-press tone of
        "#" (120 ms, two frequencies) is that beep."""
        self.auto_answer_beeps += 1
        if self.enabled:
            self.play_tone("auto-answer", feedback_tone_name("#"), True, "speaker", False)

    # -- calls -----------------------------------------------------------------------

    def _call_track(self) -> MicrophoneTrack:
        """``audio_source_factory``: the microphone through the capture chain."""
        options = self._client.options
        track = self.engine.start_call(self._chain_for(options["audioConstraints"]))
        track.on_muted_frame = self._quality.muted_capture
        self._microphone_lost = False
        if options["permOnClick"]:
            self._report_call_permission()
        self._run_volume()
        return track

    def _chain_for(self, audio_constraints: object) -> CaptureProcessor:
        """The capture chain for a call: the last call's, when the constraints still ask
        for the same processing, so its gain control starts where the last call left it
        (see :meth:`CaptureProcessor.new_call`); else a new one."""
        settings = ApmSettings.from_constraints(audio_constraints)
        chain = self._capture_chain
        if chain is None or chain.settings != settings:
            chain = CaptureProcessor(settings, self.noise_reduction)
            self._capture_chain = chain
        else:
            chain.new_call()
        return chain

    def _far_end(self, frame: AudioFrame) -> None:
        current = self._client.calls.current
        if current is None:
            return
        early = current.call_uuid not in self._answered
        if early and self.policy.early_media_muted:
            return  # the local ringback replaces the far end's early media
        self.engine.push_far_end(frame)

    def _subscribe(self) -> None:
        client = self._client
        client.on("onCalling", self._on_calling)
        client.on("onCallRemoteRinging", lambda info: self._policy("remote_ringing", info))
        client.on("onIncomingCall", lambda *args: self._policy("incoming_ringing", args[2]))
        client.on("onCallAnswered", self._on_answered)
        for event in _TERMINAL_EVENTS:
            client.on(event, lambda *args: self._on_ended(args[-1]))
        client.on("onLogin", self._on_login)

    def _on_calling(self) -> None:
        current = self._client.calls.current
        self._dialled = current.call_uuid if current is not None else None
        if self._dialled is not None:
            self._policy("dialing", {"callUUID": self._dialled, "direction": OUTGOING})

    def _tone_key(self, info: object) -> str | None:
        """The key the tone policy knows *info*'s call by: an outgoing call keeps the UUID
        it was dialled with, whatever the server renamed it to since."""
        if isinstance(info, dict) and info.get("direction") == OUTGOING and self._dialled:
            return self._dialled
        return _uuid(info)

    def _policy(self, step: str, info: object) -> None:
        key = self._tone_key(info)
        if key is None:
            return
        try:
            getattr(self.policy, step)(key)
        except ValueError as exc:  # an event the policy did not expect: tones stay as they are
            log.warning("tones: %s", exc)

    def _on_answered(self, info: object) -> None:
        uuid = _uuid(info)
        if uuid is not None:
            self._answered.add(uuid)
        self._policy("answered", info)
        self._check_microphone()

    def _sent_level_db(self) -> float | None:
        """What the microphone sends, in dBFS (the quality monitor's silence check);
        the meter tops out at -30 dBFS, far above the silence threshold."""
        if not self.engine.in_call:
            return None
        return FLOOR_DB + self.engine.input_level * (CEILING_DB - FLOOR_DB)

    def _check_microphone(self) -> None:
        """Tell the quality monitor whether the call's microphone works: lost when it
        can't be opened, restored once a (fallback) device delivers again."""
        if not (self.enabled and self.engine.in_call):
            return
        working = self.engine.microphone_working
        if not working and not self._microphone_lost:
            self._microphone_lost = True
            self._quality.microphone_lost()
        elif working and self._microphone_lost:
            self._microphone_lost = False
            self._quality.microphone_restored()

    def _recover_streams(self) -> None:
        """A call's device that stopped with no device event (PortAudio's devices, or a
        driver failing): the call goes on on the default device."""
        for role in self.engine.recover():
            self._lose(role)
        self._check_microphone()

    def _lose(self, role: Role) -> None:
        """*role*'s chosen device is gone (the engine already plays on the default)."""
        chosen = self.chosen.pop(role, None)
        if chosen is not None:
            self.lost[role] = chosen

    def _on_ended(self, info: object) -> None:
        self._answered.discard(_uuid(info) or "")
        self._policy("ended", info)
        if self._tone_key(info) == self._dialled:
            self._dialled = None
        if self._client.calls.current is None and self.engine.in_call:
            self.engine.end_call()
            self._volume_until = time.monotonic() + VOLUME_TAIL_SECONDS

    # -- hot-plug --------------------------------------------------------------------

    def _device_changed(self, change: str, device: AudioDevice) -> None:
        """From the backend's thread: hand over to the event loop."""
        loop = self._loop
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(self._apply_change, change, device)

    def _apply_change(self, change: str, device: AudioDevice) -> None:
        if change == ADDED:
            self._cache = [*self._cache, device]
            self.engine.revive()  # e.g. the sound server is back after a restart
        elif change == REMOVED:
            self._cache = [d for d in self._cache if d != device]
            fell_back = self.engine.device_removed(device)
            for role in fell_back:
                self._lose(role)
            if "microphone" in fell_back and self.engine.in_call and not self._microphone_lost:
                # The call's microphone was unplugged: say so (no_microphone_access) while
                # the call goes on with the default device, and clear it once that works.
                self._microphone_lost = True
                self._quality.microphone_lost()
        if self._microphone_lost and self._loop is not None:
            self._loop.call_later(MICROPHONE_CHECK_SECONDS, self._check_microphone)
        self._client.emit("audioDeviceChange", {"change": change, "device": device.as_dict()})
        if change == ADDED and self._loop is not None:
            if not self._added:
                self._loop.call_later(AUTO_SWITCH_SECONDS, self._auto_switch)
            self._added.append(device)

    def _auto_switch(self) -> None:
        """The devices added in the last moment, judged together (see device_policy):
        the contract's ``useDefaultAudioDevice`` rule, and lost choices coming back."""
        added = [d for d in self._added if self.known(d.kind, d.device_id)]  # not gone again
        self._added = []
        moves = devices_after_added(
            added, self.lost, use_default=bool(self._client.options["useDefaultAudioDevice"])
        )
        selectors = (self.microphone_devices, self.speaker_devices, self.ringtone_devices)
        for selector in selectors:
            device_id = moves.get(selector.role)
            if device_id:
                selector.set(device_id)
            elif device_id == "":
                selector.reset()

    # -- permission and noise reduction ------------------------------------------------

    def _open_microphone(self, how: Callable[[], _T]) -> _T:
        """Open the microphone *how*; raises ``RuntimeError`` with the browser's error
        name when there is none (``NotFoundError``) or it can't be opened
        (``NotReadableError``)."""
        if not self.enabled or not any(d.kind == INPUT for d in self._cache):
            raise RuntimeError("NotFoundError")
        try:
            return how()
        except Exception as exc:  # PortAudio refused the device
            log.error("cannot open the microphone: %s", exc)
            raise RuntimeError("NotReadableError") from exc

    def _probe(self) -> str | None:
        """Open and close the microphone; the browser's error name when it fails."""
        try:
            self._open_microphone(self.engine.probe_microphone)
        except RuntimeError as exc:
            return str(exc)
        return None

    def report_permission(self) -> None:
        """``onMediaPermission`` once: the microphone probed now (``permOnClick`` false)
        or at the first call (``permOnClick`` true: ``stream: false`` for now)."""
        if self._permission_reported or not self.enabled:
            return
        self._permission_reported = True
        if self._client.options["permOnClick"]:
            self._client.emit("onMediaPermission", {"status": "success", "stream": False})
            return
        self._emit_permission(self._probe())

    def _report_call_permission(self) -> None:
        """``permOnClick``: the call is when the microphone is asked for; a failure is
        reported then (the call goes on, sending silence)."""
        if not any(d.kind == INPUT for d in self._cache):
            self._emit_permission("NotFoundError")
        elif not self.engine.microphone_open:
            self._emit_permission("NotReadableError")

    def _emit_permission(self, error: str | None) -> None:
        if error is None:
            self._client.emit("onMediaPermission", {"status": "success", "stream": True})
        else:
            self._client.emit("onMediaPermission", {"status": "failure", "error": error})

    def _on_login(self) -> None:
        self._loop = self._loop or _running_loop()
        self.report_permission()
        if self.noise_reduction.enabled and not self.noise_reduction.ready:
            self._client.tasks.spawn(asyncio.to_thread(self.noise_reduction.load), "rnnoise-load")

    def _noise_reduction_ready(self) -> None:
        loop = self._loop
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(self._client.emit, "onNoiseReductionReady")

    def start_noise_reduction(self) -> bool:
        if not self.noise_reduction.enabled:
            log.warning(
                'Noise reduction cannot be started since "enableNoiseReduction" is set to false'
            )
            return False
        if not self.noise_reduction.ready:
            log.warning("Noise reduction is not ready")
            return False
        if not self.noise_reduction.start():
            log.warning("Noise suprresion is already started")
            return False
        return True

    def stop_noise_reduction(self) -> bool:
        if not self.noise_reduction.stop():
            log.warning("Noise suprresion is already stopped")
            return False
        return True

    # -- the volume event ------------------------------------------------------------

    def _run_volume(self) -> None:
        if self._volume_task is None or self._volume_task.done():
            self._volume_task = self._client.tasks.spawn(self._volume(), "audio-volume")

    async def _volume(self) -> None:
        """``volume`` at 60 Hz while a call runs (and a little after), from the levels
        the audio callbacks keep."""
        period = 1 / VOLUME_HZ
        ticks = 0
        while self.engine.in_call or time.monotonic() < self._volume_until:
            ticks += 1
            if ticks % VOLUME_HZ == 0 and self.engine.in_call:
                self._recover_streams()  # once a second
            current = self._client.calls.current
            muted = current is not None and current.muted  # the seed's track is disabled
            self._client.emit(
                "volume",
                {
                    "inputVolume": 0.0 if muted else round(self.engine.input_level, 3),
                    "outputVolume": round(self.engine.output_level, 3),
                },
            )
            await asyncio.sleep(period)

    def close(self) -> None:
        if self._volume_task is not None:
            self._volume_task.cancel()
        self.engine.close()
        self.tones.close()


def _uuid(info: object) -> str | None:
    if isinstance(info, dict):
        value = info.get("callUUID")
        return str(value) if value else None
    return None


def _running_loop() -> asyncio.AbstractEventLoop | None:
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


__all__ = ["ClientAudio", "DeviceSelector", "TonePlayer"]
