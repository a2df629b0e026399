"""REGISTER: binding, digest or bearer authentication, refresh before expiry, GRUU."""

from __future__ import annotations

import asyncio
import enum
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from ...sip.auth import (
    AuthRetryPolicy,
    DigestSession,
    bearer_authorization,
)
from ...sip.errors import SipParseError
from ...sip.grammar import unquote
from ...sip.headers import NameAddr
from ...sip.ids import new_call_id, new_tag
from ...sip.message import SipRequest, SipResponse
from ...sip.uri import SipUri
from .causes import AUTHENTICATION_ERROR, CONNECTION_ERROR, REQUEST_TIMEOUT, cause_for_status
from .challenge import answer_challenge
from .log import get_logger
from .token import AccessToken, cause_for_jwt_error_code
from .useragent import ALLOW, RequestTimeout, UserAgent

log = get_logger(__name__)


class RegistrationState(enum.Enum):
    UNREGISTERED = "unregistered"
    REGISTERING = "registering"
    REGISTERED = "registered"
    # Re-registering a binding that is still valid: calls go on being placed and taken
    # (during each refresh round trip, every ~2 minutes, call() used to be refused).
    REFRESHING = "refreshing"
    UNREGISTERING = "unregistering"

    @property
    def bound(self) -> bool:
        """The registrar holds our binding (registered, or refreshing it)."""
        return self in (RegistrationState.REGISTERED, RegistrationState.REFRESHING)


_MOVES = {
    RegistrationState.UNREGISTERED: {RegistrationState.REGISTERING},
    RegistrationState.REGISTERING: {RegistrationState.REGISTERED, RegistrationState.UNREGISTERED},
    RegistrationState.REGISTERED: {
        RegistrationState.REFRESHING,
        RegistrationState.UNREGISTERING,
        RegistrationState.UNREGISTERED,
    },
    RegistrationState.REFRESHING: {RegistrationState.REGISTERED, RegistrationState.UNREGISTERED},
    RegistrationState.UNREGISTERING: {RegistrationState.UNREGISTERED, RegistrationState.REGISTERED},
}


@dataclass
class PasswordCredentials:
    username: str
    password: str = field(repr=False)


@dataclass
class TokenCredentials:
    token: AccessToken = field(repr=False)
    send_plivo_header: bool = False

    @property
    def username(self) -> str:
        """Plivo names token users ``<sub>_<iss>``; a generic server's AoR user is ``sub``."""
        if self.send_plivo_header or not self.token.subject:
            return self.token.sip_username
        return self.token.subject


Credentials = PasswordCredentials | TokenCredentials


@dataclass(frozen=True)
class RegisterResult:
    ok: bool
    cause: str | None = None
    status: int | None = None
    expires: int | None = None


def refresh_delay(granted: int) -> float:
    """Seconds until the re-REGISTER: a margin before expiry that fits short grants too."""
    return max(1.0, granted - min(5.0, granted / 2))


