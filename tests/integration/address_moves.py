"""Moving a host's address mid-call, for the tests of issue 16, item 3: veth interfaces in
the test's own network namespace, and what Kamailio and the SDP show of the move
(tests/integration/test_address_change.py, tests/interop/test_jssip_address_change.py).
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
from collections.abc import Iterator
from typing import Any

import pytest

OLD, NEW, BOB = "10.99.0.1", "10.99.0.2", "10.99.9.1"
#: What the issue allows from the address change to audio flowing again.
BUDGET = 5.0


def ip(*args: str) -> None:
    subprocess.run(["ip", *args], check=True, capture_output=True)


def in_private_namespace() -> bool:
    """Root, ``ip``, and a namespace of the test's own: one with only ``lo`` (or
    interfaces this test made). Never touch the machine's real interfaces."""
    if os.geteuid() != 0 or shutil.which("ip") is None:
        return False
    names = {name for _, name in socket.if_nameindex()}
    return names <= {"lo", "wpa0", "wpa1", "wpb0", "wpb1"}


@pytest.fixture
def interfaces() -> Iterator[None]:
    """alice's two interfaces (the two ends of a veth pair, the first with OLD) and
    bob's (BOB). Veth, not dummy: the test kernel may lack the dummy module."""
    if not in_private_namespace():
        if os.environ.get("CI") == "true":
            pytest.fail("CI must run this in a private network namespace as root")
        pytest.skip("needs root in a private network namespace (tests/run.sh)")
    made = []
    try:
        for first, second in (("wpa0", "wpa1"), ("wpb0", "wpb1")):
            ip("link", "add", first, "type", "veth", "peer", "name", second)
            made.append(first)
            ip("link", "set", first, "up")
            ip("link", "set", second, "up")
        ip("addr", "add", f"{OLD}/32", "dev", "wpa0")
        ip("addr", "add", f"{BOB}/32", "dev", "wpb0")
        yield
    finally:
        for name in made:
            ip("link", "del", name)  # takes its peer with it


def ufrag(sdp: str) -> str:
    found = re.search(r"^a=ice-ufrag:(\S+)", sdp, re.MULTILINE)
    assert found, sdp
    return found.group(1)


def invites_from(kamailio: Any, user: str, offset: int) -> int:
    """INVITEs from *user* that Kamailio logged after byte *offset* of its log."""
    with open(kamailio.log_path, "rb") as log:
        log.seek(offset)
        text = log.read().decode("utf-8", errors="replace")
    return sum(
        1 for line in text.splitlines() if "req INVITE" in line and f"from sip:{user}@" in line
    )
