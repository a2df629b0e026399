"""Which account the app uses and the running core session for it (no Qt here).

An :class:`AccountConfig` is what the login dialog edits and the settings file keeps (never
a password or token: those live in the OS keyring). :func:`open_session` runs on the core
thread's asyncio loop: it starts the embedded demo service when the account says so,
creates the sdk :class:`~webphone.sdk.Client`, wires every event to one listener and logs in.
"""

from __future__ import annotations

import enum
import inspect
import logging
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from ..demo.environment import DEMO_USER, DemoEnvironment, start_demo
from ..sdk import EVENT_NAMES, Client
from ..sdk.ice_servers import credential_entry, parse_ice_servers

log = logging.getLogger(__name__)

PLIVO_SERVER = "wss://client.plivo.com/signalling"


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


@dataclass
class SessionInfo:
    """What the GUI learns about a session once it is open."""

    demo: bool
    user: str
    domain: str
    server: str
    contacts: list[str] = field(default_factory=list)  # demo bots and accounts to call


EventSink = Callable[..., None]  # (event name, *sdk payload)


class Session:
    """One logged-in (or logging-in) client, with the demo service it may have started."""

    def __init__(self, client: Client, demo: DemoEnvironment | None, info: SessionInfo) -> None:
        self.client = client
        self.demo = demo
        self.info = info

    async def end_calls(self) -> None:
        """End every call cleanly: reject what rings, hang up (BYE) or cancel the current
        one. Bounded (the sdk's ``CLOSE_GRACE``, 2 s): quitting must not wait on a far end
        that never answers the BYE, as ``hangup()`` would for up to 10 s."""
        await self.client.calls.close()

    async def close(self) -> None:
        """End calls, log out and stop the demo service (if this session started it)."""
        try:
            await self.client.close()  # ends the calls first, bounded as end_calls()
        finally:
            if self.demo is not None:
                await self.demo.stop()


async def open_session(
    config: AccountConfig,
    secret: str | None,
    sink: EventSink,
    options: Mapping[str, object] | None = None,
    play: str | None = None,
    turn_credential: str | None = None,
) -> Session:
    """Start the client for *config* (and the demo service for a demo account), wire every
    sdk event to ``sink(name, *payload)`` and start logging in.

    Login runs to completion before this returns; its outcome arrives as ``onLogin`` /
    ``onLoginFailed`` through *sink*. *play* is a WAV file sent as the microphone (until
    the audio engine provides devices). *turn_credential* defaults to the one the
    keyring holds for the account's TURN server. Raises ``ValueError`` for unusable
    settings (a TURN server without a stored credential among them).
    """
    problem = config.validate()
    if problem:
        raise ValueError(problem)
    if play:
        # --play only: webphone.media.wavfile imports aiortc and PyAV, which the idle
        # window does without.
        from ..media.wavfile import WavFileTrack, load_wav

        load_wav(play)  # fail now, with the reason, not at the first call
    demo: DemoEnvironment | None = None
    if config.kind is AccountKind.DEMO:
        demo = await start_demo()
        kwargs = demo.client_kwargs()
        user, secret = config.user or DEMO_USER, None
        if user not in demo.service.accounts:
            user = DEMO_USER
        secret = demo.password(user)
        contacts = [*demo.bot_names, *(h for h in demo.humans if h != user)]
    else:
        server = PLIVO_SERVER if config.kind is AccountKind.PLIVO else config.server
        kwargs = {
            "server": server,
            "domain": config.domain or None,
            "ca_file": config.ca_file or None,
            "insecure_tls": config.insecure_tls,
        }
        entry = config.turn_keyring_user
        if turn_credential is None and entry is not None:
            # Imported here: settings imports this module (and owns the keyring access).
            from .settings import load_secret

            turn_credential = load_secret(entry)
            if turn_credential is None:
                raise ValueError(f"no TURN credential stored for {entry}")
        kwargs["ice_servers"] = config.ice_server_list(turn_credential)
        user, contacts = config.user, []
    if "audio_backend" in inspect.signature(Client).parameters:
        # The user's own phone uses the sound devices (the demo bots stay device-less).
        kwargs["audio_backend"] = "auto"
    try:
        client = Client(options, **kwargs)
    except BaseException:
        if demo is not None:
            await demo.stop()
        raise
    if play:
        client.audio_source_factory = lambda: WavFileTrack(play, loop=True)
    for event in sorted(EVENT_NAMES):
        client.on(event, lambda *args, _event=event: sink(_event, *args))
    info = SessionInfo(
        demo=demo is not None,
        user=user,
        domain=client.domain,
        server=client.servers[0],
        contacts=contacts,
    )
    session = Session(client, demo, info)
    if config.method is LoginMethod.TOKEN and demo is None:
        await client.login_with_access_token(secret or "")
    else:
        await client.login(user, secret or "")
    info.user = client.username or user  # a token names its user in the ``sub`` claim
    return session
