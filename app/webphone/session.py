"""One running phone session, as ``webphone-cli`` and the desktop app start it (no Qt).

A :class:`Session` is the embedded demo service (when no server is given) or a real
server, one sdk :class:`~webphone.sdk.Client` on it with every event wired to one
listener, and what the account sends and records instead of sound devices (a WAV file as
the microphone, the far end into a WAV file). Both front ends used to build this each on
its own, nearly line for line; the desktop app also kept its own copy of Plivo's server
URL and so lost the sdk's fallback server.

Runs on the asyncio loop that owns the client (the CLI's, the app's core thread).
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .demo.environment import DEMO_USER, DemoEnvironment, start_demo
from .sdk import EVENT_NAMES, Client

if TYPE_CHECKING:
    from .media.wavfile import WavRecorder

log = logging.getLogger(__name__)

__all__ = [
    "DEMO_USER",
    "EVENT_NAMES",
    "EventSink",
    "SecretSource",
    "Service",
    "Session",
    "SessionConfig",
    "SessionInfo",
    "open_session",
]

#: ``sink(event name, *sdk payload)``
EventSink = Callable[..., None]
#: ``secrets(keyring entry, kind)`` → the secret; kind is ``'password'`` or ``'token'``.
#: Raises when there is none (the CLI's :class:`~webphone.cli.secrets.NoSecret`).
SecretSource = Callable[[str, str], str]


class Service(enum.Enum):
    """Where the session logs in."""

    DEMO = "demo"  # the embedded local demo service, started with the session
    PLIVO = "plivo"  # Plivo's servers: the sdk's list, with its fallback server
    SERVER = "server"  # any SIP-over-WebSocket server (:attr:`SessionConfig.server`)


@dataclass(frozen=True)
class SessionConfig:
    """What to start. Secrets are never part of it (see :data:`SecretSource`)."""

    service: Service = Service.DEMO
    server: str | None = None  # ws:// or wss:// URL, for Service.SERVER
    domain: str | None = None  # default: the server's host (the demo's own domain)
    user: str | None = None  # default with the demo service: DEMO_USER
    token: bool = False  # log in with an access token (JWT), not a password
    ca_file: str | None = None
    insecure_tls: bool = False
    ice_servers: Sequence[Mapping[str, object]] = ()
    allowed_addresses: Sequence[str] | None = None  # default with the demo: loopback
    audio_backend: str = "null"
    options: Mapping[str, object] | None = None  # the seed's options
    play: str | None = None  # a 16-bit PCM WAV file sent as the microphone
    play_loop: bool = False  # send it again and again (else once per call)
    record: str | None = None  # a WAV file that gets what the far end sends


@dataclass
class SessionInfo:
    """What a front end shows about a session once it is open."""

    demo: bool
    user: str
    domain: str
    server: str
    contacts: list[str] = field(default_factory=list)  # demo bots and accounts to call


class Session:
    """One client (logged in by :meth:`login`), with the demo service it may have
    started; :meth:`close` ends all of it."""

    def __init__(
        self,
        client: Client,
        demo: DemoEnvironment | None,
        info: SessionInfo,
        config: SessionConfig,
        recorder: WavRecorder | None = None,
    ) -> None:
        self.client = client
        self.demo = demo
        self.info = info
        self.config = config
        self._recorder = recorder

    @classmethod
    async def start(
        cls,
        config: SessionConfig,
        sink: EventSink | None = None,
        events: Collection[str] = EVENT_NAMES,
    ) -> Session:
        """Start the demo service (for :attr:`Service.DEMO`) and the client, and wire
        *events* to ``sink(name, *payload)``; no login yet. Raises ``ValueError`` for
        unusable settings (:class:`~webphone.media.wavfile.WavError` for a bad WAV file)
        before anything has started."""
        if config.service is Service.SERVER and not config.server:
            raise ValueError("no server given")
        unknown = set(events) - EVENT_NAMES
        if unknown:
            raise ValueError(f"not sdk events: {', '.join(sorted(unknown))}")
        if config.play:
            # Only then: webphone.media.wavfile imports aiortc and PyAV, which an idle
            # window does without.
            from .media.wavfile import load_wav

            load_wav(config.play)  # fail now, with the reason, not at the first call
        demo: DemoEnvironment | None = None
        if config.service is Service.DEMO:
            demo = await start_demo()
        try:
            session = cls._with_client(config, demo)
        except BaseException:
            if demo is not None:
                await demo.stop()
            raise
        if sink is not None:
            for event in sorted(events):
                session.client.on(event, lambda *args, _event=event: sink(_event, *args))
        return session

    @classmethod
    def _with_client(cls, config: SessionConfig, demo: DemoEnvironment | None) -> Session:
        kwargs: dict[str, Any] = {
            "server": config.server if config.service is Service.SERVER else None,
            "domain": config.domain,
            "allowed_addresses": config.allowed_addresses,
        }
        user = config.user or ""
        contacts: list[str] = []
        if demo is not None:
            demo_kwargs = demo.client_kwargs()
            kwargs["server"], kwargs["domain"] = demo_kwargs["server"], demo_kwargs["domain"]
            kwargs["allowed_addresses"] = (
                config.allowed_addresses or demo_kwargs["allowed_addresses"]
            )
            user = user or DEMO_USER
            contacts = [*demo.bot_names, *(h for h in demo.humans if h != user)]
        client = Client(
            config.options,
            ca_file=config.ca_file,
            insecure_tls=config.insecure_tls,
            ice_servers=config.ice_servers or None,
            audio_backend=config.audio_backend,
            **kwargs,
        )
        recorder = None
        if config.play or config.record:
            from .media.wavfile import WavFileTrack, WavRecorder

            if config.play:
                play, loop = config.play, config.play_loop
                client.audio_source_factory = lambda: WavFileTrack(play, loop=loop)
            if config.record:
                recorder = WavRecorder(config.record)
                client.remote_audio_listeners.append(recorder.write)
        info = SessionInfo(
            demo=demo is not None,
            user=user,
            domain=client.domain,
            server=client.servers[0],
            contacts=contacts,
        )
        return cls(client, demo, info, config, recorder)

    async def login(self, secrets: SecretSource | None = None) -> bool:
        """Log in (with a token when the config says so); True once registered. The
        outcome also arrives as ``onLogin`` / ``onLoginFailed``.

        The demo service's own accounts need no secret. Another user on the demo service
        asks *secrets* for one; without *secrets* the session logs in as
        :data:`DEMO_USER` instead."""
        client, demo, info = self.client, self.demo, self.info
        if self.config.token:
            if secrets is None:
                raise ValueError("no access token")
            ok = await client.login_with_access_token(secrets("token", "token"))
        else:
            if demo is not None and info.user not in demo.service.accounts and secrets is None:
                info.user = DEMO_USER
            if demo is not None and info.user in demo.service.accounts:
                secret = demo.password(info.user)
            elif secrets is not None:
                secret = secrets(f"{info.user}@{info.domain}", "password")
            else:
                raise ValueError(f"no password for {info.user}@{info.domain}")
            ok = await client.login(info.user, secret)
        info.user = client.username or info.user  # a token names its user in ``sub``
        return ok

    async def end_calls(self) -> None:
        """End every call cleanly: reject what rings, hang up (BYE) or cancel the current
        one. Bounded (the sdk's ``CLOSE_GRACE``, 2 s): quitting must not wait on a far end
        that never answers the BYE, as ``hangup()`` would for up to 10 s."""
        await self.client.calls.close()

    async def close(self) -> None:
        """End calls, log out, stop the demo service (if this session started it) and
        finish the recording."""
        try:
            await self.client.close()  # ends the calls first, bounded as end_calls()
        finally:
            try:
                if self.demo is not None:
                    await self.demo.stop()
            finally:
                if self._recorder is not None:
                    self._recorder.close()


async def open_session(
    config: SessionConfig,
    secrets: SecretSource | None,
    sink: EventSink | None = None,
    events: Collection[str] = EVENT_NAMES,
) -> Session:
    """:meth:`Session.start` and :meth:`Session.login`; the session is closed again
    when the login raises (a missing secret). A refused login returns the open session:
    its outcome is the ``onLoginFailed`` event."""
    session = await Session.start(config, sink, events)
    try:
        await session.login(secrets)
    except BaseException:
        await session.close()
        raise
    return session
