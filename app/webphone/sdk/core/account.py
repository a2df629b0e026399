"""Being logged in: credentials, the registration and what keeps it alive across a lost
link (re-REGISTER after each reconnect) and a sleep (refresh at once on waking), login
and logout with the seed's events."""

from __future__ import annotations

import asyncio
import importlib
import ssl
import sys
from collections.abc import Callable, Sequence
from typing import Any, Protocol

from . import causes
from .call import CallSession
from .connection import CLOSE_NORMAL, Connection, ConnectionState
from .log import SECRETS, get_logger
from .registration import (
    Credentials,
    PasswordCredentials,
    RegisterResult,
    Registration,
    TokenCredentials,
)
from .tasks import Spawner
from .token import TokenError, parse_access_token
from .transport import FailureKind, TransportError
from .useragent import UserAgent
from .wake import call_needs_recovery, watch_for_sleep

log = get_logger("webphone.sdk.api.client")


class AccountCalls(Protocol):
    """What logging in and out needs of the client's calls."""

    @property
    def current(self) -> CallSession | None:
        """The call in progress, if any (no new login while there is one)."""

    def connection_lost(self) -> None:
        """The signalling link dropped (ringing calls can't survive it)."""

    async def recover(self) -> None:
        """Set the answered call's media up afresh (after a reconnect or a sleep)."""


class Subscription(Protocol):
    """A subscription that lives as long as the registration (the voicemail indicator)."""

    def start(self) -> None: ...

    async def stop(self) -> None: ...

    def connection_lost(self) -> None: ...


