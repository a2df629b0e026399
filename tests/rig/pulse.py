"""A user-mode PulseAudio with virtual devices, for real PortAudio streams in tests.

Each fixture instance runs its own server (as root it works without systemd or dbus) in a
private runtime directory, so tests of other agents and workers never share a server.
Devices, all virtual:

* speakers: null sinks ``speaker_a`` (the default) and ``speaker_b``. What each plays is
  recorded from the fixture's start (its ``.monitor``); a test takes a :meth:`PulseServer.mark`
  and later reads what was played since with :meth:`PulseServer.played`;
* microphones: remap sources ``mic_a`` (the default) and ``mic_b``, each over the monitor
  of its own null sink (``mic_a_feed``, ``mic_b_feed``); :meth:`PulseServer.play` feeds
  samples into a microphone.

The process environment gets ``PULSE_SERVER`` for the fixture's lifetime, and PortAudio
is re-initialised, so sounddevice streams opened by the code under test reach this server.

Why every sink monitor is recorded all the time: a null sink with no low-latency client
renders up to 2 s ahead of the clock, so a PortAudio stream (the ALSA pulse plugin asks for
no latency) would get its 60 ms buffer drained at once and then stall for seconds. A
10 ms recorder on each monitor keeps every sink at real-time pace, as a sound card is. The
fixture waits until the sinks caught up before it yields. The server is stopped by its
own PID. When PulseAudio is missing or does not start, the fixture fails under CI and
skips elsewhere.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn

import numpy as np
import pytest

RATE = 48000
START_TIMEOUT = 10.0
CATCH_UP_TIMEOUT = 5.0
ENSURE = "tests/rig/ensure_system.sh"
SPEAKERS = ("speaker_a", "speaker_b")
MICROPHONES = ("mic_a", "mic_b")
FORMAT = f"rate={RATE} channels=1"


def _missing(message: str) -> NoReturn:
    if os.environ.get("CI"):
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


class _Recorder:
    """``parec`` on one monitor at 10 ms latency, everything kept in memory."""

    def __init__(self, env: dict[str, str], source: str) -> None:
        self.process = subprocess.Popen(
            [
                "parec",
                f"--device={source}",
                "--format=s16le",
                f"--rate={RATE}",
                "--channels=1",
                "--latency-msec=10",
            ],
            env=env,
            stdout=subprocess.PIPE,
        )
        self._data = bytearray()
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._read, daemon=True, name=f"rec-{source}")
        self._thread.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        while chunk := self.process.stdout.read1(4096):
            with self._lock:
                self._data += chunk

    @property
    def samples(self) -> int:
        with self._lock:
            return len(self._data) // 2

    def since(self, mark: int) -> np.ndarray:
        with self._lock:
            end = len(self._data) // 2 * 2
            return np.frombuffer(bytes(self._data[mark * 2 : end]), dtype="<i2").copy()

    def stop(self) -> None:
        self.process.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=5)
        if self.process.returncode is None:
            self.process.kill()
            self.process.wait()
        self._thread.join(timeout=5)


@dataclass
class PulseServer:
    """A running private PulseAudio: its address and helpers to feed and record devices."""

    runtime: Path
    env: dict[str, str]
    process: subprocess.Popen[bytes]
    recorders: dict[str, _Recorder] = field(default_factory=dict)
    players: list[subprocess.Popen[bytes]] = field(default_factory=list)

    @property
    def pid(self) -> int:
        return self.process.pid

    def restart(self) -> None:
        """Stop the server by its PID and start a new one on the same socket, with the
        same devices (what a user sees when PulseAudio/PipeWire restarts)."""
        self._stop()
        self.process = _launch(self.runtime, self.env)
        _set_up(self)

    def _stop(self) -> None:
        """Stop the server by its PID; if it had already died, fail loudly with its log
        (the runtime directory, and so the log, is deleted afterwards)."""
        died = self.process.poll()
        for player in self.players:
            player.kill()
            player.wait()
        self.players.clear()
        for recorder in self.recorders.values():
            recorder.stop()
        self.recorders.clear()
        self.process.terminate()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        if died is not None:
            tail = (self.runtime / "pulseaudio.log").read_text(errors="replace")[-3000:]
            raise RuntimeError(f"pulseaudio died during the test (exit {died}):\n{tail}")

    @property
    def server(self) -> str:
        return self.env["PULSE_SERVER"]

    def pactl(self, *args: str) -> str:
        done = subprocess.run(
            ["pactl", *args], env=self.env, capture_output=True, text=True, timeout=10
        )
        if done.returncode != 0:
            raise RuntimeError(f"pactl {' '.join(args)}: {done.stderr.strip()}")
        return done.stdout.strip()

    def load_sink(self, name: str) -> int:
        """Add a null sink (a hot-plugged speaker); returns the module index to unload."""
        return int(self.pactl("load-module", "module-null-sink", f"sink_name={name}"))

    def unload(self, module: int) -> None:
        self.pactl("unload-module", str(module))

    def play(self, microphone: str, samples: np.ndarray) -> subprocess.Popen[bytes]:
        """Start feeding mono 48 kHz int16 *samples* into *microphone* (mic_a / mic_b)."""
        process = subprocess.Popen(
            [
                "pacat",
                "--playback",
                f"--device={microphone}_feed",
                "--format=s16le",
                f"--rate={RATE}",
                "--channels=1",
                "--latency-msec=20",
            ],
            env=self.env,
            stdin=subprocess.PIPE,
        )
        data = samples.astype("<i2").tobytes()

        def feed() -> None:  # pacat takes it in real time: don't block the test
            assert process.stdin is not None
            with contextlib.suppress(BrokenPipeError):
                process.stdin.write(data)
                process.stdin.close()

        threading.Thread(target=feed, daemon=True, name=f"feed-{microphone}").start()
        self.players.append(process)
        return process

    def mark(self, sink: str) -> int:
        """A position in what *sink* (a speaker or a microphone feed) has played."""
        return self.recorders[sink].samples

    def played(self, sink: str, mark: int) -> np.ndarray:
        """What *sink* played since *mark*, mono 48 kHz int16."""
        return self.recorders[sink].since(mark)

    def sink_latency_ms(self, sink: str) -> float:
        for block in self.pactl("list", "sinks").split("Sink #")[1:]:
            if f"Name: {sink}\n" in block:
                found = re.search(r"Latency: (\d+) usec", block)
                if found:
                    return int(found.group(1)) / 1000
        raise RuntimeError(f"no sink {sink}")


def _reinitialise_portaudio() -> None:
    """PortAudio reads the device list (and the pulse plugin its server) at initialisation.
    The app holds PortAudio only while it lists devices or has a stream open
    (webphone.audio.portaudio), so when nobody holds it the next use reads afresh and
    there is nothing to do."""
    import sounddevice as sd

    if sd._initialized:
        sd._terminate()
        sd._initialize()


def _arguments() -> list[str]:
    loads = ["module-native-protocol-unix auth-anonymous=1"]
    loads += [
        f"module-null-sink sink_name={name} {FORMAT} sink_properties=device.description={name}"
        for name in SPEAKERS
    ]
    for name in MICROPHONES:
        loads.append(f"module-null-sink sink_name={name}_feed {FORMAT}")
        loads.append(
            f"module-remap-source source_name={name} master={name}_feed.monitor "
            f"source_properties=device.description={name}"
        )
    flags = ["-n", "--realtime=no", "--high-priority=no", "--exit-idle-time=-1"]
    # The CPU limiter ends the daemon when it has used 70 % of a core over ten seconds,
    # which a loaded CI machine can make it do: the rig must not vanish mid-test.
    flags += ["--disallow-exit", "--no-cpu-limit", "--log-target=stderr"]
    # Audio goes over the socket, not shared memory (memfd included): its memfd path aborted
    # the daemon under CI ("Cannot send block reference with non-registered memfd ID",
    # pulseaudio#824, then a robust-mutex assertion), and the rig is here to test the
    # app, not PulseAudio's shared-memory transport.
    flags += ["--disable-shm=yes"]
    return flags + [f"--load={line}" for line in loads]


@contextlib.contextmanager
def pulse_server() -> Iterator[PulseServer]:
    """Start a private PulseAudio, point this process at it, stop it afterwards."""
    binary = shutil.which("pulseaudio")
    if binary is None or shutil.which("pactl") is None:
        _missing(f"pulseaudio / pulseaudio-utils are not installed (run {ENSURE})")
    runtime = Path(tempfile.mkdtemp(prefix="webphone-pulse-"))
    runtime.chmod(0o700)
    env = dict(os.environ)
    env.update(
        XDG_RUNTIME_DIR=str(runtime),
        PULSE_RUNTIME_PATH=str(runtime / "pulse"),
        PULSE_STATE_PATH=str(runtime / "state"),
        PULSE_SERVER=f"unix:{runtime}/pulse/native",
        HOME=str(runtime),  # no ~/.config/pulse of the real user
    )
    env.pop("PULSE_SINK", None)
    env.pop("PULSE_SOURCE", None)
    server = PulseServer(runtime, env, _launch(runtime, env))
    try:
        _set_up(server)
        # This process only needs the server's address (HOME and the runtime paths are
        # the server's and the pactl/parec helpers' business).
        ours = {"PULSE_SERVER": env["PULSE_SERVER"], "PULSE_SINK": None, "PULSE_SOURCE": None}
        saved = {key: os.environ.get(key) for key in ours}
        for key, value in ours.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        _reinitialise_portaudio()
        try:
            yield server
        finally:
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value
            _reinitialise_portaudio()
    finally:
        try:
            server._stop()
        finally:
            shutil.rmtree(runtime, ignore_errors=True)


def _launch(runtime: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    binary = shutil.which("pulseaudio")
    assert binary is not None
    with (runtime / "pulseaudio.log").open("ab") as log:
        return subprocess.Popen([binary, *_arguments()], env=env, stdout=log, stderr=log)


def _set_up(server: PulseServer) -> None:
    """Wait for a just-started server to answer, then make its defaults and recorders."""
    process, runtime = server.process, server.runtime
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        if process.poll() is not None:
            _missing(f"pulseaudio exited: {(runtime / 'pulseaudio.log').read_text()[-2000:]}")
        with contextlib.suppress(RuntimeError, subprocess.TimeoutExpired):
            server.pactl("info")
            break
        if time.monotonic() > deadline:
            _missing("pulseaudio did not answer within 10 s")
        time.sleep(0.1)
    server.pactl("set-default-sink", SPEAKERS[0])
    server.pactl("set-default-source", MICROPHONES[0])
    sinks = [*SPEAKERS, *(f"{name}_feed" for name in MICROPHONES)]
    for sink in sinks:
        server.recorders[sink] = _Recorder(server.env, f"{sink}.monitor")
    while any(server.sink_latency_ms(sink) > 50 for sink in sinks):
        if time.monotonic() > deadline + CATCH_UP_TIMEOUT:
            _missing("the null sinks did not reach real-time pace")
        time.sleep(0.1)


@pytest.fixture
def pulse() -> Iterator[PulseServer]:
    """A private PulseAudio with two virtual speakers and two virtual microphones."""
    with pulse_server() as server:
        yield server
