"""Answering a request the parser rejected (RFC 3261 §21.4.1: 400 Bad Request).

A response needs Via, From, To, Call-ID and CSeq copied from the request; when those
lines are readable as raw text, even though some other part is malformed, we can still
tell the sender what was wrong instead of leaving its transaction to time out.
"""

from __future__ import annotations

from .errors import SipParseError
from .headers import Headers, canonical_name
from .message import SipResponse

_NEEDED = ("Via", "From", "To", "Call-ID", "CSeq")


def salvage_bad_request(data: bytes, problem: str) -> SipResponse | None:
    """A 400 response for a malformed request, or None if it can't be addressed."""
    text = data.decode("utf-8", "replace").lstrip("\r\n")
    first, _, rest = text.partition("\n")
    if first.startswith("SIP/") or " SIP/" not in first:
        return None  # a response, or not even a request line: nothing to answer
    head = rest.split("\r\n\r\n", 1)[0].split("\n\n", 1)[0]
    headers = Headers()
    for line in head.replace("\r\n", "\n").split("\n"):
        name, colon, value = line.partition(":")
        if not colon:
            continue
        try:
            canon = canonical_name(name.strip())
        except SipParseError:
            continue
        if canon in _NEEDED:
            try:
                headers.add(canon, value)
            except SipParseError:
                continue
    if any(name not in headers for name in _NEEDED):
        return None
    reason = "Bad Request (" + "".join(ch for ch in problem if ch.isprintable())[:80] + ")"
    return SipResponse(headers=headers, status=400, reason=reason)
