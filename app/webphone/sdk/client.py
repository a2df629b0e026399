"""The ``Client`` facade: the seed's options, methods and events over SIP-over-WebSocket."""

from __future__ import annotations

import asyncio
import enum
import functools
import importlib.util
import random
import ssl
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from .. import __version__
from ..audio.devices import open_backend
from ..media.config import MediaConfig
from ..sip.headers import NameAddr
from ..sip.message_summary import EVENT as MWI_EVENT
from ..sip.uri import SipUri
from . import causes
from .audio import ClientAudio
from .availability import Availability
from .call import CallSession
from .calls import CallManager
from .diagnostics import CrashCapture
from .events import EventEmitter, Listener
from .ice_servers import parse_ice_servers
from .log import DEBUG_LEVELS, SECRETS, get_logger, set_level
from .notify_router import NotifyRouter
from .options import validate_options
from .quality import FeedbackOutcome, QualityMonitor
from .registration import (
    Credentials,
    PasswordCredentials,
    RegisterResult,
    Registration,
    TokenCredentials,
)
from .tasks import TaskOwner
from .token import TokenError, parse_access_token
from .tone_preview import RingTonePreview, RingTonePreviews
from .transport import FailureKind, TransportError, WebSocketTransport, make_ssl_context
from .useragent import RequestTimeout, UserAgent
from .voicemail import VoicemailSubscription

if TYPE_CHECKING:
    from av import AudioFrame

    from ..media.session import AudioSource, MediaSession

log = get_logger(__name__)

CLOSE_NORMAL = 1000
CLOSE_ABNORMAL = 1006
#: How long close() waits for the background tasks it cancels to unwind (s).
CLOSE_TASKS_TIMEOUT = 2.0
PLIVO_SERVERS = ("wss://client.plivo.com/signalling", "wss://client-fb.plivo.com/signalling")
PLIVO_DOMAIN = "phone.plivo.com"


class ConnectionState(enum.Enum):
    """Where the client's signalling connection stands."""

    IDLE = "idle"  # never connected, logged out or disconnected on purpose
    CONNECTING = "connecting"  # first connection of a login in progress
    CONNECTED = "connected"
    RECONNECTING = "reconnecting"  # lost; backing off between attempts


class _Restore(enum.Enum):
    DONE = "done"
    RETRY = "retry"
    FAILED = "failed"


def reconnect_delay(attempt: int, low: float, high: float) -> float:
    """Randomised exponential backoff: uniform in [1, 2^attempt] s, clamped to [low, high]."""
    return min(high, max(low, random.uniform(1.0, 2.0**attempt)))


#: How often the client checks that it has not been asleep, and how late a check may be
#: before it counts as a sleep (a busy event loop is late by a fraction of a second; a
#: laptop lid or a SIGSTOP, by as long as it lasted).
WAKE_TICK = 2.0
WAKE_TOLERANCE = 5.0


def slept(expected: float, monotonic_elapsed: float, boottime_elapsed: float) -> bool:
    """Whether a timer asked to fire after *expected* seconds came so late that the
    process must have been stopped or the machine suspended in between.

    A late timer is the one sign both cases share: SIGSTOP (a debugger, a frozen VM, a
    shell's Ctrl-Z) lets every clock run on while our timers cannot fire, so the wake-up
    is late on the monotonic clock; a system suspend stops Linux's CLOCK_MONOTONIC too, so
    only CLOCK_BOOTTIME (monotonic, counting suspend) shows the gap. The later of the two
    is compared with *expected*. The wall clock is not used: NTP and users step it, which
    is no sleep, and a step backwards would hide one.
    """
    return max(monotonic_elapsed, boottime_elapsed) - expected > WAKE_TOLERANCE


#: RFC 7675: a peer stops sending media to an address whose consent went unanswered for
#: 30 s; past half of that asleep, our call's path is given up or about to be.
CONSENT_TIMEOUT = 30.0


def call_needs_recovery(asleep: float) -> bool:
    """Whether a call's media must be set up afresh after sleeping *asleep* seconds.

    While we sleep, nothing answers the far end's ICE consent checks; after 30 s it drops
    the path (aiortc closes ICE) and the call goes silent both ways with no BYE from
    anyone: a stuck call. A re-INVITE with a new peer connection brings the media back.
    From half the consent timeout on it is done at once, not after the far end gave up,
    since an unneeded one costs a blip of audio and a missed one the call; shorter sleeps
    leave the path alone (consent outlives them).
    """
    return asleep > CONSENT_TIMEOUT / 2


