"""A hostile SIP-over-WebSocket server in its own process, so that a test can measure the
client's memory without the server's: a :class:`ScriptedServer` registrar that, when told
on stdin, floods the connected client.

Commands (one a line): ``invites N`` sends N valid out-of-dialog INVITEs in a burst (each
a new transaction the client must answer), ``big N`` one frame of N bytes, ``bigs K N``
K frames of N bytes. Each prints ``sent COUNT`` (frames the client took before it
closed the connection), ``connected`` how many connections were made so far,
``answers`` how many responses the client sent.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Iterator

from scripted_server import ScriptedServer

INVITE = (
    "INVITE sip:alice@example.com SIP/2.0\r\n"
    "Via: SIP/2.0/WSS flood.invalid;branch=z9hG4bKflood{n}\r\n"
    "Max-Forwards: 70\r\n"
    "From: <sip:mallory@example.com>;tag=f{n}\r\n"
    "To: <sip:alice@example.com>\r\n"
    "Call-ID: flood-{n}\r\n"
    "CSeq: 1 INVITE\r\n"
    "Contact: <sip:mallory@flood.invalid;transport=ws>\r\n"
    "Subject: {pad}\r\n"
    "Content-Length: 0\r\n\r\n"
)


def invites(count: int) -> Iterator[str]:
    pad = "x" * 200  # a realistic size (~600 bytes); the client keeps each one it answers
    return (INVITE.format(n=n, pad=pad) for n in range(count))


BIG = (
    "MESSAGE sip:alice@example.com SIP/2.0\r\n"
    "Via: SIP/2.0/WSS big.invalid;branch=z9hG4bKbig\r\n"
    "Max-Forwards: 70\r\n"
    "From: <sip:mallory@example.com>;tag=big\r\n"
    "To: <sip:alice@example.com>\r\n"
    "Call-ID: big\r\n"
    "CSeq: 1 MESSAGE\r\n"
    "Content-Type: text/plain\r\n"
    "Content-Length: {length}\r\n\r\n"
)


def big(size: int) -> bytes:
    """A well-formed SIP message of *size* bytes (its body makes up the size)."""
    length = size - len(BIG.format(length=size))
    length += size - len(BIG.format(length=length)) - length  # fewer digits in the header
    return BIG.format(length=length).encode() + b"y" * length


async def main() -> None:
    async with ScriptedServer(record=False) as server:
        print(server.port, flush=True)
        loop = asyncio.get_running_loop()
        while line := await loop.run_in_executor(None, sys.stdin.readline):
            command, *args = line.split()
            numbers = [int(a) for a in args]
            if command == "connected":
                print(server.connected, flush=True)
                continue
            if command == "answers":
                print(sum(n for kind, n in server.counts.items() if kind.isdigit()), flush=True)
                continue
            if command == "invites":
                sent = await server.flood(invites(numbers[0]))
            elif command == "big":
                sent = await server.flood([big(numbers[0])])
            elif command == "bigs":
                sent = await server.flood(big(numbers[1]) for _ in range(numbers[0]))
            else:
                print(f"unknown command {command}", flush=True)
                continue
            print(f"sent {sent}", flush=True)


if __name__ == "__main__":
    asyncio.run(main())