class Registration:
    """One AoR's binding at the registrar, refreshed before it expires."""

    def __init__(
        self,
        ua: UserAgent,
        *,
        domain: str,
        credentials: Credentials,
        expires: int,
        on_refresh_failed: Callable[[RegisterResult], None],
        extra_headers: list[tuple[str, str]] | None = None,
    ) -> None:
        self.ua = ua
        self.domain = domain
        self.credentials = credentials
        self.expires = expires
        self.extra_headers = list(extra_headers or [])
        self.state = RegistrationState.UNREGISTERED
        self.instance_id = f"urn:uuid:{uuid.uuid4()}"
        self.contact_user = new_tag()
        self.pub_gruu: str | None = None
        self.granted_expires: int | None = None
        self.register_count = 0
        self._on_refresh_failed = on_refresh_failed
        self._call_id = new_call_id()
        self._cseq = 0
        self._tag = new_tag()
        self._digest = DigestSession()
        self._refresh: asyncio.TimerHandle | None = None
        self._refreshing: asyncio.Task[RegisterResult] | None = None
        self._lock = asyncio.Lock()

    @property
    def aor(self) -> SipUri:
        return SipUri(self.domain, self.credentials.username)

    @property
    def contact_uri(self) -> SipUri:
        return SipUri(self.ua.via_host, self.contact_user, params={"transport": "ws"})

    @property
    def dialog_contact(self) -> str:
        """The Contact of our dialogs: the public GRUU when the registrar gave one.

        A WebSocket client's registered Contact is only reachable through the connection
        it registered on (RFC 7118 §5). A dialog that outlives that connection (the proxy
        restarted, the network changed) keeps its remote target, so a peer's BYE or
        re-INVITE to the plain Contact would be undeliverable. A GRUU (RFC 5627) names
        this instance at the registrar, which resolves it to whichever connection holds
        our binding now. Without one we use the registered Contact, as before."""
        return f"<{self.pub_gruu or self.contact_uri}>"

    def _move(self, new: RegistrationState) -> None:
        if new is not self.state and new not in _MOVES[self.state]:
            raise RuntimeError(f"registration: {self.state.value} -> {new.value}")
        self.state = new

    async def register(self) -> RegisterResult:
        """REGISTER (or refresh); one at a time, so a refresh never doubles a binding."""
        async with self._lock:
            self.cancel_refresh()
            previous = self.state
            self._move(
                RegistrationState.REFRESHING if previous.bound else RegistrationState.REGISTERING
            )
            result = await self._exchange(self.expires)
            if result.ok:
                self._move(RegistrationState.REGISTERED)
                self.register_count += 1
                granted = result.expires or self.expires
                self.granted_expires = granted
                delay = refresh_delay(granted)
                log.info("registered %s for %s s; refresh in %.1f s", self.aor, granted, delay)
                self._refresh = asyncio.get_running_loop().call_later(delay, self._refresh_due)
            else:
                self._move(RegistrationState.UNREGISTERED)
                if previous.bound:
                    log.warning("registration refresh failed: %s", result.cause)
            return result

    async def unregister(self) -> RegisterResult:
        """REGISTER with expires 0 for our contact."""
        async with self._lock:
            self.cancel_refresh()
            if self.state is not RegistrationState.REGISTERED:
                return RegisterResult(False, "not registered")
            self._move(RegistrationState.UNREGISTERING)
            result = await self._exchange(0)
            self._move(RegistrationState.UNREGISTERED)
            return result

    def connection_lost(self) -> None:
        """The transport went away: the binding is gone with it (the registrar drops it)."""
        self.cancel_refresh()
        self.state = RegistrationState.UNREGISTERED

    def cancel_refresh(self) -> None:
        if self._refresh is not None:
            self._refresh.cancel()
            self._refresh = None

    def refresh_now(self) -> asyncio.Task[RegisterResult]:
        """Refresh at once (e.g. on waking from a sleep), or join the refresh already on
        its way: a timer that came due during the sleep fires at the same moment, and
        two back-to-back REGISTERs would be one too many. A failure goes to
        ``on_refresh_failed`` as for a timed refresh."""
        if self._refreshing is not None and not self._refreshing.done():
            return self._refreshing
        self.cancel_refresh()
        return self._start_refresh()

    def _refresh_due(self) -> None:
        self._refresh = None
        if self._refreshing is None or self._refreshing.done():
            self._start_refresh()

    def _start_refresh(self) -> asyncio.Task[RegisterResult]:
        async def refresh() -> RegisterResult:
            result = await self.register()
            if not result.ok:
                self._on_refresh_failed(result)
            return result

        task = asyncio.get_running_loop().create_task(refresh(), name="sip-register-refresh")
        self._refreshing = task
        return task

    def _build(self, expires: int, authorization: dict[str, str]) -> SipRequest:
        self._cseq += 1
        contact = NameAddr(
            self.contact_uri,
            params={"+sip.instance": f'"<{self.instance_id}>"', "expires": str(expires)},
        )
        headers: list[tuple[str, str]] = [
            ("Contact", str(contact)),
            ("Expires", str(expires)),
            ("Supported", "path, gruu"),
            ("Allow", ALLOW),
        ]
        if isinstance(self.credentials, TokenCredentials):
            headers.append(("Authorization", bearer_authorization(self.credentials.token.raw)))
            if self.credentials.send_plivo_header:
                headers.append(("X-Plivo-Jwt", self.credentials.token.raw))
        else:
            headers.extend(authorization.items())
        headers.extend(self.extra_headers)
        return self.ua.build_request(
            "REGISTER",
            SipUri(self.domain),
            from_=NameAddr(self.aor, params={"tag": self._tag}),
            to=NameAddr(self.aor),
            call_id=self._call_id,
            cseq=self._cseq,
            extra_headers=headers,
        )

    async def _exchange(self, expires: int) -> RegisterResult:
        policy = AuthRetryPolicy()
        # One answer per header: a proxy's 407 and the registrar's 401 may both apply.
        authorization: dict[str, str] = {}
        for _ in range(5):  # challenge, stale retry, 423 retry: bounded, never a loop
            request = self._build(expires, authorization)
            try:
                response = await self.ua.request(request)
            except RequestTimeout as exc:
                cause = REQUEST_TIMEOUT if self.ua.transport is not None else CONNECTION_ERROR
                log.warning("REGISTER failed: %s", exc)
                return RegisterResult(False, cause)
            status = response.status
            if 200 <= status < 300:
                return RegisterResult(True, status=status, expires=self._granted(response, expires))
            if status == 423 and expires:
                minimum = response.headers.get("Min-Expires") or ""
                if minimum.strip().isdigit() and int(minimum) > expires:
                    log.info("registrar wants at least %s s", minimum)
                    expires = self.expires = int(minimum)
                    policy.reset()
                    continue
            if status in (401, 407) and isinstance(self.credentials, PasswordCredentials):
                next_auth = answer_challenge(
                    response,
                    request,
                    digest=self._digest,
                    policy=policy,
                    username=self.credentials.username,
                    password=self.credentials.password,
                )
                if next_auth is not None:
                    authorization[next_auth[0]] = next_auth[1]
                    continue
            return RegisterResult(False, self._cause(response), status)
        return RegisterResult(False, AUTHENTICATION_ERROR, None)

    def _cause(self, response: SipResponse) -> str:
        jwt_cause = cause_for_jwt_error_code(response.headers.get("X-Plivo-Jwt-Error-Code"))
        if jwt_cause is not None:
            return jwt_cause
        return cause_for_status(response.status)

    def _granted(self, response: SipResponse, requested: int) -> int:
        """Our contact's expires in the 200 OK, else Expires, else what we asked for."""
        try:
            contacts = response.contacts
        except SipParseError:
            contacts = []
        for contact in contacts:
            if not self._is_ours(contact):
                continue
            # Each 200 says afresh: a registrar that stops giving GRUUs is not named.
            gruu = contact.params.get("pub-gruu")
            self.pub_gruu = unquote(gruu) if gruu else None
            value = contact.params.get("expires")
            if value and value.isdigit():
                return int(value)
        header = response.headers.get("Expires")
        if header and header.strip().isdigit():
            return int(header)
        return requested

    def _is_ours(self, contact: NameAddr) -> bool:
        instance = contact.params.get("+sip.instance")
        if instance is not None:
            return self.instance_id in instance
        uri = contact.uri
        return isinstance(uri, SipUri) and uri.user == self.contact_user
