"""pytest fixtures that run a real Kamailio on loopback (ws + wss) with our config.

Kamailio runs in the foreground as a child of the fixture and is stopped by its own
process handle. When the binary is missing the fixture fails loudly under CI and skips
elsewhere (tests/rig/ensure_system.sh installs it).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from string import Template

import pytest

from .pki import Pki, make_pki

CONFIG = Path(__file__).with_name("kamailio.cfg")
DOMAIN = "webphone.test"
USERS = {"alice": "alice-secret-1", "bob": "bob-secret-2", "carol": "carol-secret-3"}
JWT_SECRET = "webphone-demo-secret"


def free_port(kind: int = socket.SOCK_STREAM) -> int:
    with socket.socket(socket.AF_INET, kind) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _require_kamailio() -> str:
    binary = shutil.which("kamailio") or shutil.which("kamailio", path="/usr/sbin:/sbin")
    if binary is None:
        message = "kamailio is not installed (run tests/rig/ensure_system.sh)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return binary


@dataclass
class KamailioServer:
    """A running Kamailio; ``restart()`` brings it back on the same ports."""

    binary: str
    workdir: Path
    pki: Pki
    max_expires: int = 3600
    nonce_expire: int = 300
    ws_port: int = field(default_factory=free_port)
    wss_port: int = field(default_factory=free_port)
    udp_port: int = field(default_factory=lambda: free_port(socket.SOCK_DGRAM))
    domain: str = DOMAIN
    users: dict[str, str] = field(default_factory=lambda: dict(USERS))
    jwt_secret: str = JWT_SECRET
    # Kamailio verifies the HS256 signature itself (crypto module, see kamailio.cfg).
    supports_bearer: bool = True
    process: subprocess.Popen[bytes] | None = None

    @property
    def ws_url(self) -> str:
        return f"ws://127.0.0.1:{self.ws_port}"

    @property
    def wss_url(self) -> str:
        return f"wss://127.0.0.1:{self.wss_port}"

    @property
    def ca_file(self) -> str:
        return self.pki.ca_file

    @property
    def wrong_ca_file(self) -> str:
        return self.pki.wrong_ca_file

    @property
    def log_path(self) -> Path:
        return self.workdir / "kamailio.log"

    def _render(self) -> Path:
        tls = self.workdir / "tls.cfg"
        tls.write_text(
            "[server:default]\nmethod = TLSv1.2+\nverify_certificate = no\n"
            f"require_certificate = no\nprivate_key = {self.pki.key_file}\n"
            f"certificate = {self.pki.cert_file}\n",
            encoding="utf-8",
        )
        users = "\n".join(f'    $sht(users=>{u}) = "{p}";' for u, p in self.users.items())
        text = Template(CONFIG.read_text(encoding="utf-8")).substitute(
            domain=self.domain,
            udp_port=self.udp_port,
            ws_port=self.ws_port,
            wss_port=self.wss_port,
            tls_config=tls,
            max_expires=self.max_expires,
            nonce_expire=self.nonce_expire,
            jwt_secret=self.jwt_secret,
            users=users,
        )
        path = self.workdir / "kamailio.cfg"
        path.write_text(text, encoding="utf-8")
        return path

    def start(self) -> None:
        config = self._render()
        check = subprocess.run(
            [self.binary, "-c", "-f", str(config)], capture_output=True, text=True, timeout=30
        )
        if check.returncode != 0:
            raise RuntimeError(f"Kamailio rejected its config:\n{check.stderr[-3000:]}")
        rundir = self.workdir / "run"
        rundir.mkdir(exist_ok=True)
        log = open(self.log_path, "ab")  # noqa: SIM115 - owned by the child for its lifetime
        self.process = subprocess.Popen(
            [
                self.binary,
                "-DD",
                "-E",
                "-f",
                str(config),
                "-P",
                str(rundir / "kamailio.pid"),
                "-Y",
                str(rundir),
                "-m",
                "64",
                "-M",
                "8",
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            if _listening(self.ws_port) and _listening(self.wss_port):
                return
            time.sleep(0.05)
        self.stop()
        tail = self.log_path.read_text(errors="replace")[-3000:]
        raise RuntimeError(f"Kamailio did not come up on {self.ws_url}:\n{tail}")

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)

    def restart(self) -> None:
        self.stop()
        self.start()


def _listening(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.2)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _run(**kwargs: int) -> Iterator[KamailioServer]:
    binary = _require_kamailio()
    with tempfile.TemporaryDirectory(prefix="webphone-kamailio-") as directory:
        workdir = Path(directory)
        server = KamailioServer(binary, workdir, make_pki(workdir / "pki"), **kwargs)
        server.start()
        try:
            yield server
        finally:
            server.stop()


@pytest.fixture(scope="session")
def kamailio() -> Iterator[KamailioServer]:
    """One Kamailio for the whole session (tests must not stop it)."""
    yield from _run()


@pytest.fixture(scope="session")
def kamailio_short_expiry() -> Iterator[KamailioServer]:
    """A Kamailio that grants registrations for 10 s at most, to watch refreshes."""
    yield from _run(max_expires=10)


@pytest.fixture
def kamailio_fresh() -> Iterator[KamailioServer]:
    """A private Kamailio a test may stop and restart."""
    yield from _run()
