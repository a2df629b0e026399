"""What the voice-path bench (test_voice_path.py) stands on: ``webphone-cli --audio pulse``
processes driven through their stdin and event lines, the demo service's media routed
through the impairment relay, an acoustic echo path on a rig sound server, and the
measures (PESQ-WB, delay by cross-correlation, ERLE).

Everything blocking (``pactl``, waiting for ``pacat``, copying recordings) runs in a
thread: the demo service, its echo bot and the relay live on the test's event loop, and a
stalled loop would be heard as a network glitch in the very audio being measured.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import math
import os
import shutil
import subprocess
import sys
import time
import wave
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from pesq import pesq
from scipy.signal import correlate, resample_poly
from tests.rig.impairment import ImpairmentRelay
from tests.rig.pulse import RATE, PulseServer

from webphone.demo.proxy import Delivery, Proxy
from webphone.sip.message import SipRequest

PESQ_RATE = 16000
EVENT_TIMEOUT = 30.0
STREAM_TIMEOUT = 10.0
ROOT = Path(__file__).resolve().parents[2]

# -- speech ---------------------------------------------------------------------------------


def speak(
    text: str, voice: str, tmp: Path, *, lead_in: float = 0.5, tail: float = 0.3
) -> np.ndarray:
    """espeak-ng's *text* in *voice* as 48 kHz int16, peaks at -6 dBFS, with silence
    around it: the lead-in covers a capture stream's first blocks, the tail the last
    packets' way to the far end."""
    assert shutil.which("espeak-ng"), "espeak-ng is needed (tests/rig/ensure_system.sh)"
    path = tmp / f"speech-{hashlib.sha1((voice + text).encode()).hexdigest()[:12]}.wav"
    subprocess.run(["espeak-ng", "-v", voice, "-w", str(path), text], check=True)
    with wave.open(str(path), "rb") as wav:
        rate = wav.getframerate()
        raw = np.frombuffer(wav.readframes(wav.getnframes()), dtype="<i2").astype(np.float64)
    samples = resample_poly(raw, RATE, rate)
    samples *= 0.5 * 32767 / np.abs(samples).max()
    padded = np.concatenate([np.zeros(int(lead_in * RATE)), samples, np.zeros(int(tail * RATE))])
    return np.round(padded).astype(np.int16)


def save_wav(path: Path, samples: np.ndarray) -> None:
    """*samples* (48 kHz int16) as a mono WAV at *path* (directories made)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(RATE)
        wav.writeframes(samples.astype("<i2").tobytes())


def to_pesq_rate(samples: np.ndarray) -> np.ndarray:
    return np.asarray(resample_poly(samples.astype(np.float64), 1, RATE // PESQ_RATE))


# -- measures -------------------------------------------------------------------------------


def locate(recording: np.ndarray, reference: np.ndarray, earliest: int = 0) -> int:
    """Where (in 48 kHz samples) *reference* starts in *recording*, by cross-correlation
    at 16 kHz, not before *earliest*. The recording is zero-padded so a reference that
    runs past its end is still found."""
    ref = to_pesq_rate(reference)
    rec = to_pesq_rate(recording)
    rec = np.concatenate([rec, np.zeros(len(ref))])
    scores = correlate(rec, ref, mode="valid", method="fft")
    start = earliest // (RATE // PESQ_RATE)
    return (start + int(np.argmax(scores[start:]))) * (RATE // PESQ_RATE)


def excerpt(recording: np.ndarray, start: int, length: int) -> np.ndarray:
    """*length* samples of *recording* from *start*, zero-padded past its end."""
    part = recording[start : start + length]
    return np.concatenate([part, np.zeros(length - len(part), dtype=recording.dtype)])


def pesq_wb(reference: np.ndarray, degraded: np.ndarray) -> float:
    """PESQ-WB (ITU-T P.862.2) of two aligned 48 kHz signals of the same length. A degraded
    signal with no speech in it at all scores the scale's floor (1.0)."""
    ref, deg = to_pesq_rate(reference), to_pesq_rate(degraded)
    if np.sqrt(np.mean(deg**2)) < 1.0:
        return 1.0
    try:
        return float(pesq(PESQ_RATE, ref, deg, "wb"))
    except Exception as exc:  # the pesq package raises its own NoUtterancesError et al.
        if "utterance" in str(exc).lower():
            return 1.0
        raise


def level_db(samples: np.ndarray) -> float:
    """Mean power in dBFS; digital silence reads -120, not minus infinity."""
    power = float(np.mean(samples.astype(np.float64) ** 2)) / 32768.0**2
    return 10 * math.log10(max(power, 1e-12))


# -- webphone-cli processes -----------------------------------------------------------------


def cli_command() -> list[str]:
    """The ``webphone-cli`` console script the README starts, when it is installed next
    to this Python (tests/run.sh's bootstrap installs it); else the module it runs."""
    script = Path(sys.executable).with_name("webphone-cli")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "webphone.cli.main"]