def _boottime() -> float:
    """CLOCK_BOOTTIME where the OS has it (Linux), else the monotonic clock."""
    clock = getattr(time, "CLOCK_BOOTTIME", None)
    return time.clock_gettime(clock) if clock is not None else time.monotonic()


class Client:
    """A softphone account on one SIP-over-WebSocket service.

    ``options`` takes the seed's option keys verbatim. Methods that talk to the network
    are coroutines returning the outcome; they also emit the seed's events.
    """

    version = __version__

    def __init__(
        self,
        options: Mapping[str, object] | None = None,
        *,
        server: str | Sequence[str] | None = None,
        domain: str | None = None,
        ca_file: str | None = None,
        insecure_tls: bool = False,
        keepalive_interval: float = 20.0,
        keepalive_timeout: float = 5.0,
        reconnect_min_delay: float = 2.0,
        reconnect_max_delay: float = 20.0,
        connect_timeout: float = 10.0,
        ice_servers: Sequence[Mapping[str, object]] | None = None,
        allowed_addresses: Sequence[str] | None = None,
        audio_backend: str = "null",
        insights_path: str | Path | None = None,
        feedback_url: str | None = None,
    ) -> None:
        """``insights_path``: the call-quality database (default: the user's data
        directory); ``feedback_url``: an ``https://`` endpoint that call-quality
        feedback is also POSTed to (None: kept locally), verified with ``ca_file`` when
        given (never with ``insecure_tls``: feedback can carry logs).

        ``ice_servers`` (a Webphone extension: the Browser SDK has no such option):
        STUN/TURN servers for calls through NAT, as ``RTCIceServer``-like dicts
        ``{"urls": "turn:host:3478?transport=udp", "username": ..., "credential": ...}``
        (:mod:`.ice_servers`); a malformed entry raises ``ValueError``. They apply to every
        server; Plivo's own STUN pair is added after them on Plivo accounts. Candidate
        gathering is cut 2 s after it starts (an unreachable server then costs 2 s and an
        ``ice_timeout`` warning, not the whole STUN/TURN timeout)."""
        self.options = validate_options(options)
        set_level(self.options["debug"])
        servers = self.options["registrationDomainSocket"] or _server_list(server)
        if not servers:
            servers = list(PLIVO_SERVERS)
        for url in servers:
            if urlsplit(url).scheme not in ("ws", "wss") or not urlsplit(url).hostname:
                raise ValueError(f"server {url!r} is not a ws:// or wss:// URL")
        self.servers: list[str] = list(servers)
        self.domain = domain or _default_domain(self.servers[0])
        self.is_plivo = self.domain.endswith("plivo.com")
        self._ssl: ssl.SSLContext | None = None
        if any(url.startswith("wss://") for url in self.servers):
            self._ssl = make_ssl_context(ca_file, insecure=insecure_tls)
        self._keepalive_interval = keepalive_interval
        self._keepalive_timeout = keepalive_timeout
        self._backoff = (reconnect_min_delay, reconnect_max_delay)
        self._connect_timeout = connect_timeout
        # Every background task of this client, its calls and its event listeners: close()
        # cancels whatever is still running.
        self.tasks = TaskOwner()
        self._events = EventEmitter(self.tasks)
        self.ua = UserAgent()
        self.connection_state = ConnectionState.IDLE
        self.is_logged_in = False
        self.last_error: str | None = None
        self._server_index = 0
        self._transport: WebSocketTransport | None = None
        self._registration: Registration | None = None
        self._credentials: Credentials | None = None
        self._reconnect_task: asyncio.Task[None] | None = None
        self._keepalive_task: asyncio.Task[None] | None = None
        self._wake_task: asyncio.Task[None] | None = None
        self._busy = asyncio.Lock()
        self._webrtc_warned = False
        self.identifier: str | None = None
        self._ice_servers = parse_ice_servers(ice_servers)
        self._allowed_addresses = list(allowed_addresses) if allowed_addresses else None
        # Where a call's outgoing audio comes from; the audio engine and bots replace it.
        self.audio_source_factory: Callable[[], AudioSource] | None = None
        # Who also gets the far end's decoded audio (a recorder, the audio engine's playout).
        self.remote_audio_listeners: list[Callable[[AudioFrame], None]] = []
        # Called with each call's new media before its offer or answer is made (the
        # quality monitor times ICE gathering there; test rigs interpose a relay).
        self.media_listeners: list[Callable[[MediaSession], None]] = []
        #: Do-not-disturb and auto-answer (a Webphone extension; sdk/availability.py).
        self.availability = Availability()
        self.calls = CallManager(_CallHost(self), self.ua, self._new_media, self.tasks.scope())
        #: The voicemail indicator (RFC 3842; a Webphone extension): emits onVoicemail.
        self.mwi = VoicemailSubscription(
            self.ua, registration=lambda: self._registration, emit=self._emit
        )
        # message-summary NOTIFYs to it; the rest (refer) to the transfers as before.
        self.ua.handlers["NOTIFY"] = NotifyRouter(
            {MWI_EVENT: self.mwi.on_notify}, fallback=self.ua.handlers["NOTIFY"]
        )
        #: call quality: stats samples, mediaMetrics, remoteAudioStatus, insights, feedback
        self.quality = QualityMonitor(
            self,
            insights_path=insights_path,
            feedback_url=feedback_url,
            feedback_tls=make_ssl_context(ca_file) if feedback_url and ca_file else None,
        )
        # Sound devices: "null" (the default: bots, CLI, servers keep their own sources),
        # "auto" (the sound server or PortAudio, as the desktop app uses), "pulse",
        # "portaudio". With a device backend, calls use the microphone and speaker. After
        # the quality monitor: the engine reports the microphone's state and level to it.
        self.audio = ClientAudio(self, open_backend(audio_backend))
        self._ring_tone_previews = RingTonePreviews(self.audio)

    # -- events ----
    def on(self, event: str, listener: Listener) -> None:
        """Subscribe *listener* to one of the seed's events (e.g. ``'onLogin'``)."""
        self._events.on(event, listener)

    def off(self, event: str, listener: Listener | None = None) -> None:
        self._events.off(event, listener)

    def _emit(self, event: str, *args: Any) -> None:
        self._events.emit(event, *args)

    # -- state queries ----
    def is_connected(self) -> bool:
        return self.connection_state is ConnectionState.CONNECTED

    def is_connecting(self) -> bool:
        return self.connection_state in (ConnectionState.CONNECTING, ConnectionState.RECONNECTING)

    def is_registered(self) -> bool:
        return (
            self.is_connected()
            and self._registration is not None
            and self._registration.state.bound
        )

    @property
    def username(self) -> str | None:
        return self._credentials.username if self._credentials else None

    @property
    def registration(self) -> Registration | None:
        return self._registration

    @property
    def voicemail(self) -> dict[str, Any] | None:
        """The mailbox as the last message-summary NOTIFY said (the ``onVoicemail``
        payload), or None before any."""
        summary = self.mwi.summary
        return None if summary is None else summary.as_event()

    @staticmethod
    @functools.cache
    def webrtc() -> bool:
        """True when the WebRTC media stack (aiortc) is available."""
        return importlib.util.find_spec("aiortc") is not None

    def set_debug(self, level: str) -> bool:
        """Set the log level: one of OFF, ERROR, WARN, INFO, DEBUG, ALL."""
        if not isinstance(level, str) or level not in DEBUG_LEVELS:
            log.warning("set_debug: %r is not one of %s", level, ", ".join(DEBUG_LEVELS))
            return False
        self.options["debug"] = level
        set_level(level)
        return True

    def set_identifier(self, identifier: str) -> bool:
        """Name this client instance (shown in logs)."""
        if not isinstance(identifier, str) or not identifier.strip():
            log.warning("Identifier should be a non empty string")
            return False
        self.identifier = identifier
        return True

    def get_contact_uri(self) -> str | None:
        """Our GRUU when the registrar gave one, else the registered Contact URI."""
        registration = self._registration
        if registration is None or not registration.state.bound:
            return None
        return registration.pub_gruu or str(registration.contact_uri)

    # -- calls ----
    def _media_config(self) -> MediaConfig:
        servers = list(self._ice_servers)
        if self.is_plivo:
            # Plivo's own STUN pair; harmless elsewhere because it only applies to Plivo.
            second = "stun:stun-fb.plivo.com:3478" if self.options["usePlivoStunServers"] else None
            servers.append({"urls": [u for u in ("stun:stun.plivo.com:3478", second) if u]})
        return MediaConfig(
            ice_servers=servers,
            allowed_addresses=self._allowed_addresses,
            codecs=self.options["codecs"],
            max_average_bitrate=self.options["maxAverageBitrate"],
            dscp=self.options["dscp"],
        )

    def _new_media(self) -> MediaSession:
        # aiortc, PyAV and their crypto/SRTP libraries (~45 MB, ~0.3 s) are imported at
        # the first call, so an idle client (the desktop app, the demo bots) stays small.
        from ..media.session import MediaSession

        source = self.audio_source_factory() if self.audio_source_factory else None
        media = MediaSession(self._media_config(), source)
        media.meter.listeners.extend(self.remote_audio_listeners)
        for listener in self.media_listeners:
            listener(media)
        return media

    async def call(self, dest: str, extra_headers: Mapping[str, object] | None = None) -> bool:
        """Call a number, username or SIP URI; ``False`` (with a log line) if it can't start."""
        return await self.calls.call(dest, dict(extra_headers) if extra_headers else None)

    async def answer(
        self, call_uuid: str | None = None, action_on_other_incoming_calls: str = "reject"
    ) -> bool:
        """Answer a ringing call (the newest when no UUID); others: reject, ignore or letring."""
        return await self.calls.answer(call_uuid, action_on_other_incoming_calls)

    async def hangup(self) -> bool:
        return await self.calls.hangup()

    def reject(self, call_uuid: str | None = None) -> bool:
        return self.calls.reject(call_uuid)

    def ignore(self, call_uuid: str | None = None) -> bool:
        return self.calls.ignore(call_uuid)

    def redirect(self, uri: str) -> bool:
        """Send the ringing incoming call to *uri* (e.g. ``get_contact_uri()`` of another
        Webphone) with a 302; a Webphone caller follows it."""
        return self.calls.redirect(uri)

    async def send_dtmf(self, digit: str) -> bool:
        sent = await self.calls.send_dtmf(digit)
        if sent:
            self.audio.dtmf_feedback(digit)
        return sent

    # -- tones and noise reduction ----
    def set_ring_tone(self, value: object) -> bool:
        """Incoming-call ringtone: False/None off, a file or http(s) URL, else the default."""
        self.audio.prepare_tone(value)
        return self.audio.policy.set_ring_tone(value)

    async def preview_ring_tone(self, value: object = True) -> RingTonePreview:
        """Play *value* (as :meth:`set_ring_tone` takes it, not off) once on the ringtone
        device: ``stop()`` ends it early, ``await wait()`` returns when it ended. A new
        preview ends the last. A file or URL that cannot be played raises ToneLoadError."""
        return await self._ring_tone_previews.start(value)

    def set_ring_tone_back(self, value: object) -> bool:
        """Ringback while the far end rings: False/None off, a file or URL, else the default."""
        self.audio.prepare_tone(value)
        return self.audio.policy.set_ring_tone_back(value)

    def set_connect_tone(self, value: object) -> bool:
        """The tone while a call is being connected; falsy turns it off."""
        return self.audio.policy.set_connect_tone(value)

    async def start_noise_reduction(self) -> bool:
        """Run RNNoise on the microphone (needs ``enableNoiseReduction``), mid-call too."""
        return self.audio.start_noise_reduction()

    async def stop_noise_reduction(self) -> bool:
        return self.audio.stop_noise_reduction()

    def mute(self) -> bool:
        return self._set_mute(True)

    def unmute(self) -> bool:
        return self._set_mute(False)

    def _set_mute(self, muted: bool) -> bool:
        changed = self.calls.set_mute(muted)
        if changed:
            self.quality.mute_changed(muted)
        return changed

    def capture_crashes(self, loop: asyncio.AbstractEventLoop | None = None) -> CrashCapture:
        """Record this process's unhandled exceptions (threads, and *loop*'s) in the log and
        the insights database; ``captureSDKCrashOnly`` limits it to Webphone's own code.

        The hooks are process-wide, so applications call this once from their entry point
        (the desktop app and ``webphone-cli`` do); ``uninstall()`` on the result undoes it.
        """
        capture = CrashCapture(self.quality.store, sdk_only=self.options["captureSDKCrashOnly"])
        return capture.install(loop)

    async def submit_call_quality_feedback(
        self,
        call_uuid: str,
        star_rating: int,
        issues: Sequence[str] | None = None,
        note: str = "",
        send_console_logs: bool = False,
    ) -> FeedbackOutcome:
        """Rate a call 1-5 (with at least one issue below 5): kept in the local insights
        database and POSTed to ``feedback_url`` when configured. Never raises: the
        outcome says what happened (``ok`` and a message)."""
        return await self.quality.submit_feedback(
            call_uuid, star_rating, issues, note, send_console_logs
        )

    def get_call_uuid(self) -> str | None:
        current = self.calls.current
        return current.call_uuid if current is not None else None

    def get_last_call_uuid(self) -> str | None:
        return self.calls.last_call_uuid

    def get_current_session(self) -> CallSession | None:
        if self.calls.current is not None:
            return self.calls.current
        return next(reversed(self.calls.ringing.values()), None)

    def get_incoming_calls(self) -> list[dict[str, Any]]:
        return [session.info() for session in self.calls.ringing.values()]

    def get_peer_connection(self) -> dict[str, Any]:
        current = self.calls.current
        if current is None or current.media is None:
            return {"status": "called in wrong state", "pc": None}
        return {"status": "success", "pc": current.media.pc}

    # -- login / logout ----
    async def login(self, username: str, password: str) -> bool:
        """Connect and register with a username and password; emits onLogin / onLoginFailed."""
        if (
            not isinstance(username, str)
            or not isinstance(password, str)
            or not username
            or not password
        ):
            self._emit("onLoginFailed", causes.MISSING_CREDENTIALS)
            return False
        return await self._login(PasswordCredentials(username, password))

    async def login_with_access_token(self, token: str) -> bool:
        """Log in with a JWT: RFC 8898 ``Authorization: Bearer`` (plus ``X-Plivo-Jwt`` on Plivo)."""
        try:
            access = parse_access_token(token)
        except TokenError as exc:
            log.warning("access token refused: %s", exc)
            self._emit("onLoginFailed", exc.cause)
            return False
        return await self._login(TokenCredentials(access, send_plivo_header=self.is_plivo))

    async def _login(self, credentials: Credentials) -> bool:
        if self._busy.locked():
            log.warning("login already in progress")
            return False
        if self.calls.current is not None:
            self._emit("onLoginFailed", causes.ONGOING_CALL)
            return False
        async with self._busy:
            if (
                self.is_registered()
                and self._credentials is not None
                and self._credentials.username == credentials.username
            ):
                log.warning("already logged in as %s", credentials.username)
                return True
            if self.connection_state is not ConnectionState.IDLE:
                await self._teardown(CLOSE_NORMAL, "Relogin", emit=self.is_logged_in)
            self._warn_webrtc()
            self._set_credentials(credentials)
            try:
                await self._connect_first()
            except TransportError as exc:
                self.last_error = str(exc)
                log.error("login failed: %s", exc)
                cause = (
                    causes.CERTIFICATE_ERROR
                    if exc.kind is FailureKind.CERTIFICATE
                    else causes.CONNECTION_ERROR
                )
                self._set_credentials(None)
                self._emit("onLoginFailed", cause)
                return False
            self._emit("onWebSocketConnected")
            if self.options["stopAutoRegisterOnConnect"]:
                return True
            return await self._register_first()

    async def register(self) -> bool:
        """Register while connected (after ``stopAutoRegisterOnConnect`` or ``unregister()``)."""
        if not self.is_connected() or self._registration is None:
            log.warning("Not connected, cannot register")
            return False
        if self.is_registered():
            log.warning("Already registered, cannot register again")
            return False
        return await self._register_first()

    async def _register_first(self) -> bool:
        assert self._registration is not None
        result = await self._registration.register()
        if not result.ok:
            await self._login_failed(result)
            return False
        self.is_logged_in = True
        self.last_error = None
        self._start_wake_watch()
        self._emit("onConnectionChange", {"state": "connected"})
        self._emit("onLogin")
        self.mwi.start()
        if "aiortc" not in sys.modules:
            self._spawn(asyncio.to_thread(_warm_media_stack), "media-warm-up")
        return True

    async def _login_failed(self, result: RegisterResult) -> None:
        self.last_error = f"registration failed: {result.cause} ({result.status})"
        log.error("login failed: %s", self.last_error)
        self.is_logged_in = False
        await self._teardown(CLOSE_NORMAL, "Login failed", emit=False)
        self._set_credentials(None)
        self._emit("onLoginFailed", result.cause or causes.AUTHENTICATION_ERROR)

    async def unregister(self) -> bool:
        """Remove the registration but stay connected."""
        if not self.is_registered():
            return False
        assert self._registration is not None
        result = await self._registration.unregister()
        return result.ok

    async def disconnect(self) -> bool:
        """Unregister and close the connection, with no reconnection."""
        if self.connection_state is ConnectionState.IDLE:
            return False
        await self._teardown(CLOSE_NORMAL, "disconnect", emit=True)
        self.is_logged_in = False
        return True

    async def logout(self) -> bool:
        """Unregister, disconnect, forget the credentials; emits onLogout."""
        if self.connection_state is ConnectionState.IDLE and not self.is_logged_in:
            return False
        await self._teardown(CLOSE_NORMAL, "Logout", emit=True)
        self.is_logged_in = False
        self._set_credentials(None)
        self._emit("onLogout")
        return True

    # -- connection management ----
    def _set_credentials(self, credentials: Credentials | None) -> None:
        old = self._credentials
        if isinstance(old, PasswordCredentials):
            SECRETS.discard(old.password)
        elif isinstance(old, TokenCredentials):
            SECRETS.discard(old.token.raw)
        self._credentials = credentials
        if isinstance(credentials, PasswordCredentials):
            SECRETS.add(credentials.password)
        elif isinstance(credentials, TokenCredentials):
            SECRETS.add(credentials.token.raw)
        if credentials is None:
            self._registration = None
            return
        self._registration = Registration(
            self.ua,
            domain=self.domain,
            credentials=credentials,
            expires=int(self.options["registrationRefreshTimer"]),
            on_refresh_failed=self._refresh_failed,
        )

    async def _connect_first(self) -> None:
        """Try every server, in order, until one connects; raise the last failure.

        A server that refuses is passed over at once. One that does not answer at all (a
        host that is gone: every SYN dropped) would cost the whole connect timeout, so
        after the shortest reconnect backoff the next server is dialled alongside it and
        the first connection up wins.
        """
        self.connection_state = ConnectionState.CONNECTING
        count = len(self.servers)
        waiting = [(self._server_index + i) % count for i in range(count)]
        dialling: dict[asyncio.Task[WebSocketTransport], int] = {}
        error: TransportError | None = None

        def dial_next() -> None:
            index = waiting.pop(0)
            task = asyncio.ensure_future(self._dial(self.servers[index]))
            dialling[task] = index

        try:
            dial_next()
            while dialling:
                head_start = self._backoff[0] if waiting else None
                done, _ = await asyncio.wait(
                    dialling, timeout=head_start, return_when=asyncio.FIRST_COMPLETED
                )
                for task in done:
                    index = dialling.pop(task)
                    try:
                        transport = task.result()
                    except TransportError as exc:
                        log.warning("%s", exc)
                        error = exc
                        continue
                    self._server_index = index
                    self._adopt(transport)
                    return
                if waiting:
                    dial_next()  # slow or failed: the next server, alongside any still going
        finally:
            await _abandon(dialling)
        self.connection_state = ConnectionState.IDLE
        assert error is not None
        raise error

    async def _open(self, url: str) -> None:
        self._adopt(await self._dial(url))

    async def _dial(self, url: str) -> WebSocketTransport:
        """A connected transport to *url* that reports its loss only once adopted."""

        def lost(code: int, reason: str) -> None:
            if transport is self._transport:
                self._connection_lost(code, reason)

        transport = WebSocketTransport(
            url,
            on_message=self.ua.receive,
            on_close=lost,
            ssl_context=self._ssl,
            open_timeout=self._connect_timeout,
            ping_interval=self._keepalive_interval,
            ping_timeout=self._keepalive_timeout,
        )
        await transport.connect()
        log.info("connected to %s", url)
        return transport

    def _adopt(self, transport: WebSocketTransport) -> None:
        self._transport = transport
        self.ua.attach(transport)
        self.connection_state = ConnectionState.CONNECTED
        self._start_keepalive()

    def _connection_lost(self, code: int, reason: str) -> None:
        """The WebSocket dropped without us asking: report once, then reconnect."""
        self._stop_keepalive()
        self._transport = None
        self.ua.detach()
        self.calls.connection_lost()
        self.mwi.connection_lost()
        if self._registration is not None:
            self._registration.connection_lost()
        if self.connection_state is not ConnectionState.CONNECTED:
            return
        self.connection_state = ConnectionState.RECONNECTING
        self._emit(
            "onConnectionChange",
            {
                "state": "disconnected",
                "eventCode": code,
                "eventReason": reason or "connection lost",
            },
        )
        self._reconnect_task = self._spawn(self._reconnect(), "sip-reconnect")

    async def _reconnect(self) -> None:
        attempt = 0
        while self.connection_state is ConnectionState.RECONNECTING:
            attempt += 1
            delay = reconnect_delay(attempt, *self._backoff)
            self._server_index = (self._server_index + 1) % len(self.servers)
            url = self.servers[self._server_index]
            log.info("reconnecting to %s in %.1f s (attempt %d)", url, delay, attempt)
            await asyncio.sleep(delay)
            if self.connection_state is not ConnectionState.RECONNECTING:
                return
            try:
                await self._open(url)
            except TransportError as exc:
                log.warning("reconnect failed: %s", exc)
                self.connection_state = ConnectionState.RECONNECTING
                continue
            outcome = await self._restore_registration()
            if outcome is not _Restore.RETRY:
                self._reconnect_task = None
                return

    async def _restore_registration(self) -> _Restore:
        """After a reconnect: re-REGISTER if we were logged in; report 'connected'."""
        registration = self._registration
        if registration is None or not self.is_logged_in:
            self._emit("onWebSocketConnected")
            self._emit("onConnectionChange", {"state": "connected"})
            return _Restore.DONE
        result = await registration.register()
        if result.ok:
            self._emit("onConnectionChange", {"state": "connected"})
            self._spawn(self.calls.recover(), "sip-call-recovery")
            self.mwi.start()
            return _Restore.DONE
        if result.cause in (causes.REQUEST_TIMEOUT, causes.CONNECTION_ERROR):
            # The new connection is not healthy either: drop it quietly, keep backing off.
            self.connection_state = ConnectionState.RECONNECTING
            if self._transport is not None:
                self._transport.abort()
            return _Restore.RETRY
        await self._login_failed(result)
        return _Restore.FAILED

    def _refresh_failed(self, result: RegisterResult) -> None:
        if result.cause in (causes.REQUEST_TIMEOUT, causes.CONNECTION_ERROR):
            if self._transport is not None:
                self._transport.abort()  # treat as a dead connection: reconnect path
            return
        self._spawn(self._login_failed(result), "sip-login-failed")

    def _start_wake_watch(self) -> None:
        if self._wake_task is None or self._wake_task.done():
            self._wake_task = self._spawn(self._wake_watch(), "sip-wake-watch")

    async def _wake_watch(self) -> None:
        """Notice a suspend/resume (or SIGSTOP/SIGCONT) and act at once on waking."""
        while True:
            monotonic, boottime = time.monotonic(), _boottime()
            await asyncio.sleep(WAKE_TICK)
            elapsed = (time.monotonic() - monotonic, _boottime() - boottime)
            if slept(WAKE_TICK, *elapsed):
                self._woke(max(elapsed))

    def _woke(self, asleep: float) -> None:
        """After a sleep the registrar may have dropped our binding and the network may
        be another one: refresh the registration now (a dead connection shows itself by
        the keepalive probe, sent now too) instead of when the timers say."""
        log.info("resumed after %.0f s asleep: refreshing the registration", asleep)
        registration = self._registration
        if self.connection_state is not ConnectionState.CONNECTED or registration is None:
            return  # reconnecting (its next attempt is already due) or logged out
        self._start_keepalive(first_delay=0.0)
        if self.is_logged_in and registration.state.bound:
            refresh = registration.refresh_now()
            if self.calls.current is not None and call_needs_recovery(asleep):
                self._spawn(self._recover_call_after(refresh), "sip-call-wake-recovery")

    async def _recover_call_after(self, refresh: asyncio.Task[RegisterResult]) -> None:
        """Once registered again (a failed refresh reconnects, which recovers the call
        itself), re-INVITE the call with a new peer connection."""
        if (await asyncio.shield(refresh)).ok:
            log.info("the call's media path outlived its consent: re-INVITE")
            await self.calls.recover()

    def _start_keepalive(self, first_delay: float | None = None) -> None:
        self._stop_keepalive()
        self._keepalive_task = self._spawn(self._keepalive(first_delay), "sip-keepalive")

    def _stop_keepalive(self) -> None:
        task = self._keepalive_task
        self._keepalive_task = None
        if task is not None and task is not asyncio.current_task():
            task.cancel()

    async def _keepalive(self, first_delay: float | None = None) -> None:
        """OPTIONS to the domain: any SIP response at all proves the path is alive."""
        delay = self._keepalive_interval if first_delay is None else first_delay
        while self.connection_state is ConnectionState.CONNECTED:
            await asyncio.sleep(delay)
            delay = self._keepalive_interval
            if self.connection_state is not ConnectionState.CONNECTED:
                return
            target = SipUri(self.domain)
            user = self.username or "anonymous"
            request = self.ua.build_request(
                "OPTIONS",
                target,
                from_=NameAddr(SipUri(self.domain, user), params={"tag": "ka"}),
                to=NameAddr(target),
            )
            try:
                await self.ua.request(request, timeout=self._keepalive_timeout)
            except RequestTimeout:
                log.warning("keepalive OPTIONS unanswered: treating the connection as lost")
                if self._transport is not None:
                    self._keepalive_task = None
                    self._transport.abort()
                return

    async def _teardown(self, code: int, reason: str, *, emit: bool) -> None:
        """Stop reconnecting, unregister if registered, close the socket."""
        was_connected = self.connection_state is not ConnectionState.IDLE
        self.connection_state = ConnectionState.IDLE
        reconnecting = self._reconnect_task
        self._reconnect_task = None
        if reconnecting is not None and reconnecting is not asyncio.current_task():
            reconnecting.cancel()
        self._stop_keepalive()
        wake, self._wake_task = self._wake_task, None
        if wake is not None:
            wake.cancel()
        await self.mwi.stop()
        registration = self._registration
        if registration is not None:
            if registration.state.bound and self._transport is not None:
                self.connection_state = ConnectionState.CONNECTED  # unregister needs the link
                try:
                    await registration.unregister()
                finally:
                    self.connection_state = ConnectionState.IDLE
            registration.connection_lost()
        transport = self._transport
        self._transport = None
        if transport is not None:
            await transport.close(code, reason)
        self.ua.detach()
        if emit and was_connected:
            self._emit(
                "onConnectionChange",
                {"state": "disconnected", "eventCode": code, "eventReason": reason},
            )

    def _warn_webrtc(self) -> None:
        if not self.webrtc() and not self._webrtc_warned:
            self._webrtc_warned = True
            self._emit("onWebrtcNotSupported")

    def _spawn(self, coro: Any, name: str) -> asyncio.Task[Any]:
        return self.tasks.spawn(coro, name)

    async def close(self) -> None:
        """Release everything (for tests and application shutdown): calls are ended
        first, while the connection can still carry their BYE or CANCEL; then the
        registration and the connection; last, every task of ours still running is
        cancelled and awaited, so nothing of this client runs on after it."""
        await self.calls.close()
        await self._teardown(CLOSE_NORMAL, "closed", emit=False)
        self.quality.close()
        self._set_credentials(None)
        self._ring_tone_previews.stop()
        self.audio.close()
        await self.tasks.cancel_all(CLOSE_TASKS_TIMEOUT)