class Account:
    """One client's login (see the module docstring). The link is made here and owned
    here: its loss and its return are the account's to handle."""

    def __init__(
        self,
        ua: UserAgent,
        servers: Sequence[str],
        *,
        domain: str,
        options: dict[str, Any],
        emit: Callable[..., None],
        tasks: Spawner,
        calls: AccountCalls,
        mwi: Subscription,
        webrtc: Callable[[], bool],
        ssl_context: ssl.SSLContext | None,
        keepalive_interval: float,
        keepalive_timeout: float,
        backoff: tuple[float, float],
        connect_timeout: float,
    ) -> None:
        self._ua = ua
        self._domain = domain
        self._plivo = domain.endswith("plivo.com")
        self._options = options
        self._emit = emit
        self._tasks = tasks
        self._calls = calls
        self._mwi = mwi
        self._webrtc = webrtc
        #: The signalling link to the servers (failover, keepalive, reconnects).
        self.link = Connection(
            ua,
            servers,
            domain=domain,
            username=lambda: self.username,
            tasks=tasks,
            on_lost=self._connection_lost,
            on_disconnected=self._disconnected,
            on_reconnected=self._restore_registration,
            ssl_context=ssl_context,
            keepalive_interval=keepalive_interval,
            keepalive_timeout=keepalive_timeout,
            backoff=backoff,
            connect_timeout=connect_timeout,
        )
        self.is_logged_in = False
        self.last_error: str | None = None
        self._registration: Registration | None = None
        self._credentials: Credentials | None = None
        self._wake_task: asyncio.Task[None] | None = None
        self._busy = asyncio.Lock()
        self._webrtc_warned = False

    @property
    def registration(self) -> Registration | None:
        return self._registration

    @property
    def username(self) -> str | None:
        return self._credentials.username if self._credentials else None

    def is_connected(self) -> bool:
        return self.link.state is ConnectionState.CONNECTED

    def is_registered(self) -> bool:
        return (
            self.is_connected()
            and self._registration is not None
            and self._registration.state.bound
        )

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
        return await self._login(TokenCredentials(access, send_plivo_header=self._plivo))

    async def _login(self, credentials: Credentials) -> bool:
        if self._busy.locked():
            log.warning("login already in progress")
            return False
        if self._calls.current is not None:
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
            if self.link.state is not ConnectionState.IDLE:
                await self.teardown(CLOSE_NORMAL, "Relogin", emit=self.is_logged_in)
            self._warn_webrtc()
            self.set_credentials(credentials)
            try:
                await self.link.connect_first()
            except TransportError as exc:
                self.last_error = str(exc)
                log.error("login failed: %s", exc)
                cause = (
                    causes.CERTIFICATE_ERROR
                    if exc.kind is FailureKind.CERTIFICATE
                    else causes.CONNECTION_ERROR
                )
                self.set_credentials(None)
                self._emit("onLoginFailed", cause)
                return False
            self._emit("onWebSocketConnected")
            if self._options["stopAutoRegisterOnConnect"]:
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
        self._mwi.start()
        if "aiortc" not in sys.modules:
            self._tasks.spawn(asyncio.to_thread(_warm_media_stack), "media-warm-up")
        return True

    async def _login_failed(self, result: RegisterResult) -> None:
        self.last_error = f"registration failed: {result.cause} ({result.status})"
        log.error("login failed: %s", self.last_error)
        self.is_logged_in = False
        await self.teardown(CLOSE_NORMAL, "Login failed", emit=False)
        self.set_credentials(None)
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
        if self.link.state is ConnectionState.IDLE:
            return False
        await self.teardown(CLOSE_NORMAL, "disconnect", emit=True)
        self.is_logged_in = False
        return True

    async def logout(self) -> bool:
        """Unregister, disconnect, forget the credentials; emits onLogout."""
        if self.link.state is ConnectionState.IDLE and not self.is_logged_in:
            return False
        await self.teardown(CLOSE_NORMAL, "Logout", emit=True)
        self.is_logged_in = False
        self.set_credentials(None)
        self._emit("onLogout")
        return True

    def set_credentials(self, credentials: Credentials | None) -> None:
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
            self._ua,
            domain=self._domain,
            credentials=credentials,
            expires=int(self._options["registrationRefreshTimer"]),
            on_refresh_failed=self._refresh_failed,
        )

    def _connection_lost(self) -> None:
        """The WebSocket dropped without us asking: what rode on it is gone."""
        self._calls.connection_lost()
        self._mwi.connection_lost()
        if self._registration is not None:
            self._registration.connection_lost()

    def _disconnected(self, code: int, reason: str) -> None:
        self._emit(
            "onConnectionChange",
            {
                "state": "disconnected",
                "eventCode": code,
                "eventReason": reason or "connection lost",
            },
        )

    async def _restore_registration(self) -> bool:
        """After a reconnect: re-REGISTER if we were logged in; report 'connected'.
        Returns False when the new link is not healthy either (back off and retry)."""
        registration = self._registration
        if registration is None or not self.is_logged_in:
            self._emit("onWebSocketConnected")
            self._emit("onConnectionChange", {"state": "connected"})
            return True
        result = await registration.register()
        if result.ok:
            self._emit("onConnectionChange", {"state": "connected"})
            self._tasks.spawn(self._calls.recover(), "sip-call-recovery")
            self._mwi.start()
            return True
        if result.cause in (causes.REQUEST_TIMEOUT, causes.CONNECTION_ERROR):
            self.link.drop_and_retry()
            return False
        await self._login_failed(result)
        return True

    def _refresh_failed(self, result: RegisterResult) -> None:
        if result.cause in (causes.REQUEST_TIMEOUT, causes.CONNECTION_ERROR):
            self.link.abort()  # treat as a dead connection: reconnect path
            return
        self._tasks.spawn(self._login_failed(result), "sip-login-failed")

    def _start_wake_watch(self) -> None:
        if self._wake_task is None or self._wake_task.done():
            self._wake_task = self._tasks.spawn(watch_for_sleep(self._woke), "sip-wake-watch")

    def _woke(self, asleep: float) -> None:
        """After a sleep the registrar may have dropped our binding and the network may
        be another one: refresh the registration now (a dead connection shows itself by
        the keepalive probe, sent now too) instead of when the timers say."""
        log.info("resumed after %.0f s asleep: refreshing the registration", asleep)
        registration = self._registration
        if self.link.state is not ConnectionState.CONNECTED or registration is None:
            return  # reconnecting (its next attempt is already due) or logged out
        self.link.start_keepalive(first_delay=0.0)
        if self.is_logged_in and registration.state.bound:
            refresh = registration.refresh_now()
            if self._calls.current is not None and call_needs_recovery(asleep):
                self._tasks.spawn(self._recover_call_after(refresh), "sip-call-wake-recovery")

    async def _recover_call_after(self, refresh: asyncio.Task[RegisterResult]) -> None:
        """Once registered again (a failed refresh reconnects, which recovers the call
        itself), re-INVITE the call with a new peer connection."""
        if (await asyncio.shield(refresh)).ok:
            log.info("the call's media path outlived its consent: re-INVITE")
            await self._calls.recover()

    async def teardown(self, code: int, reason: str, *, emit: bool) -> None:
        """Stop reconnecting, unregister if registered, close the socket."""
        was_connected = self.link.stop()
        wake, self._wake_task = self._wake_task, None
        if wake is not None:
            wake.cancel()
        await self._mwi.stop()
        registration = self._registration
        if registration is not None:
            if registration.state.bound and self.link.transport is not None:
                self.link.state = ConnectionState.CONNECTED  # unregister needs the link
                try:
                    await registration.unregister()
                finally:
                    self.link.state = ConnectionState.IDLE
            registration.connection_lost()
        await self.link.close(code, reason)
        if emit and was_connected:
            self._emit(
                "onConnectionChange",
                {"state": "disconnected", "eventCode": code, "eventReason": reason},
            )

    def _warn_webrtc(self) -> None:
        if not self._webrtc() and not self._webrtc_warned:
            self._webrtc_warned = True
            self._emit("onWebrtcNotSupported")


def _warm_media_stack() -> None:
    """Import the call media stack (aiortc, PyAV, their crypto and SRTP libraries: ~45 MB,
    ~0.25 s) on a worker thread once logged in. An idle client does not pay for it at
    start-up, and the first call no longer waits for it either."""
    importlib.import_module("webphone.media.session")
