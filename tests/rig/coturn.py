"""pytest fixtures for NAT traversal: Debian's coturn as a TURN relay, and a loopback
"NAT" that only the relay crosses (issue 15).

``coturn`` (session) runs ``turnserver`` in the foreground on a free loopback port with a
config file of its own (long-term credentials, one static user, TLS on a second port with
a throwaway CA's certificate for 127.0.0.1, no DTLS, loopback peers allowed because every
peer here is on 127.x) and yields a :class:`Coturn`.

``isolated_hosts`` (function) gives two callers their own loopback addresses, 127.0.0.2
and 127.0.0.3, and has nftables drop every datagram between them, so their host
candidates cannot reach each other while both still reach the relay on 127.0.0.1. It
needs the loopback-only network namespace the test runs use (``unshare -n``, as root):
it changes ``lo`` and the namespace's firewall, never the machine's.

A missing ``turnserver`` or ``nft`` (or no namespace) fails under CI and skips elsewhere,
like the other rigs; tests/rig/ensure_system.sh installs the packages.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from .kamailio import _LIVE, _missing, free_port
from .pki import Pki, make_pki

TURN_USER = "webphone"
TURN_PASSWORD = "turn-Relay-Secret-7"
REALM = "webphone.test"
CALLERS = ("127.0.0.2", "127.0.0.3")
NFT_TABLE = "webphone_nat"
START_TIMEOUT = 10.0


@dataclass
class Coturn:
    port: int
    tls_port: int
    pki: Pki  # its CA verifies the TLS port's certificate
    log_path: Path
    process: subprocess.Popen[bytes]
    log_title: str = "coturn"

    def url(self, transport: str = "udp") -> str:
        """``udp`` and ``tcp``: ``turn:``; ``tls``: ``turns:`` (TCP) on the TLS port."""
        if transport == "tls":
            return f"turns:127.0.0.1:{self.tls_port}?transport=tcp"
        return f"turn:127.0.0.1:{self.port}?transport={transport}"

    def ice_server(self, transport: str = "udp") -> dict[str, object]:
        return {"urls": [self.url(transport)], "username": TURN_USER, "credential": TURN_PASSWORD}

    def log_tail(self, chars: int = 4000) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-chars:]
        except FileNotFoundError:
            return ""


def _answers_stun(port: int) -> bool:
    """True once coturn answers a STUN binding request on *port*."""
    request = bytes.fromhex("000100002112a442") + os.urandom(12)
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.settimeout(0.2)
        try:
            sock.sendto(request, ("127.0.0.1", port))
            return sock.recv(2048)[:2] == b"\x01\x01"
        except OSError:
            return False


@pytest.fixture(scope="session")
def coturn(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Coturn]:
    binary = shutil.which("turnserver") or (
        "/usr/bin/turnserver" if Path("/usr/bin/turnserver").exists() else None
    )
    if binary is None:
        _missing("coturn (turnserver) is not installed: run tests/rig/ensure_system.sh")
    directory = tmp_path_factory.mktemp("coturn")
    pki = make_pki(directory / "pki")
    port = free_port(socket.SOCK_DGRAM)
    tls_port = free_port(socket.SOCK_STREAM)
    relay_low = 49152 + (port % 1000) * 10  # a small relay range of our own
    config = directory / "turnserver.conf"
    config.write_text(
        "\n".join(
            [
                "listening-ip=127.0.0.1",
                f"listening-port={port}",
                f"tls-listening-port={tls_port}",
                f"cert={pki.cert_file}",
                f"pkey={pki.key_file}",
                "relay-ip=127.0.0.1",
                f"min-port={relay_low}",
                f"max-port={relay_low + 9}",
                f"realm={REALM}",
                "lt-cred-mech",
                f"user={TURN_USER}:{TURN_PASSWORD}",
                "fingerprint",
                "no-dtls",
                "no-cli",
                "allow-loopback-peers",  # every peer in the test namespace is 127.x
                "no-software-attribute",
                f"pidfile={directory / 'turnserver.pid'}",
                f"userdb={directory / 'turndb'}",  # not the system's /var/lib/turn
                f"log-file={directory / 'turnserver.log'}",
                "simple-log",
                "no-stdout-log",
                "",
            ]
        )
    )
    log_path = directory / "turnserver.log"
    process = subprocess.Popen(
        [binary, "-c", str(config)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=open(directory / "stderr.log", "wb"),  # noqa: SIM115 - lives with the process
    )
    server = Coturn(port, tls_port, pki, log_path, process)
    deadline = time.monotonic() + START_TIMEOUT
    while not _answers_stun(port):
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            process.wait()
            pytest.fail(f"coturn did not start:\n{server.log_tail()}", pytrace=False)
    _LIVE.append(server)
    try:
        yield server
    finally:
        _LIVE.remove(server)
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _run(*command: str) -> None:
    subprocess.run(command, check=True, capture_output=True, timeout=10)


def _reaches(source: str, target: str) -> bool:
    """Whether a UDP datagram from *source* arrives at *target* (the rig checks itself)."""
    with (
        socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sender,
        socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as receiver,
    ):
        sender.bind((source, 0))
        receiver.bind((target, 0))
        receiver.settimeout(0.2)
        sender.sendto(b"ping", receiver.getsockname())
        try:
            return receiver.recv(16) == b"ping"
        except TimeoutError:
            return False


def _in_private_namespace() -> bool:
    """Only ``lo`` here: we may add addresses and firewall rules without touching the host."""
    # (Not /sys/class/net: unshare -n keeps the host's /sys mounted.)
    return [name for _, name in socket.if_nameindex()] == ["lo"]


@pytest.fixture
def isolated_hosts() -> Iterator[tuple[str, str]]:
    """Two loopback addresses whose datagrams to each other are dropped (a NAT pair that
    can only meet through a relay)."""
    nft = shutil.which("nft") or ("/usr/sbin/nft" if Path("/usr/sbin/nft").exists() else None)
    if nft is None:
        _missing("nftables (nft) is not installed: run tests/rig/ensure_system.sh")
    if os.geteuid() != 0 or not _in_private_namespace():
        _missing("needs root in a loopback-only network namespace (unshare -n)")
    a, b = CALLERS
    for address in CALLERS:
        with contextlib.suppress(subprocess.CalledProcessError):  # already there
            _run("ip", "addr", "add", f"{address}/32", "dev", "lo")
    _run(nft, "add", "table", "inet", NFT_TABLE)
    _run(nft, "add", "chain", "inet", NFT_TABLE, "in", "{ type filter hook input priority 0; }")
    for source, target in ((a, b), (b, a)):
        _run(nft, "add", "rule", "inet", NFT_TABLE, "in", "ip", "saddr", source, "ip", "daddr",
             target, "drop")  # fmt: skip
    try:
        assert not _reaches(a, b) and not _reaches(b, a), "the direct path is dropped"
        assert _reaches(a, "127.0.0.1") and _reaches(b, "127.0.0.1"), "the relay is reachable"
        yield a, b
    finally:
        _run(nft, "delete", "table", "inet", NFT_TABLE)
        for address in CALLERS:
            with contextlib.suppress(subprocess.CalledProcessError):
                _run("ip", "addr", "del", f"{address}/32", "dev", "lo")
