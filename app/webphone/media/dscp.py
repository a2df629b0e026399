"""DSCP marking of a call's media packets: Expedited Forwarding (DSCP 46, RFC 3246).

aiortc has no API for it; aioice owns the UDP sockets. Once ICE has connected we set the
IP TOS byte on those sockets (measured to work on Linux). Where the OS refuses (no
permission, IPv6-only quirks, Windows), the call simply goes unmarked.
"""

from __future__ import annotations

import contextlib
import socket
from typing import Any

from aiortc import RTCPeerConnection

EF_TOS = 46 << 2  # DSCP 46 in the upper six bits of the TOS / traffic class byte


def _media_sockets(pc: RTCPeerConnection) -> list[socket.socket]:
    found: list[socket.socket] = []
    for transceiver in pc.getTransceivers():
        dtls: Any = transceiver.sender.transport
        connection = getattr(getattr(dtls, "transport", None), "_connection", None)
        for protocol in getattr(connection, "_protocols", []):
            transport = getattr(protocol, "transport", None)
            sock = transport.get_extra_info("socket") if transport is not None else None
            if sock is not None:
                found.append(sock)
    return found


def mark_expedited_forwarding(pc: RTCPeerConnection) -> int:
    """Mark every media socket of *pc* EF; returns how many sockets were marked."""
    marked = 0
    for sock in _media_sockets(pc):
        with contextlib.suppress(OSError):
            if sock.family == socket.AF_INET6:
                sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_TCLASS, EF_TOS)
            else:
                sock.setsockopt(socket.IPPROTO_IP, socket.IP_TOS, EF_TOS)
            marked += 1
    return marked


def tos_values(pc: RTCPeerConnection) -> list[int]:
    """The TOS byte of each media socket (for tests and diagnostics)."""
    values = []
    for sock in _media_sockets(pc):
        if sock.family == socket.AF_INET:
            values.append(sock.getsockopt(socket.IPPROTO_IP, socket.IP_TOS))
    return values
