"""A scripted voicemail notifier: one unsolicited message-summary NOTIFY over UDP to a SIP
server, which routes it to the user's registered device (as Asterisk's MWI does with no
SUBSCRIBE). For the Kamailio rig, which has no voicemail of its own."""

from __future__ import annotations

import asyncio
import secrets
import socket

from webphone.sip.message import SipResponse, parse_message
from webphone.sip.message_summary import MessageSummary, format_message_summary


def _notify(local_port: int, user: str, domain: str, body: str) -> bytes:
    branch = "z9hG4bK" + secrets.token_hex(8)
    return (
        f"NOTIFY sip:{user}@{domain} SIP/2.0\r\n"
        f"Via: SIP/2.0/UDP 127.0.0.1:{local_port};branch={branch};rport\r\n"
        f"Max-Forwards: 70\r\n"
        # A sender outside the server's domain: nothing of the server's users to prove.
        f"From: <sip:voicemail@vm.example>;tag={secrets.token_hex(4)}\r\n"
        f"To: <sip:{user}@{domain}>\r\n"
        f"Call-ID: {secrets.token_hex(10)}@vm.example\r\n"
        f"CSeq: 1 NOTIFY\r\n"
        f"Event: message-summary\r\n"
        f"Content-Type: application/simple-message-summary\r\n"
        f"Content-Length: {len(body.encode())}\r\n\r\n{body}"
    ).encode()


def _exchange(host: str, port: int, user: str, domain: str, body: str, timeout: float) -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.bind(("127.0.0.1", 0))
        sock.settimeout(timeout)
        request = _notify(sock.getsockname()[1], user, domain, body)
        sock.sendto(request, (host, port))
        while True:
            message = parse_message(sock.recvfrom(65535)[0])
            if isinstance(message, SipResponse) and message.status >= 200:
                return message.status


async def send_mwi(
    host: str, port: int, user: str, domain: str, summary: MessageSummary, timeout: float = 5.0
) -> int:
    """Send the NOTIFY; return the final status (TimeoutError if none came)."""
    body = format_message_summary(summary)
    return await asyncio.to_thread(_exchange, host, port, user, domain, body, timeout)
