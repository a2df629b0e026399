"""pytest fixtures that run a real Kamailio on loopback (ws + wss) with our config.

Kamailio runs in the foreground as a child of the fixture, in a fresh temporary directory,
on free ports picked at runtime, and is stopped by its own process handle. When the binary
(or a module the config loads) is missing the fixtures fail loudly under CI and skip
elsewhere; tests/rig/ensure_system.sh installs what is needed.

Fixtures (all yield a :class:`KamailioServer`):

* ``kamailio`` (session): the shared server; tests must not stop it.
* ``kamailio_short_expiry`` (session): grants 10 s registrations at most.
* ``kamailio_sha256`` (session): challenges with SHA-256 digests instead of MD5.
* ``kamailio_plivo`` (session): Plivo's domain and X-Calluuid, for the Plivo Browser SDK.
* ``kamailio_fresh`` (function): a private server a test may ``stop()``/``restart()``.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from string import Template
from typing import NoReturn, Protocol

import pytest

from .pki import Pki, make_pki

CONFIG = Path(__file__).with_name("kamailio.cfg")
DOMAIN = "webphone.test"
# The domain the Plivo Browser SDK puts in every URI (its constants.DOMAIN).
PLIVO_DOMAIN = "phone.plivo.com"
USERS = {"alice": "alice-secret-1", "bob": "bob-secret-2", "carol": "carol-secret-3"}
JWT_SECRET = "webphone-demo-secret"
START_TIMEOUT = 10.0
STOP_TIMEOUT = 5.0
ENSURE = "tests/rig/ensure_system.sh"


class KamailioStartError(RuntimeError):
    """Kamailio rejected its config or did not come up; the message has its log."""


def free_port(kind: int = socket.SOCK_STREAM) -> int:
    """A port nobody listens on right now (the OS picks it; a race is possible but rare)."""
    with socket.socket(socket.AF_INET, kind) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _missing(message: str) -> NoReturn:
    # CI must never silently skip the real-server tests.
    if os.environ.get("CI"):
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def _module_path(binary: str) -> Path:
    """Kamailio's compiled-in module directory (multiarch), read from ``kamailio -h``."""
    text = subprocess.run([binary, "-h"], capture_output=True, text=True, timeout=10)
    found = re.search(r"Modules search path \(default: ([^)]+)\)", text.stdout + text.stderr)
    if found:
        return Path(found.group(1).strip())
    candidates = sorted(Path("/usr/lib").glob("*/kamailio/modules"))
    return candidates[0] if candidates else Path("/usr/lib/kamailio/modules")


def _require_kamailio(config: Path = CONFIG) -> tuple[str, Path]:
    """(binary, module directory), or skip/fail when Kamailio or a module *config* loads
    is missing."""
    binary = shutil.which("kamailio") or shutil.which("kamailio", path="/usr/sbin:/sbin")
    if binary is None:
        _missing(f"kamailio is not installed (run {ENSURE})")
    modules = _module_path(binary)
    wanted = re.findall(r'^loadmodule "([^"]+)"', config.read_text(encoding="utf-8"), re.M)
    absent = [name for name in wanted if not (modules / name).exists()]
    if absent:
        _missing(f"Kamailio modules missing in {modules}: {absent} (run {ENSURE})")
    return binary, modules


@dataclass
class KamailioServer:
    """A Kamailio on 127.0.0.1; ``restart()`` brings it back on the same ports."""

    binary: str
    module_path: Path
    workdir: Path
    pki: Pki
    max_expires: int = 86400
    nonce_expire: int = 300
    digest_algorithm: str = "MD5"  # or "SHA-256" (one per instance, see kamailio.cfg)
    ws_port: int = field(default_factory=free_port)
    wss_port: int = field(default_factory=free_port)
    udp_port: int = field(default_factory=lambda: free_port(socket.SOCK_DGRAM))
    domain: str = DOMAIN
    users: dict[str, str] = field(default_factory=lambda: dict(USERS))
    jwt_secret: str = JWT_SECRET
    # No jwt module in Debian's 5.6; the config verifies HS256 with crypto + json modules.
    supports_bearer: bool = True
    process: subprocess.Popen[bytes] | None = None
    # Another config template (the gateway's) and the values only it needs.
    config: Path = CONFIG
    extra: dict[str, str] = field(default_factory=dict)
    log_title: str = "Kamailio log"

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
        """Kamailio's stderr (all restarts appended), to attach to a failing test."""
        return self.workdir / "kamailio.log"

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def log_tail(self, chars: int = 4000) -> str:
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")[-chars:]
        except FileNotFoundError:
            return ""

    def _render(self) -> Path:
        tls = self.workdir / "tls.cfg"
        tls.write_text(
            "[server:default]\nmethod = TLSv1.2+\nverify_certificate = no\n"
            f"require_certificate = no\nprivate_key = {self.pki.key_file}\n"
            f"certificate = {self.pki.cert_file}\n",
            encoding="utf-8",
        )
        # Passwords go into an htable at startup; they are test secrets, not real ones.
        users = "\n".join(f'    $sht(users=>{u}) = "{p}";' for u, p in self.users.items())
        text = Template(self.config.read_text(encoding="utf-8")).substitute(
            module_path=self.module_path,
            domain=self.domain,
            udp_port=self.udp_port,
            ws_port=self.ws_port,
            wss_port=self.wss_port,
            tls_config=tls,
            max_expires=self.max_expires,
            nonce_expire=self.nonce_expire,
            digest_algorithm=self.digest_algorithm,
            jwt_secret=self.jwt_secret,
            users=users,
            **self.extra,
        )
        path = self.workdir / "kamailio.cfg"
        path.write_text(text, encoding="utf-8")
        return path

    def start(self) -> None:
        """Check the config, start Kamailio and wait until ws and wss accept connections."""
        if self.running:
            return
        config = self._render()
        check = subprocess.run(
            [self.binary, "-c", "-f", str(config)], capture_output=True, text=True, timeout=30
        )
        if check.returncode != 0:
            raise KamailioStartError(f"Kamailio rejected its config:\n{check.stderr[-4000:]}")
        rundir = self.workdir / "run"
        rundir.mkdir(exist_ok=True)
        # Kamailio writes the pid file itself and refuses to start if it names a live process.
        with open(self.log_path, "ab") as log:
            log.write(f"--- starting kamailio at {time.strftime('%H:%M:%S')}\n".encode())
            log.flush()
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
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                # Its own process group, so a kill also reaches its worker processes.
                start_new_session=True,
            )
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline and self.process.poll() is None:
            if _listening(self.ws_port) and _listening(self.wss_port):
                return
            time.sleep(0.05)
        exited = self.process.poll()
        self.stop()
        state = f"exited with {exited}" if exited is not None else "did not listen in time"
        raise KamailioStartError(
            f"Kamailio {state} on {self.ws_url} / {self.wss_url}; its log:\n{self.log_tail()}"
        )

    def stop(self) -> None:
        """SIGTERM (Kamailio then stops its workers), SIGKILL to the group after a timeout."""
        process, self.process = self.process, None
        if process is None:
            return
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=STOP_TIMEOUT)
        # Workers that outlived their main process would keep the ports bound.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)

    def restart(self) -> None:
        """Stop and start again on the same ports ("the server went away and came back").
        Registrations are lost: usrloc keeps them in memory only."""
        self.stop()
        self.start()


