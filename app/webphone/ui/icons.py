"""Icons drawn with QPainter: a handset on a disc whose colour tells the account state."""

from __future__ import annotations

import enum

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap


class Status(enum.Enum):
    """Account state as the tray and the status line show it."""

    OFFLINE = "#9e9e9e"
    CONNECTING = "#fb8c00"
    REGISTERED = "#2e7d32"
    ERROR = "#c62828"
    RINGING = "#1e88e5"


def _handset(size: float) -> QPainterPath:
    """A telephone handset inside a *size* square (two ear/mouth pieces and a handle)."""
    s = size
    path = QPainterPath()
    path.moveTo(0.22 * s, 0.26 * s)
    path.cubicTo(0.26 * s, 0.20 * s, 0.34 * s, 0.20 * s, 0.38 * s, 0.26 * s)
    path.lineTo(0.44 * s, 0.36 * s)
    path.cubicTo(0.46 * s, 0.40 * s, 0.44 * s, 0.44 * s, 0.40 * s, 0.46 * s)
    path.lineTo(0.37 * s, 0.48 * s)
    path.cubicTo(0.42 * s, 0.56 * s, 0.46 * s, 0.60 * s, 0.54 * s, 0.64 * s)
    path.lineTo(0.56 * s, 0.61 * s)
    path.cubicTo(0.58 * s, 0.57 * s, 0.62 * s, 0.55 * s, 0.66 * s, 0.57 * s)
    path.lineTo(0.76 * s, 0.63 * s)
    path.cubicTo(0.82 * s, 0.67 * s, 0.82 * s, 0.74 * s, 0.76 * s, 0.78 * s)
    path.lineTo(0.70 * s, 0.82 * s)
    path.cubicTo(0.60 * s, 0.86 * s, 0.44 * s, 0.80 * s, 0.32 * s, 0.68 * s)
    path.cubicTo(0.20 * s, 0.56 * s, 0.14 * s, 0.40 * s, 0.18 * s, 0.30 * s)
    path.closeSubpath()
    return path


def status_pixmap(status: Status, size: int = 64, badge: int = 0) -> QPixmap:
    """The app icon in *status* colour; *badge* > 0 draws a missed-call count."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QBrush(QColor(status.value)))
    painter.drawEllipse(QRectF(1, 1, size - 2, size - 2))
    painter.setBrush(QBrush(QColor("white")))
    painter.drawPath(_handset(size))
    if badge > 0:
        radius = size * 0.22
        centre = QPointF(size - radius, radius)
        painter.setBrush(QBrush(QColor("#d50000")))
        painter.setPen(QPen(QColor("white"), max(1.0, size / 32)))
        painter.drawEllipse(centre, radius, radius)
        font = painter.font()
        font.setPixelSize(int(radius * 1.3))
        font.setBold(True)
        painter.setFont(font)
        painter.drawText(
            QRectF(centre.x() - radius, centre.y() - radius, 2 * radius, 2 * radius),
            Qt.AlignmentFlag.AlignCenter,
            str(badge) if badge < 10 else "9+",
        )
    painter.end()
    return pixmap


def status_icon(status: Status, badge: int = 0) -> QIcon:
    icon = QIcon()
    for size in (16, 22, 32, 48, 64):
        icon.addPixmap(status_pixmap(status, size, badge))
    return icon
