"""Building CANCEL for a pending INVITE (RFC 3261 §9.1)."""

from __future__ import annotations

from .headers import Headers
from .message import SipRequest


def build_cancel(invite: SipRequest) -> SipRequest:
    """Same request-URI, top Via (branch), Route set, From, To, Call-ID; CSeq method CANCEL."""
    headers = Headers()
    headers.add("Via", invite.headers.get_all("Via")[0])
    for route in invite.headers.get_all("Route"):
        headers.add("Route", route)
    headers.add("Max-Forwards", "70")
    headers.add("From", invite.headers.get("From") or "")
    headers.add("To", invite.headers.get("To") or "")
    headers.add("Call-ID", invite.call_id)
    headers.add("CSeq", f"{invite.cseq.number} CANCEL")
    return SipRequest(headers=headers, method="CANCEL", uri=invite.uri)
