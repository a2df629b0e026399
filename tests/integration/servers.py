"""One description of "a SIP-over-WebSocket server under test", so every signalling test
runs against the real Kamailio and the embedded demo service alike."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass
class Target:
    kind: str  # "kamailio" | "demo"
    ws_url: str
    wss_url: str
    domain: str
    ca_file: str
    wrong_ca_file: str
    users: dict[str, str]
    make_token: Callable[..., str] | None  # None when the server can't verify bearer tokens
    handle: Any = None  # the DemoService or the rig's KamailioServer, for server-side checks

    def url(self, scheme: str) -> str:
        return self.ws_url if scheme == "ws" else self.wss_url

    @property
    def user(self) -> str:
        return sorted(self.users)[0]

    @property
    def password(self) -> str:
        return self.users[self.user]