@dataclass
class CliPhone:
    """One ``webphone-cli --audio pulse`` process on its own sound server, logged in to
    *server_url*; its event lines are kept in :attr:`events` as (event, payload)."""

    name: str
    user: str
    password: str
    server_url: str
    domain: str
    pulse: PulseServer
    options: dict[str, Any] | None
    log_dir: Path
    events: list[tuple[str, str]] = field(default_factory=list)
    process: asyncio.subprocess.Process | None = None
    _changed: asyncio.Condition = field(default_factory=asyncio.Condition)
    _reader: asyncio.Task[None] | None = None

    @property
    def stderr_path(self) -> Path:
        return self.log_dir / f"{self.name}.stderr"

    async def start(self) -> None:
        args = [
            *cli_command(),
            "--audio=pulse",
            f"--server={self.server_url}",
            f"--domain={self.domain}",
            f"--user={self.user}",
            "--media-address=127.0.0.1",
        ]
        if self.options is not None:
            args.append(f"--options={json.dumps(self.options)}")
        env = {k: v for k, v in os.environ.items() if not k.startswith("PULSE_")}
        env.update(
            PULSE_SERVER=self.pulse.server,
            WEBPHONE_PASSWORD=self.password,
            PYTHONPATH=os.pathsep.join([str(ROOT / "app"), env.get("PYTHONPATH", "")]),
        )
        # stderr goes to a file: an unread pipe could fill and block the process mid-call.
        with self.stderr_path.open("wb") as stderr:
            self.process = await asyncio.create_subprocess_exec(
                *args,
                env=env,
                stdin=asyncio.subprocess.PIPE,
                stdout=asyncio.subprocess.PIPE,
                stderr=stderr,
            )
        self._reader = asyncio.ensure_future(self._read())
        await self.expect("onLogin", fail_on=("onLoginFailed",))

    async def _read(self) -> None:
        assert self.process is not None and self.process.stdout is not None
        while line := await self.process.stdout.readline():
            parts = line.decode(errors="replace").rstrip("\n").split(" ", 2)
            if len(parts) >= 2:
                async with self._changed:
                    self.events.append((parts[1], parts[2] if len(parts) > 2 else ""))
                    self._changed.notify_all()
        async with self._changed:
            self._changed.notify_all()  # end of output: waiters see the process gone

    def mark(self) -> int:
        return len(self.events)

    def xruns(self) -> int:
        """Under/overruns of its audio streams so far, as ALSA's pulse plugin logs them: a
        playback callback that came late shifts what is heard, which PESQ scores badly."""
        text = self.stderr_path.read_text(errors="replace")
        return text.count("underrun occurred") + text.count("overrun occurred")

    async def expect(
        self,
        event: str,
        since: int = 0,
        timeout: float = EVENT_TIMEOUT,
        fail_on: tuple[str, ...] = ("onCallFailed",),
    ) -> str:
        """The payload of the first *event* line printed after :meth:`mark` *since*."""

        def found() -> tuple[str, str] | None:
            for name, payload in self.events[since:]:
                if name == event or name in fail_on:
                    return name, payload
            return None

        def ready() -> bool:
            return found() is not None or self._reader is None or self._reader.done()

        try:
            async with self._changed:
                await asyncio.wait_for(self._changed.wait_for(ready), timeout)
        except TimeoutError:
            raise AssertionError(f"{self.name}: no {event} in {timeout} s\n{self.tail()}") from None
        hit = found()
        if hit is None or hit[0] != event:
            raise AssertionError(
                f"{self.name}: {hit or 'exited'} instead of {event}\n{self.tail()}"
            )
        return hit[1]

    def send(self, command: str) -> None:
        assert self.process is not None and self.process.stdin is not None
        self.process.stdin.write(f"{command}\n".encode())

    def tail(self) -> str:
        lines = [f"{name} {payload}" for name, payload in self.events[-15:]]
        err = self.stderr_path.read_text(errors="replace")[-3000:]
        return "stdout:\n" + "\n".join(lines) + "\nstderr:\n" + err

    async def quit(self) -> None:
        process = self.process
        if process is None:
            return
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.send("quit")
            assert process.stdin is not None
            process.stdin.close()
        try:
            await asyncio.wait_for(process.wait(), 20)
        except TimeoutError:
            process.kill()
            await process.wait()
        if self._reader is not None:
            await self._reader


@contextlib.asynccontextmanager
async def cli_phones(*phones: CliPhone) -> AsyncIterator[None]:
    """Start *phones* together (their imports take seconds each) and quit them after."""
    try:
        await asyncio.gather(*(phone.start() for phone in phones))
        yield
    finally:
        await asyncio.gather(*(phone.quit() for phone in phones), return_exceptions=True)


# -- the sound server's side ----------------------------------------------------------------


