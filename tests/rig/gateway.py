"""pytest fixtures for a WebRTC gateway in front of plain SIP phones (issue 15).

Most calls end on a plain SIP phone reached through a gateway that terminates ICE and
DTLS-SRTP and offers plain RTP on the other side. This rig builds one on loopback:

* rtpengine in userspace (no kernel module), its own foreground process;
* Kamailio with tests/rig/gateway.cfg: ws/wss for Webphone, UDP for plain phones, a
  registrar for both, rtpengine_offer/answer/delete around every offer and answer;
* baresip as a real plain phone (:class:`Baresip`): its own config directory, a WAV file
  as microphone, every decoded call recorded to WAV, driven over its ctrl_tcp socket;
* SIPp (:class:`SippUas`) for the far ends a phone can't be asked to be: a UAS that waits
  long before ringing, sends early media, requires 100rel, refreshes a session timer
  (scenarios in tests/rig/sipp/).

Every process runs in the foreground as a child of its fixture, on free ports, in a
temporary directory, and is stopped by its own PID. When a binary is missing the fixtures
fail under CI and skip elsewhere; tests/rig/ensure_system.sh installs them. A failing test
gets each process's log (see kamailio.py's report hook).

Fixtures: ``gateway`` (session) yields a :class:`Gateway`; ``plain_phones`` and
``sipp_uas`` (function) yield factories whose phones are stopped after the test.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import math
import re
import shutil
import socket
import struct
import subprocess
import tempfile
import time
import wave
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from .kamailio import (
    _LIVE,
    ENSURE,
    KamailioServer,
    KamailioStartError,
    RigProcess,
    _missing,
    _require_kamailio,
    free_port,
)
from .pki import make_pki

GATEWAY_CONFIG = Path(__file__).with_name("gateway.cfg")
SCENARIOS = Path(__file__).with_name("sipp")
START_TIMEOUT = 10.0
STOP_TIMEOUT = 5.0
# Webphone's users authenticate over WebSocket; plain phones register without credentials.
WEBPHONE_USERS = {"alice": "alice-secret-1", "bob": "bob-secret-2"}


class RigError(RuntimeError):
    """The rig itself failed (a process did not start, a scenario met a message it does
    not handle, a file is not what the rig wrote). Never an AssertionError, so a test
    marked ``xfail(raises=AssertionError)`` still fails on it instead of passing as the
    expected failure."""


def _binary(name: str, package: str) -> str:
    path = shutil.which(name) or shutil.which(name, path="/usr/sbin:/sbin")
    if path is None:
        _missing(f"{name} is not installed (Debian package {package}; run {ENSURE})")
    return path


def _stop(process: subprocess.Popen[bytes] | None) -> None:
    """SIGTERM to the PID, SIGKILL after a timeout. rtpengine, baresip and SIPp are single
    processes (threads, no workers), so nothing else needs stopping."""
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=STOP_TIMEOUT)


def _tail(path: Path, chars: int = 4000) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")[-chars:]
    except FileNotFoundError:
        return ""


# -- rtpengine -------------------------------------------------------------------------


class RtpEngineStartError(RigError):
    """rtpengine exited or did not answer its control protocol; the message has its log."""


@dataclass
class RtpEngine:
    """rtpengine in userspace on 127.0.0.1, controlled over the ng protocol (UDP)."""

    binary: str
    workdir: Path
    ng_port: int = field(default_factory=lambda: free_port(socket.SOCK_DGRAM))
    process: subprocess.Popen[bytes] | None = None
    log_title: str = "rtpengine log"

    @property
    def log_path(self) -> Path:
        return self.workdir / "rtpengine.log"

    @property
    def ng_address(self) -> str:
        return f"127.0.0.1:{self.ng_port}"

    def start(self) -> None:
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                [
                    self.binary,
                    # Debian's /etc/rtpengine/rtpengine.conf is for its service, not us.
                    "--config-file=none",
                    "--foreground",
                    "--log-stderr",
                    # No kernel module: forwarding stays in userspace (-1 = no table).
                    "--table=-1",
                    "--interface=127.0.0.1",
                    f"--listen-ng={self.ng_address}",
                    # Without it rtpengine starts DTLS as the client before its own answer
                    # said setup:passive, and WebRTC peers fail with "unexpected message".
                    "--dtls-passive",
                    "--num-threads=2",
                    # Log what ICE and DTLS decide: the gateway tests are about that.
                    "--log-level=6",
                ],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline and self.process.poll() is None:
            if self.ping():
                return
            time.sleep(0.05)  # refused at once until it binds: poll, don't spin
        exited = self.process.poll()
        self.stop()
        state = f"exited with {exited}" if exited is not None else "did not answer ping"
        raise RtpEngineStartError(f"rtpengine {state}; its log:\n{_tail(self.log_path)}")

    def ping(self, timeout: float = 0.2) -> bool:
        """True when the ng control socket answers (rtpengine is ready for offers)."""
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
            sock.settimeout(timeout)
            try:
                sock.sendto(b"ready d7:command4:pinge", ("127.0.0.1", self.ng_port))
                reply, _ = sock.recvfrom(4096)
            except OSError:  # refused before it binds, or no answer in time
                return False
        return reply == b"ready d6:result4:ponge"

    def stop(self) -> None:
        process, self.process = self.process, None
        _stop(process)

    def log_text(self) -> str:
        return _tail(self.log_path, 1_000_000)


# -- the gateway: Kamailio + rtpengine ----------------------------------------------


@dataclass
class Gateway:
    """Kamailio (gateway.cfg) and its rtpengine. Webphone uses ``ws_url`` and ``domain``;
    plain phones send to ``127.0.0.1:udp_port``."""

    sip: KamailioServer
    media: RtpEngine

    @property
    def ws_url(self) -> str:
        return self.sip.ws_url

    @property
    def domain(self) -> str:
        return self.sip.domain

    @property
    def users(self) -> dict[str, str]:
        return self.sip.users

    @property
    def udp_port(self) -> int:
        return self.sip.udp_port

    @property
    def outbound(self) -> str:
        """Where a plain phone sends everything (its outbound proxy)."""
        return f"sip:127.0.0.1:{self.sip.udp_port};transport=udp"

    def uri(self, user: str) -> str:
        return f"sip:{user}@{self.domain}"

    def sip_log(self) -> str:
        return _tail(self.sip.log_path, 1_000_000)

    def register_contact(self, user: str, port: int, expires: int = 300) -> None:
        """Register *user* at ``sip:user@127.0.0.1:port`` (for SIPp, which can't register
        itself while it waits as a UAS). The UDP side needs no credentials."""
        call_id = f"reg-{user}-{port}-{time.monotonic_ns()}"
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
            sock.bind(("127.0.0.1", 0))
            local = sock.getsockname()[1]
            request = (
                f"REGISTER sip:{self.domain} SIP/2.0\r\n"
                f"Via: SIP/2.0/UDP 127.0.0.1:{local};branch=z9hG4bK{call_id};rport\r\n"
                "Max-Forwards: 70\r\n"
                f"From: <sip:{user}@{self.domain}>;tag={port}\r\n"
                f"To: <sip:{user}@{self.domain}>\r\n"
                f"Call-ID: {call_id}\r\n"
                "CSeq: 1 REGISTER\r\n"
                f"Contact: <sip:{user}@127.0.0.1:{port}>\r\n"
                f"Expires: {expires}\r\n"
                "Content-Length: 0\r\n\r\n"
            ).encode()
            sock.settimeout(2.0)
            for _ in range(3):  # UDP: retransmit as a UAC would
                sock.sendto(request, ("127.0.0.1", self.sip.udp_port))
                try:
                    reply = sock.recv(65535).decode("utf-8", "replace")
                except TimeoutError:
                    continue
                if reply.startswith("SIP/2.0 200"):
                    return
                raise RigError(f"REGISTER for {user} refused:\n{reply}")
        raise RigError(f"REGISTER for {user}: no answer from the gateway")


def _start_gateway(workdir: Path) -> Iterator[Gateway]:
    binary, modules = _require_kamailio(GATEWAY_CONFIG)
    rtpengine_binary = _binary("rtpengine", "rtpengine-daemon")
    pki = make_pki(workdir / "pki")
    media: RtpEngine | None = None
    for attempt in range(3):  # free ports are picked before they are bound: retry a race
        media = RtpEngine(rtpengine_binary, workdir)
        try:
            media.start()
            break
        except RtpEngineStartError as exc:
            if attempt == 2 or "Address already in use" not in str(exc):
                pytest.fail(str(exc), pytrace=False)
    assert media is not None
    _LIVE.append(media)
    sip: KamailioServer | None = None
    try:
        for attempt in range(3):
            sip = KamailioServer(
                binary,
                modules,
                workdir,
                pki,
                users=dict(WEBPHONE_USERS),
                config=GATEWAY_CONFIG,
                extra={"rtpengine_ng": media.ng_address},
                log_title="Kamailio gateway log",
            )
            try:
                sip.start()
                break
            except KamailioStartError as exc:
                if attempt == 2 or "Address already in use" not in str(exc):
                    pytest.fail(str(exc), pytrace=False)
        assert sip is not None
        _LIVE.append(sip)
        try:
            yield Gateway(sip, media)
        finally:
            _LIVE.remove(sip)
            sip.stop()
    finally:
        _LIVE.remove(media)
        media.stop()


@pytest.fixture(scope="session")
def gateway() -> Iterator[Gateway]:
    """One gateway (Kamailio + rtpengine) for the session; tests must not stop it."""
    with tempfile.TemporaryDirectory(prefix="webphone-gateway-") as directory:
        yield from _start_gateway(Path(directory))


# -- audio files -----------------------------------------------------------------------


def tone(freq: float, seconds: float, rate: int, level: float = 0.3) -> np.ndarray:
    t = np.arange(int(seconds * rate)) / rate
    return (np.sin(2 * math.pi * freq * t) * level * 32767).astype(np.int16)


def write_wav(path: Path, samples: np.ndarray, rate: int) -> Path:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(samples.astype("<i2").tobytes())
    return path


def read_recording(path: Path) -> tuple[np.ndarray, int]:
    """Mono int16 samples (the first channel) and the rate of a 16-bit PCM WAV file,
    also while its writer still has it open: the data runs to the end of the file, not
    to the size in a header that is only written on close."""
    data = path.read_bytes()
    fmt = data.find(b"fmt ")
    start = data.find(b"data", fmt)
    if data[:4] != b"RIFF" or fmt < 0 or start < 0:
        raise RigError(f"{path} is not a WAV file")
    # fmt chunk: id, size, format tag, channels, rate, byte rate, block align, bits.
    channels, rate = struct.unpack_from("<HI", data, fmt + 10)
    (bits,) = struct.unpack_from("<H", data, fmt + 22)
    if bits != 16:
        raise RigError(f"{path}: {bits}-bit samples, expected 16")
    body = data[start + 8 :]
    body = body[: len(body) - len(body) % (2 * channels)]
    samples = np.frombuffer(body, dtype="<i2").reshape(-1, channels)[:, 0].copy()
    return samples, rate


def ulaw_encode(samples: np.ndarray) -> bytes:
    """G.711 mu-law bytes of int16 samples (what SIPp's rtp_stream sends as payload 0;
    audioop, which did this, is gone from Python 3.13)."""
    bias, clip = 0x84, 32635
    x = samples.astype(np.int32)
    sign = np.where(x < 0, 0x80, 0)
    magnitude = np.minimum(np.abs(x), clip) + bias
    exponent = np.floor(np.log2(magnitude)).astype(np.int32) - 7
    exponent = np.clip(exponent, 0, 7)
    mantissa = (magnitude >> (exponent + 3)) & 0x0F
    return bytes((~(sign | (exponent << 4) | mantissa) & 0xFF).astype(np.uint8))


# -- baresip ---------------------------------------------------------------------------

# Modules of a headless plain phone: codecs, a WAV file as microphone, a recorder of
# what it hears, and the ctrl_tcp control socket (menu registers the commands ctrl_tcp
# runs: dial, accept, hangup, hold, resume, ...).
_BARESIP_CODEC_MODULES = {"opus": "opus.so", "pcmu": "g711.so", "pcma": "g711.so"}
# An account's audio_codecs entry without rate and channels means 8000/1 ("audio codec
# not found: opus/8000/1"): spell each one out.
_BARESIP_CODECS = {"opus": "opus/48000/2", "pcmu": "PCMU/8000/1", "pcma": "PCMA/8000/1"}


@dataclass
class Baresip:
    """baresip as a plain SIP phone on the gateway's UDP side.

    ``source`` (a 48 kHz mono WAV) plays into every call; baresip hangs up when it ends,
    so make it longer than the test. What it decodes is recorded under ``workdir/rec``
    until the first hold: baresip 1.0 drops its decode filters (the recorder) when a
    re-INVITE is not sendrecv and never sets them up again. Across a hold, listen to
    its ``player`` instead (it is reopened after each re-INVITE): ``"alsa,pulse"``
    plays into the pulse fixture's default speaker. (An aubridge echo does not survive
    either: a restarted player or source stops its bridge for good.)

    Events from ctrl_tcp (``CALL_INCOMING``, ``CALL_ESTABLISHED``, ``CALL_DTMF_START``
    ...) collect in ``events``.
    """

    binary: str
    workdir: Path
    gateway: Gateway
    user: str
    source: Path
    codecs: tuple[str, ...] = ("opus", "pcmu")
    # A baresip audio player ("alsa,pulse": the pulse fixture's default speaker), or none.
    player: str | None = None
    answermode: str = "auto"  # or "manual": answer with accept()
    sip_port: int = field(default_factory=lambda: free_port(socket.SOCK_DGRAM))
    ctrl_port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None
    events: list[dict[str, Any]] = field(default_factory=list)
    log_title: str = "baresip log"
    _reader: asyncio.Task[None] | None = None
    _writer: asyncio.StreamWriter | None = None
    _responses: asyncio.Queue[dict[str, Any]] = field(default_factory=asyncio.Queue)
    _changed: asyncio.Event = field(default_factory=asyncio.Event)

    @property
    def log_path(self) -> Path:
        return self.workdir / "baresip.log"

    @property
    def recordings_dir(self) -> Path:
        return self.workdir / "rec"

    @property
    def uri(self) -> str:
        return self.gateway.uri(self.user)

    def _write_config(self) -> None:
        self.recordings_dir.mkdir(parents=True, exist_ok=True)
        codec_modules = sorted({_BARESIP_CODEC_MODULES[c] for c in self.codecs})
        audio_modules = ["aufile.so", "sndfile.so", *(["alsa.so"] if self.player else [])]
        modules = "\n".join(
            f"module {name}" for name in [*codec_modules, *audio_modules, "menu.so", "ctrl_tcp.so"]
        )
        # aufile insists on the codec's own rate unless the source is resampled: sources
        # are 48 kHz mono, baresip converts for Opus (stereo) and G.711. Without a player
        # sndfile still records decoded audio (before it would be played).
        audio = f"audio_source aufile,{self.source}\n"
        if self.player:
            audio += f"audio_player {self.player}\n"
        (self.workdir / "config").write_text(
            "poll_method epoll\n"
            f"sip_listen 127.0.0.1:{self.sip_port}\n"
            # Not the machine's resolv.conf: nothing here needs DNS (every address is a
            # literal) and the tests' network namespace has no resolver.
            "dns_server 127.0.0.1:53\n"
            # An address, not an interface name ("lo" fails as "no such device").
            "net_interface 127.0.0.1\n"
            "call_local_timeout 120\n"
            "call_max_calls 4\n"
            f"{audio}"
            "ausrc_srate 48000\n"
            "ausrc_channels 1\n"
            "auplay_srate 48000\n"
            "auplay_channels 1\n"
            "audio_level no\n"
            "module_path /usr/lib/baresip/modules\n"
            f"{modules}\n"
            "module_app account.so\n"
            f"ctrl_tcp_listen 127.0.0.1:{self.ctrl_port}\n"
            f"snd_path {self.recordings_dir}\n",
            encoding="utf-8",
        )
        codecs = ",".join(_BARESIP_CODECS[c] for c in self.codecs)
        (self.workdir / "accounts").write_text(
            f'<{self.uri}>;outbound="{self.gateway.outbound}";regint=300'
            f";answermode={self.answermode};audio_codecs={codecs};ptime=20\n",
            encoding="utf-8",
        )
        (self.workdir / "contacts").write_text("", encoding="utf-8")

    async def start(self) -> None:
        """Start baresip, connect to its control socket and wait for its registration."""
        self._write_config()
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                [self.binary, "-f", str(self.workdir)],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                cwd=self.workdir,
                start_new_session=True,
            )
        deadline = time.monotonic() + START_TIMEOUT
        while self._writer is None:
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RigError(f"baresip did not start; its log:\n{_tail(self.log_path)}")
            try:
                reader, self._writer = await asyncio.open_connection("127.0.0.1", self.ctrl_port)
            except OSError:
                await asyncio.sleep(0.05)  # not listening yet: poll its control port
                continue
            self._reader = asyncio.get_running_loop().create_task(self._read(reader))
        try:
            await self.wait_for(self._registered, START_TIMEOUT, "its registration")
        except AssertionError as exc:
            raise RigError(str(exc)) from None

    def _registered(self) -> bool:
        # ctrl_tcp only reports events after we connect: the log says it either way.
        return any(e.get("type") == "REGISTER_OK" for e in self.events) or bool(
            re.search(r"\b200 OK\b.*\[1 binding\]", _tail(self.log_path, 100_000))
        )

    async def _read(self, reader: asyncio.StreamReader) -> None:
        """Netstrings (``len:json,``) from ctrl_tcp: responses and events."""
        with contextlib.suppress(asyncio.IncompleteReadError, ConnectionError):
            while True:
                length = int((await reader.readuntil(b":"))[:-1])
                message = json.loads((await reader.readexactly(length + 1))[:-1])
                if message.get("response"):
                    self._responses.put_nowait(message)
                else:
                    self.events.append(message)
                self._changed.set()

    async def command(self, name: str, params: str = "") -> str:
        """Run a baresip command (as typed after '/' in its menu); its response text."""
        if self._writer is None:
            raise RigError("baresip is not started")
        body = json.dumps({"command": name, "params": params, "token": name}).encode()
        self._writer.write(str(len(body)).encode() + b":" + body + b",")
        await self._writer.drain()
        response = await asyncio.wait_for(self._responses.get(), timeout=5)
        if not response.get("ok"):
            raise RigError(f"baresip /{name} {params} failed: {response}")
        return str(response.get("data", ""))

    async def wait_for(self, condition: Callable[[], bool], timeout: float, what: str) -> None:
        """Wait until *condition* holds: re-checked on each control event and each 50 ms
        (log lines have no event)."""
        deadline = time.monotonic() + timeout
        while not condition():
            if self.process is not None and self.process.poll() is not None:
                raise RigError(f"baresip exited waiting for {what}:\n{_tail(self.log_path)}")
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(
                    f"baresip: no {what} in {timeout} s; events {self.types()}\n"
                    f"{_tail(self.log_path)}"
                )
            self._changed.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait(), timeout=min(left, 0.05))

    async def event(self, kind: str, count: int = 1, timeout: float = 10) -> dict[str, Any]:
        """The *count*-th event of type *kind* (e.g. ``CALL_ESTABLISHED``)."""
        await self.wait_for(lambda: len(self.of(kind)) >= count, timeout, f"{kind} event")
        return self.of(kind)[count - 1]

    def of(self, kind: str) -> list[dict[str, Any]]:
        return [e for e in self.events if e.get("type") == kind]

    def types(self) -> list[str]:
        return [str(e.get("type")) for e in self.events]

    def log_text(self) -> str:
        return _tail(self.log_path, 1_000_000)

    def recordings(self) -> list[Path]:
        """The WAV files of what it decoded, oldest first (one per audio stream start)."""
        return sorted(self.recordings_dir.glob("dump-*-dec.wav"), key=lambda p: p.stat().st_mtime)

    async def dial(self, uri: str) -> None:
        await self.command("dial", uri)

    async def accept(self) -> None:
        await self.command("accept")

    async def hangup(self) -> None:
        await self.command("hangup")

    async def hold(self) -> None:
        await self.command("hold")

    async def resume(self) -> None:
        await self.command("resume")

    async def stop(self) -> None:
        if self._writer is not None:
            self._writer.close()
            self._writer = None
        if self._reader is not None:
            self._reader.cancel()
            self._reader = None
        process, self.process = self.process, None
        _stop(process)


@pytest.fixture
async def plain_phones(gateway: Gateway, tmp_path: Path) -> AsyncIterator[Callable[..., Any]]:
    """``await plain_phones(user, source_wav, codecs=..., answermode=...)``: a registered
    baresip, stopped after the test."""
    binary = _binary("baresip", "baresip-core")
    phones: list[Baresip] = []

    async def make(user: str, source: Path, **kwargs: Any) -> Baresip:
        workdir = tmp_path / f"baresip-{user}"
        workdir.mkdir()
        phone = Baresip(binary, workdir, gateway, user, source, **kwargs)
        phones.append(phone)
        _LIVE.append(phone)
        await phone.start()
        return phone

    try:
        yield make
    finally:
        for phone in phones:
            await phone.stop()
            _LIVE.remove(phone)


# -- SIPp ------------------------------------------------------------------------------


@dataclass
class SippUas:
    """SIPp running one scenario of tests/rig/sipp/ as a UAS for one call, registered at
    the gateway as ``user``. Its ``<log>`` actions and the SIP messages it saw are files
    the test waits on; ``audio`` (raw mu-law, 8 kHz, no header) is what its rtp_stream
    plays."""

    binary: str
    workdir: Path
    gateway: Gateway
    scenario: str
    user: str
    audio: Path | None = None
    sip_port: int = field(default_factory=lambda: free_port(socket.SOCK_DGRAM))
    media_port: int = field(default_factory=lambda: free_port(socket.SOCK_DGRAM))
    process: subprocess.Popen[bytes] | None = None
    log_title: str = "SIPp log"
    #: SIPp quits after this many seconds whatever its call is doing (long calls raise it).
    run_timeout: int = 60

    @property
    def log_path(self) -> Path:
        """Its <log> actions: one line per step of the scenario."""
        return self.workdir / "actions.log"

    @property
    def messages_path(self) -> Path:
        return self.workdir / "messages.log"

    @property
    def output_path(self) -> Path:
        return self.workdir / "sipp.out"

    def start(self) -> None:
        scenario = SCENARIOS / f"{self.scenario}.xml"
        args = [
            self.binary,
            "-sf",
            str(scenario),
            "-i",
            "127.0.0.1",
            "-p",
            str(self.sip_port),
            "-mi",
            "127.0.0.1",
            "-mp",
            str(self.media_port),
            "-m",
            "1",
            "-nostdin",
            # Every step it takes and every message, in files the test reads.
            "-trace_logs",
            "-log_file",
            str(self.log_path),
            "-trace_msg",
            "-message_file",
            str(self.messages_path),
            "-trace_err",
            "-error_file",
            str(self.errors_path),
            # A scenario left waiting ends on its own (the fixture stops it anyway).
            "-timeout",
            str(self.run_timeout),
        ]
        # rtp_stream names its file in the scenario (no keyword substitution there): the
        # scenarios play audio.ulaw from SIPp's working directory.
        if self.audio is not None:
            shutil.copyfile(self.audio, self.workdir / "audio.ulaw")
        with open(self.output_path, "ab") as out:
            self.process = subprocess.Popen(
                args,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                cwd=self.workdir,
                start_new_session=True,
            )
        deadline = time.monotonic() + START_TIMEOUT
        while not _udp_bound(self.sip_port):
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RigError(f"SIPp did not start:\n{_tail(self.output_path)}")
            time.sleep(0.02)  # SIPp says nothing when it is ready: poll for its socket
        self.gateway.register_contact(self.user, self.sip_port)

    @property
    def errors_path(self) -> Path:
        return self.workdir / "errors.log"

    def lines(self) -> list[str]:
        return _tail(self.log_path, 1_000_000).splitlines()

    def _check_aborted(self) -> None:
        """A message the scenario has no place for makes SIPp abort the call: the
        scenario needs extending, whatever the code under test did."""
        errors = _tail(self.errors_path)
        if "Aborting call" in errors:
            raise RigError(f"SIPp {self.scenario} aborted its call:\n{errors}")

    def messages(self) -> str:
        return _tail(self.messages_path, 1_000_000)

    async def logged(self, pattern: str, timeout: float = 10) -> str:
        """The first <log> line matching *pattern*, waiting for it up to *timeout* s."""
        deadline = time.monotonic() + timeout
        while True:
            for line in self.lines():
                if re.search(pattern, line):
                    return line
            self._check_aborted()
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"SIPp {self.scenario}: no log line /{pattern}/ in {timeout} s; "
                    f"it logged {self.lines()}"
                )
            await asyncio.sleep(0.05)  # SIPp writes a file: poll it

    async def finished(self, timeout: float = 10) -> int:
        """SIPp's exit code once its one call is over (0: the scenario passed)."""
        if self.process is None:
            raise RigError("SIPp is not running")
        deadline = time.monotonic() + timeout
        while self.process.poll() is None:
            if time.monotonic() > deadline:
                raise AssertionError(f"SIPp {self.scenario} still running after {timeout} s")
            await asyncio.sleep(0.05)  # waiting for a child process to exit
        self._check_aborted()
        return self.process.returncode

    def stop(self) -> None:
        process, self.process = self.process, None
        _stop(process)


