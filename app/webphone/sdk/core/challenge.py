"""Answering a 401/407 digest challenge to any request (REGISTER, INVITE, ...)."""

from __future__ import annotations

from ...sip.auth import (
    AuthError,
    AuthRetryPolicy,
    DigestSession,
    choose_challenge,
    parse_challenges,
)
from ...sip.message import SipRequest, SipResponse
from .log import get_logger

log = get_logger(__name__)


def answer_challenge(
    response: SipResponse,
    request: SipRequest,
    *,
    digest: DigestSession,
    policy: AuthRetryPolicy,
    username: str,
    password: str,
) -> tuple[str, str] | None:
    """(header name, value) that answers *response*'s challenge, or None when we must not
    retry: an unusable challenge, or the same realm challenging again (wrong credentials)."""
    proxy = response.status == 407
    name = "Proxy-Authenticate" if proxy else "WWW-Authenticate"
    try:
        challenge = choose_challenge(parse_challenges(response.headers.get_all(name), proxy=proxy))
    except AuthError as exc:
        log.warning("cannot answer the %s challenge: %s", request.method, exc)
        return None
    if not policy.should_retry(challenge):
        return None
    value = digest.authorize(
        challenge,
        method=request.method,
        uri=str(request.uri),
        username=username,
        password=password,
        body=request.body,
    )
    return ("Proxy-Authorization" if proxy else "Authorization", value)
