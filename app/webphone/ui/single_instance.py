"""One Webphone per user: a second launch hands its arguments to the running one.

The running app listens on a per-user local socket (a Unix socket, or a named pipe on
Windows). A later launch connects, sends its arguments as one JSON line and waits for
the reply; if nobody answers, it becomes the running app itself. A socket left behind
by a crashed instance is removed before listening.
"""

from __future__ import annotations

import getpass
import hashlib
import json

from PySide6.QtCore import QObject, Signal, SignalInstance
from PySide6.QtNetwork import QLocalServer, QLocalSocket

ACK = b"ok\n"
MAX_MESSAGE = 64 * 1024  # arguments, not files


def server_name(profile: str = "", app: str = "webphone") -> str:
    """The socket name: one phone per user and settings profile (*profile* is e.g. the
    configuration directory; another profile is another phone)."""
    safe = "".join(ch if ch.isalnum() else "_" for ch in getpass.getuser())
    digest = hashlib.sha1(profile.encode()).hexdigest()[:8] if profile else "default"
    return f"{app}-{safe}-{digest}"


def forward(arguments: list[str], name: str | None = None, timeout_ms: int = 1500) -> bool:
    """Hands *arguments* to the running instance; True if it took them."""
    socket = QLocalSocket()
    socket.connectToServer(name or server_name())
    if not socket.waitForConnected(timeout_ms):
        return False
    socket.write(json.dumps({"argv": arguments}).encode() + b"\n")
    if not socket.waitForBytesWritten(timeout_ms):
        return False
    reply = b""
    while not reply.endswith(b"\n") and socket.waitForReadyRead(timeout_ms):
        reply += bytes(socket.readAll().data())
    socket.disconnectFromServer()
    return reply == ACK


class InstanceServer(QObject):
    """Listens for later launches; ``received`` carries each one's arguments."""

    received = Signal(list)

    def __init__(self, name: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name or server_name()
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)

    def listen(self) -> bool:
        """Starts listening; False if another instance already does."""
        # Ask first: with UserAccessOption Qt replaces an existing socket file instead of
        # reporting it in use. A live instance accepts the connection (its kernel backlog
        # does, even while it is busy); a crashed one's leftover file refuses it.
        probe = QLocalSocket()
        probe.connectToServer(self.name)
        if probe.waitForConnected(500):
            probe.abort()
            return False
        QLocalServer.removeServer(self.name)
        return self._server.listen(self.name)

    def close(self) -> None:
        self._server.close()

    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            _Connection(self._server.nextPendingConnection(), self.received)


class _Connection(QObject):
    """One later launch's connection; a child of its socket, so Qt drops the signal
    connections together with the socket."""

    def __init__(self, socket: QLocalSocket, received: SignalInstance) -> None:
        super().__init__(socket)
        self._socket = socket
        self._received = received
        self._data = b""
        socket.readyRead.connect(self._read)
        socket.disconnected.connect(socket.deleteLater)

    def _read(self) -> None:
        self._data += bytes(self._socket.readAll().data())
        if len(self._data) > MAX_MESSAGE:
            self._socket.disconnectFromServer()
            return
        if not self._data.endswith(b"\n"):
            return
        try:
            message = json.loads(self._data)
            arguments = message["argv"]
            if not isinstance(arguments, list) or not all(isinstance(a, str) for a in arguments):
                raise ValueError("argv must be a list of strings")
        except (ValueError, KeyError, TypeError):
            self._socket.disconnectFromServer()
            return
        self._socket.write(ACK)
        self._socket.flush()
        if arguments:
            self._received.emit(arguments)