def _udp_bound(port: int) -> bool:
    """Whether something has bound UDP *port* (read from /proc: binding it to find out
    could take it from the process about to bind it)."""
    suffix = f":{port:04X}"
    with open("/proc/net/udp", encoding="ascii") as table:
        return any(line.split()[1].endswith(suffix) for line in list(table)[1:])


@dataclass
class _LogView:
    """Another log of a rig process, for the failing-test report."""

    log_path: Path
    log_title: str


@pytest.fixture
def sipp_uas(gateway: Gateway, tmp_path: Path) -> Iterator[Callable[..., SippUas]]:
    """``sipp_uas(scenario, user, audio=..., run_timeout=60)``: a started SIPp UAS
    registered as *user*."""
    binary = _binary("sipp", "sip-tester")
    running: list[tuple[SippUas, list[RigProcess]]] = []

    def make(scenario: str, user: str, audio: Path | None = None, run_timeout: int = 60) -> SippUas:
        workdir = tmp_path / f"sipp-{scenario}"
        workdir.mkdir()
        uas = SippUas(binary, workdir, gateway, scenario, user, audio, run_timeout=run_timeout)
        logs: list[RigProcess] = [uas, _LogView(uas.messages_path, "SIPp messages")]
        running.append((uas, logs))
        _LIVE.extend(logs)
        uas.start()
        return uas

    try:
        yield make
    finally:
        for uas, logs in running:
            uas.stop()
            for log in logs:
                _LIVE.remove(log)
