"""Failure causes reported in ``onLoginFailed`` / ``onCallFailed`` (SPEC.md §2.4, §4.6)."""

from __future__ import annotations

AUTHENTICATION_ERROR = "Authentication Error"
REQUEST_TIMEOUT = "Request Timeout"
CONNECTION_ERROR = "Connection Error"
CERTIFICATE_ERROR = "Certificate Error"
MISSING_CREDENTIALS = "Username and password must be filled out"
ONGOING_CALL = "Cannot login when there is an ongoing call"


def cause_for_status(status: int) -> str:
    """The reference SIP stack's cause string for a final failure *status*."""
    if status in (401, 407):
        return AUTHENTICATION_ERROR
    if status in (403, 603):
        return "Rejected"
    if status in (404, 604):
        return "Not Found"
    if status in (480, 410, 408, 430):
        return "Unavailable"
    if status in (486, 600):
        return "Busy"
    if 300 <= status < 400:
        return "Redirected"
    if status in (484, 424):
        return "Address Incomplete"
    if status in (488, 606):
        return "Incompatible SDP"
    return "SIP Failure Code"
