"""The NOTIFY bodies a transfer is judged by (message/sipfrag, RFC 3420)."""

from __future__ import annotations

import pytest

from webphone.sdk.core.transfer import sipfrag_status


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ("SIP/2.0 100 Trying\r\n", 100),
        ("SIP/2.0 200 OK\r\n", 200),
        ("\r\nSIP/2.0 486 Busy Here\r\nContent-Length: 0\r\n", 486),
        ("SIP/2.0 603", 603),
        ("", None),
        ("INVITE sip:a@b SIP/2.0\r\n", None),
        ("SIP/2.0 2000 Odd\r\n", None),
        ("HTTP/1.1 200 OK\r\n", None),
    ],
)
def test_sipfrag_status(body: str, status: int | None) -> None:
    assert sipfrag_status(body) == status