def _listening(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.2)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _run(
    *,
    max_expires: int = 86400,
    digest_algorithm: str = "MD5",
    config: Path = CONFIG,
    domain: str = DOMAIN,
) -> Iterator[KamailioServer]:
    binary, modules = _require_kamailio(config)
    with tempfile.TemporaryDirectory(prefix="webphone-kamailio-") as directory:
        workdir = Path(directory)
        pki = make_pki(workdir / "pki")
        server: KamailioServer | None = None
        # Free ports are picked before Kamailio binds them: on a lost race, pick again.
        for attempt in range(3):
            server = KamailioServer(
                binary,
                modules,
                workdir,
                pki,
                max_expires=max_expires,
                digest_algorithm=digest_algorithm,
                config=config,
                domain=domain,
            )
            try:
                server.start()
                break
            except KamailioStartError as exc:
                if attempt == 2 or "Address already in use" not in str(exc):
                    pytest.fail(str(exc), pytrace=False)
        assert server is not None
        _LIVE.append(server)
        try:
            yield server
        finally:
            _LIVE.remove(server)
            server.stop()


class RigProcess(Protocol):
    """Anything of the rig whose log a failing test should show."""

    @property
    def log_path(self) -> Path: ...

    log_title: str


# Running rig processes (Kamailio, and the gateway rig's rtpengine and phones), and where
# each one's log stood when the current test started.
_LIVE: list[RigProcess] = []
_LOG_START = pytest.StashKey[dict[int, int]]()


def _log_size(server: RigProcess) -> int:
    try:
        return server.log_path.stat().st_size
    except FileNotFoundError:
        return 0


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    item.stash[_LOG_START] = {id(server): _log_size(server) for server in _LIVE}


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """A failing test gets what each rig process logged while it ran (fixtures reached
    through request.getfixturevalue included)."""
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    if not report.failed:
        return
    starts = item.stash.get(_LOG_START, {})
    for server in list(_LIVE):
        try:
            with open(server.log_path, "rb") as log:
                log.seek(starts.get(id(server), 0))
                text = log.read().decode("utf-8", errors="replace")
        except FileNotFoundError:
            continue
        if text.strip():
            report.sections.append((f"{server.log_title} {server.log_path}", text[-8000:]))


@pytest.fixture(scope="session")
def kamailio() -> Iterator[KamailioServer]:
    """One Kamailio for the whole session (tests must not stop it)."""
    yield from _run()


@pytest.fixture(scope="session")
def kamailio_short_expiry() -> Iterator[KamailioServer]:
    """A Kamailio that grants registrations for 10 s at most, to watch refreshes."""
    yield from _run(max_expires=10)


@pytest.fixture(scope="session")
def kamailio_sha256() -> Iterator[KamailioServer]:
    """A Kamailio whose digest challenges (and checks) use SHA-256 instead of MD5."""
    yield from _run(digest_algorithm="SHA-256")


@pytest.fixture(scope="session")
def kamailio_plivo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[KamailioServer]:
    """A Kamailio that stands in for Plivo's servers in front of the Plivo Browser SDK:
    its domain is the SDK's hard-coded ``phone.plivo.com``, and initial INVITEs get the
    ``X-Calluuid`` header Plivo adds (the SDK drops incoming calls without it)."""
    variant = tmp_path_factory.mktemp("kamailio-plivo") / "kamailio_plivo.cfg"
    first, rest = CONFIG.read_text(encoding="utf-8").split("\n", 1)
    variant.write_text(f"{first}\n#!define WITH_X_CALLUUID\n{rest}", encoding="utf-8")
    yield from _run(config=variant, domain=PLIVO_DOMAIN)


@pytest.fixture
def kamailio_fresh() -> Iterator[KamailioServer]:
    """A private Kamailio a test may stop and restart (same ports)."""
    yield from _run()