def _warm_media_stack() -> None:
    """Import the call media stack (aiortc, PyAV, their crypto and SRTP libraries: ~45 MB,
    ~0.25 s) on a worker thread once logged in. An idle client does not pay for it at
    start-up, and the first call no longer waits for it either."""
    importlib.import_module("webphone.media.session")


async def _abandon(dialling: Mapping[asyncio.Task[WebSocketTransport], int]) -> None:
    """Stop the connection attempts that lost the race; close any that got through."""
    for task in dialling:
        task.cancel()
    for task in dialling:
        try:
            transport = await task
        except (asyncio.CancelledError, TransportError):
            continue
        await transport.close(CLOSE_NORMAL, "another server answered first")


def _server_list(server: str | Sequence[str] | None) -> list[str]:
    if server is None:
        return []
    if isinstance(server, str):
        return [s.strip() for s in server.split(",") if s.strip()]
    return list(server)


def _default_domain(url: str) -> str:
    host = urlsplit(url).hostname or ""
    if host in ("client.plivo.com", "client-fb.plivo.com"):
        return PLIVO_DOMAIN
    return host


class _CallHost:
    """The client as its calls see it (:class:`.call_core.CallHost`): nothing more."""

    def __init__(self, client: Client) -> None:
        self._client = client

    @property
    def registration(self) -> Registration | None:
        return self._client.registration

    @property
    def options(self) -> dict[str, Any]:
        return self._client.options

    @property
    def domain(self) -> str:
        return self._client.domain

    @property
    def availability(self) -> Availability:
        return self._client.availability

    def is_registered(self) -> bool:
        return self._client.is_registered()

    def emit(self, event: str, *args: Any) -> None:
        self._client._emit(event, *args)

    def auto_answer_beep(self) -> None:
        self._client.audio.auto_answer_beep()

    def allowed_addresses(self) -> list[str] | None:
        return self._client._allowed_addresses
