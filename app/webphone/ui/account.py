"""Which account the app uses and the running core session for it (no Qt here).

An :class:`AccountConfig` is what the login dialog edits and the settings file keeps (never
a password or token: those live in the OS keyring). :func:`open_session` runs on the core
thread's asyncio loop: it turns the account into a :class:`~webphone.session.SessionConfig`
and opens that session (the same bootstrap ``webphone-cli`` uses).
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from ..sdk.api.client import PLIVO_SERVERS
from ..sdk.core.ice_servers import credential_entry, parse_ice_servers
from ..session import DEMO_USER, EventSink, Service, Session, SessionConfig, SessionInfo
from ..session import open_session as open_session_for

log = logging.getLogger(__name__)

#: Shown in the login dialog; a Plivo session uses the sdk's list, with its fallback.
PLIVO_SERVER = PLIVO_SERVERS[0]

__all__ = [
    "PLIVO_SERVER",
    "AccountConfig",
    "AccountKind",
    "LoginMethod",
    "Session",
    "SessionInfo",
    "open_session",
]


class AccountKind(enum.Enum):
    """The presets of the login dialog."""

    DEMO = "demo"  # the embedded local demo service, logged in as a demo user
    PLIVO = "plivo"  # Plivo's WebSocket servers
    SIP = "sip"  # any SIP-over-WebSocket server


class LoginMethod(enum.Enum):
    PASSWORD = "password"
    TOKEN = "token"


@dataclass
class AccountConfig:
    """Where to log in and as whom; secrets are looked up separately (keyring)."""

    kind: AccountKind = AccountKind.DEMO
    server: str = ""
    domain: str = ""
    user: str = DEMO_USER
    method: LoginMethod = LoginMethod.PASSWORD
    ca_file: str = ""
    insecure_tls: bool = False
    # STUN/TURN URLs for calls through NAT (any kind of account); the TURN credential,
    # like the password, lives only in the keyring (entry :attr:`turn_keyring_user`).
    ice_servers: list[str] = field(default_factory=list)
    ice_username: str = ""

    @property
    def keyring_user(self) -> str:
        """The keyring entry of the secret: ``user@domain`` (``token@server`` for tokens),
        the same names ``webphone-cli`` uses."""
        if self.method is LoginMethod.TOKEN:
            return f"token@{self.server or self.kind.value}"
        return f"{self.user}@{self.domain or self.server}"

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["kind"] = self.kind.value
        data["method"] = self.method.value
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> AccountConfig:
        """Read a stored account; unknown or broken entries fall back to the defaults."""
        config = cls()
        try:
            config.kind = AccountKind(data.get("kind", config.kind.value))
            config.method = LoginMethod(data.get("method", config.method.value))
        except ValueError:
            log.warning("stored account has an unknown kind or method; using the demo service")
            return cls()
        for name in ("server", "domain", "user", "ca_file"):
            value = data.get(name)
            if isinstance(value, str):
                setattr(config, name, value)
        config.insecure_tls = data.get("insecure_tls") is True
        urls = data.get("ice_servers")
        if isinstance(urls, list):
            config.ice_servers = [u for u in urls if isinstance(u, str) and u.strip()]
        if isinstance(data.get("ice_username"), str):
            config.ice_username = data["ice_username"]
        return config

    @property
    def turn_urls(self) -> list[str]:
        return [u for u in self.ice_servers if u.strip().lower().startswith("turn")]

    @property
    def turn_keyring_user(self) -> str | None:
        """The keyring entry of the TURN credential (``turn:user@host``, the name
        ``webphone-cli`` uses), or ``None`` without a TURN server."""
        if not self.turn_urls or not self.ice_username:
            return None
        return credential_entry(self.turn_urls[0], self.ice_username)

    def ice_server_list(self, turn_credential: str | None) -> list[dict[str, Any]]:
        """The sdk's ``ice_servers``: STUN URLs as one server, TURN URLs as another with
        the user name and *turn_credential*. Raises ValueError for a bad URL."""
        stun = [u.strip() for u in self.ice_servers if u not in self.turn_urls]
        servers: list[dict[str, Any]] = [{"urls": stun}] if stun else []
        if self.turn_urls:
            servers.append(
                {
                    "urls": [u.strip() for u in self.turn_urls],
                    "username": self.ice_username,
                    "credential": turn_credential or "",
                }
            )
        return parse_ice_servers(servers)

    def validate(self) -> str | None:
        """Why this account cannot be used, or ``None`` when it looks complete."""
        if self.kind is AccountKind.DEMO:
            return None
        if self.kind is AccountKind.SIP and not self.server.startswith(("ws://", "wss://")):
            return "server must be a ws:// or wss:// URL"
        if self.method is LoginMethod.PASSWORD and not self.user:
            return "user name missing"
        return None

    def validate_ice(self) -> str | None:
        """Why the ICE server settings cannot be used (bad URL, TURN without a user)."""
        if self.turn_urls and not self.ice_username:
            return "a TURN server needs a user name"
        try:
            self.ice_server_list("-")  # the credential is checked where it is entered
        except ValueError as exc:
            return str(exc)
        return None


async def open_session(
    config: AccountConfig,
    secret: str | None,
    sink: EventSink,
    options: Mapping[str, object] | None = None,
    play: str | None = None,
    turn_credential: str | None = None,
) -> Session:
    """Start the session for *config* (:mod:`webphone.session`: the demo service for a
    demo account, the client on the user's sound devices), wire every sdk event to
    ``sink(name, *payload)`` and log in.

    Login runs to completion before this returns; its outcome arrives as ``onLogin`` /
    ``onLoginFailed`` through *sink*. *play* is a WAV file sent as the microphone, again
    and again. *turn_credential* defaults to the one the keyring holds for the account's
    TURN server. Raises ``ValueError`` for unusable settings (a TURN server without a
    stored credential among them).
    """
    problem = config.validate()
    if problem:
        raise ValueError(problem)
    service = {
        AccountKind.DEMO: Service.DEMO,
        AccountKind.PLIVO: Service.PLIVO,
        AccountKind.SIP: Service.SERVER,
    }[config.kind]
    ice_servers: list[dict[str, Any]] = []
    if service is not Service.DEMO:
        entry = config.turn_keyring_user
        if turn_credential is None and entry is not None:
            # Imported here: settings imports this module (and owns the keyring access).
            from .settings import load_secret

            turn_credential = load_secret(entry)
            if turn_credential is None:
                raise ValueError(f"no TURN credential stored for {entry}")
        ice_servers = config.ice_server_list(turn_credential)
    demo = service is Service.DEMO
    session_config = SessionConfig(
        service=service,
        server=config.server if service is Service.SERVER else None,
        domain=None if demo else config.domain or None,
        user=config.user or None,
        token=config.method is LoginMethod.TOKEN and not demo,
        ca_file=None if demo else config.ca_file or None,
        insecure_tls=config.insecure_tls and not demo,
        ice_servers=ice_servers,
        # The user's own phone uses the sound devices (the demo bots stay device-less).
        audio_backend="auto",
        options=options,
        play=play,
        play_loop=True,
    )
    # The demo service's own accounts need no secret (another name: its first account).
    secrets = None if demo else (lambda _entry, _kind: secret or "")
    return await open_session_for(session_config, secrets, sink)