def _indexes(pulse: PulseServer, kind: str) -> dict[str, str]:
    """``pactl list short <kind>``: index -> name (sinks, sources) or owner index
    (sink-inputs -> sink, source-outputs -> source)."""
    table: dict[str, str] = {}
    for line in pulse.pactl("list", "short", kind).splitlines():
        cells = line.split("\t")
        if len(cells) >= 2:
            table[cells[0]] = cells[1]
    return table


def _call_streams_open(pulse: PulseServer, microphone: str, speaker: str) -> bool:
    sources, sinks = _indexes(pulse, "sources"), _indexes(pulse, "sinks")
    capturing = {sources.get(i) for i in _indexes(pulse, "source-outputs").values()}
    playing = {sinks.get(i) for i in _indexes(pulse, "sink-inputs").values()}
    return microphone in capturing and speaker in playing


async def call_streams_open(
    pulse: PulseServer, microphone: str = "mic_a", speaker: str = "speaker_a"
) -> None:
    """Wait until someone captures *microphone* and plays on *speaker*: in a rig server
    only the phone does (the rig's recorders read monitors, its players feed ``*_feed``
    sinks), so the call's audio streams are open at the sound server."""
    deadline = time.monotonic() + STREAM_TIMEOUT
    while not await asyncio.to_thread(_call_streams_open, pulse, microphone, speaker):
        if time.monotonic() > deadline:
            raise AssertionError(f"no call streams on {microphone}/{speaker} in {STREAM_TIMEOUT} s")
        await asyncio.sleep(0.05)


async def finish_playing(process: subprocess.Popen[bytes]) -> None:
    await asyncio.to_thread(process.wait, 60)


async def recorded(pulse: PulseServer, sink: str, until: int) -> None:
    """Wait until *sink*'s recorder has reached sample *until* (it runs in real time)."""
    recorder = pulse.recorders[sink]
    while recorder.samples < until:
        await asyncio.sleep(max(0.01, (until - recorder.samples) / RATE))


def _load_echo_path(pulse: PulseServer, gain_db: float, latency_ms: int) -> int:
    before = set(_indexes(pulse, "sink-inputs"))
    module = int(
        pulse.pactl(
            "load-module",
            "module-loopback",
            "source=speaker_a.monitor",
            "sink=mic_a_feed",
            f"latency_msec={latency_ms}",
            "source_dont_move=true",
            "sink_dont_move=true",
        )
    )
    new = set(_indexes(pulse, "sink-inputs")) - before
    assert len(new) == 1, f"module-loopback made sink inputs {new}"
    # module-loopback takes no volume: its sink input's is set (a linear amplitude factor)
    pulse.pactl("set-sink-input-volume", new.pop(), f"{10 ** (gain_db / 20):.4f}")
    return module


@contextlib.asynccontextmanager
async def echo_path(pulse: PulseServer, gain_db: float, latency_ms: int) -> AsyncIterator[None]:
    """A loudspeaker heard by the microphone of the same end: PulseAudio's module-loopback
    from ``speaker_a``'s monitor into ``mic_a``'s feed, *gain_db* down, *latency_ms* of
    buffering as the acoustic delay (the bench measures both)."""
    module = await asyncio.to_thread(_load_echo_path, pulse, gain_db, latency_ms)
    try:
        yield
    finally:
        await asyncio.to_thread(pulse.unload, module)


# -- media through the impairment relay -----------------------------------------------------


def route_media_through(relay: ImpairmentRelay, proxy: Proxy) -> Callable[[], None]:
    """Make every call through the demo service's *proxy* carry its media via *relay*:
    the SDP of each forwarded request or response has its candidates claimed for the
    sender (the From user of a request, the To user of a response) and replaced by the
    relay's stand-ins. The phones are separate processes, so this is the one place both
    SDPs pass. Returns the undo."""
    handle = proxy.handle

    def rewriting(source: str, message: Any) -> Delivery | None:
        delivery = handle(source, message)
        out = delivery.message if delivery is not None else None
        if out is not None and out.body and out.content_type == "application/sdp":
            sender = out.from_ if isinstance(out, SipRequest) else out.to
            name = getattr(sender.uri, "user", None) or "?"
            sdp = out.body.decode("utf-8")
            relay.claim(sdp, name)
            out.body = relay.rewrite(sdp).encode("utf-8")
        return delivery

    proxy.handle = rewriting  # type: ignore[method-assign]

    def undo() -> None:
        proxy.handle = handle  # type: ignore[method-assign]

    return undo


def relay_counts(relay: ImpairmentRelay) -> dict[str, int]:
    """RTP datagrams the relay passed and dropped so far, over every direction."""
    sent = sum(n for (_, kind, what), n in relay.counts.items() if kind == "rtp" and what == "sent")
    lost = sum(n for (_, kind, what), n in relay.counts.items() if kind == "rtp" and what == "lost")
    return {"sent": sent, "lost": lost}
