"""The ``Client`` facade: the seed's options, methods and events over SIP-over-WebSocket."""

from __future__ import annotations

import asyncio
import functools
import importlib.util
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from ... import __version__
from ...audio.devices import open_backend
from ...media.config import MediaConfig
from ...sip.message_summary import EVENT as MWI_EVENT
from ..core.account import Account
from ..core.availability import Availability
from ..core.call import CallSession
from ..core.calls import CallManager
from ..core.connection import CLOSE_NORMAL, ConnectionState
from ..core.diagnostics import CrashCapture
from ..core.events import EventEmitter, Listener
from ..core.ice_servers import parse_ice_servers
from ..core.log import DEBUG_LEVELS, get_logger, set_level
from ..core.notify_router import NotifyRouter
from ..core.options import validate_options
from ..core.registration import (
    Registration,
)
from ..core.tasks import TaskOwner
from ..core.transport import make_ssl_context
from ..core.useragent import UserAgent
from ..core.voicemail import VoicemailSubscription
from ..features.audio import ClientAudio
from ..features.quality import FeedbackOutcome, QualityMonitor
from ..features.tone_preview import RingTonePreview, RingTonePreviews

if TYPE_CHECKING:
    from av import AudioFrame

    from ...media.session import AudioSource, MediaSession

log = get_logger(__name__)

#: How long close() waits for the background tasks it cancels to unwind (s).
CLOSE_TASKS_TIMEOUT = 2.0
PLIVO_SERVERS = ("wss://client.plivo.com/signalling", "wss://client-fb.plivo.com/signalling")
PLIVO_DOMAIN = "phone.plivo.com"


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
        self.domain = domain or _default_domain(servers[0])
        self.is_plivo = self.domain.endswith("plivo.com")
        tls = None
        if any(url.startswith("wss://") for url in servers):
            tls = make_ssl_context(ca_file, insecure=insecure_tls)
        # Every background task of this client, its calls and its event listeners: close()
        # cancels whatever is still running.
        self.tasks = TaskOwner()
        self._events = EventEmitter(self.tasks)
        self.ua = UserAgent()
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
        #: Do-not-disturb and auto-answer (a Webphone extension; sdk/core/availability.py).
        self.availability = Availability()
        self.calls = CallManager(_CallHost(self), self.ua, self._new_media, self.tasks.scope())
        #: The voicemail indicator (RFC 3842; a Webphone extension): emits onVoicemail.
        self.mwi = VoicemailSubscription(
            self.ua, registration=lambda: self.account.registration, emit=self._emit
        )
        #: Logged in or not: credentials, registration and the signalling link.
        self.account = Account(
            self.ua,
            servers,
            domain=self.domain,
            options=self.options,
            emit=self._emit,
            tasks=self.tasks,
            calls=self.calls,
            mwi=self.mwi,
            webrtc=self.webrtc,
            ssl_context=tls,
            keepalive_interval=keepalive_interval,
            keepalive_timeout=keepalive_timeout,
            backoff=(reconnect_min_delay, reconnect_max_delay),
            connect_timeout=connect_timeout,
        )
        # message-summary NOTIFYs to it; the rest (refer) to the transfers as before.
        self.ua.handlers["NOTIFY"] = NotifyRouter(
            {MWI_EVENT: self.mwi.on_notify}, fallback=self.ua.handlers["NOTIFY"]
        )
        #: call quality: stats samples, mediaMetrics, remoteAudioStatus, insights, feedback
        features = _FeatureHost(self)
        self.quality = QualityMonitor(
            features,
            insights_path=insights_path,
            feedback_url=feedback_url,
            feedback_tls=make_ssl_context(ca_file) if feedback_url and ca_file else None,
        )
        # Sound devices: "null" (the default: bots, CLI, servers keep their own sources),
        # "auto" (the sound server or PortAudio, as the desktop app uses), "pulse",
        # "portaudio". With a device backend, calls use the microphone and speaker. After
        # the quality monitor: the engine reports the microphone's state and level to it.
        self.audio = ClientAudio(features, self.quality, open_backend(audio_backend))
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
    @property
    def servers(self) -> list[str]:
        """The WebSocket URLs of the servers, the first tried first."""
        return self.account.link.servers

    @property
    def connection_state(self) -> ConnectionState:
        return self.account.link.state

    @property
    def is_logged_in(self) -> bool:
        return self.account.is_logged_in

    @property
    def last_error(self) -> str | None:
        """Why the last login failed (for a person to read), None after a good one."""
        return self.account.last_error

    def is_connected(self) -> bool:
        return self.account.is_connected()

    def is_connecting(self) -> bool:
        return self.connection_state in (ConnectionState.CONNECTING, ConnectionState.RECONNECTING)

    def is_registered(self) -> bool:
        return self.account.is_registered()

    @property
    def username(self) -> str | None:
        return self.account.username

    @property
    def registration(self) -> Registration | None:
        return self.account.registration

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
        registration = self.account.registration
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
        from ...media.session import MediaSession

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
        return await self.account.login(username, password)

    async def login_with_access_token(self, token: str) -> bool:
        """Log in with a JWT: RFC 8898 ``Authorization: Bearer`` (plus ``X-Plivo-Jwt`` on Plivo)."""
        return await self.account.login_with_access_token(token)

    async def register(self) -> bool:
        """Register while connected (after ``stopAutoRegisterOnConnect`` or ``unregister()``)."""
        return await self.account.register()

    async def unregister(self) -> bool:
        """Remove the registration but stay connected."""
        return await self.account.unregister()

    async def disconnect(self) -> bool:
        """Unregister and close the connection, with no reconnection."""
        return await self.account.disconnect()

    async def logout(self) -> bool:
        """Unregister, disconnect, forget the credentials; emits onLogout."""
        return await self.account.logout()

    async def close(self) -> None:
        """Release everything (for tests and application shutdown): calls are ended
        first, while the connection can still carry their BYE or CANCEL; then the
        registration and the connection; last, every task of ours still running is
        cancelled and awaited, so nothing of this client runs on after it."""
        await self.calls.close()
        await self.account.teardown(CLOSE_NORMAL, "closed", emit=False)
        self.quality.close()
        self.account.set_credentials(None)
        self._ring_tone_previews.stop()
        self.audio.close()
        await self.tasks.cancel_all(CLOSE_TASKS_TIMEOUT)


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


class _FeatureHost:
    """The client as its audio and quality features see it
    (:class:`.feature_host.FeatureHost`): nothing more."""

    def __init__(self, client: Client) -> None:
        self._client = client

    @property
    def options(self) -> dict[str, Any]:
        return self._client.options

    @property
    def calls(self) -> CallManager:
        return self._client.calls

    @property
    def media(self) -> Client:
        return self._client  # its audio_source_factory and listener lists

    @property
    def username(self) -> str | None:
        return self._client.username

    @property
    def tasks(self) -> TaskOwner:
        return self._client.tasks

    def on(self, event: str, listener: Listener) -> None:
        self._client.on(event, listener)

    def emit(self, event: str, *args: Any) -> None:
        self._client._emit(event, *args)
