"""Icons: the app icon drawn with QPainter (a handset on a disc whose colour tells the
account state) and the buttons' icons, small SVGs shipped in ``resources/icons`` drawn in
the colour the palette asks for, as sharp at 200 % scaling as at 100 %."""

from __future__ import annotations

import enum
import functools
import logging

from PySide6.QtCore import QByteArray, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QIcon,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPixmap,
)
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QWidget

from ..resources import MissingResource, resource_file

log = logging.getLogger(__name__)
#: Logical sizes (px) an icon is drawn at, each at 1x and 2x device pixels: buttons,
#: menus and tool bars at 100 % and 200 % scaling find an exact pixmap.
ICON_SIZES = (16, 20, 24, 32, 48)
PIXEL_RATIOS = (1.0, 2.0)
ON_COLOURED = "#ffffff"  # icons on the green call and red hang-up buttons


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


def status_pixmap(status: Status, size: int = 64, badge: int = 0, dnd: bool = False) -> QPixmap:
    """The app icon in *status* colour; *badge* > 0 draws a missed-call count, *dnd* a
    no-entry sign (do-not-disturb is on) in the lower left corner."""
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
    if dnd:
        radius = size * 0.24
        centre = QPointF(radius, size - radius)
        painter.setBrush(QBrush(QColor("#d50000")))
        painter.setPen(QPen(QColor("white"), max(1.0, size / 32)))
        painter.drawEllipse(centre, radius, radius)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(QColor("white")))
        painter.drawRect(
            QRectF(
                centre.x() - radius * 0.6, centre.y() - radius * 0.18, radius * 1.2, radius * 0.36
            )
        )
    painter.end()
    return pixmap


def status_icon(status: Status, badge: int = 0, dnd: bool = False) -> QIcon:
    icon = QIcon()
    for size in (16, 22, 32, 48, 64):
        icon.addPixmap(status_pixmap(status, size, badge, dnd))
    return icon


@functools.lru_cache(maxsize=32)
def _svg(name: str) -> str | None:
    try:
        return resource_file("icons", f"{name}.svg").read_text(encoding="utf-8")
    except (MissingResource, OSError) as exc:  # a broken install: text-only buttons
        log.warning("icon %s unavailable: %s", name, exc)
        return None


def _render(renderer: QSvgRenderer, size: int, ratio: float) -> QPixmap:
    pixels = round(size * ratio)
    pixmap = QPixmap(pixels, pixels)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, pixels, pixels))
    painter.end()
    pixmap.setDevicePixelRatio(ratio)
    return pixmap


@functools.lru_cache(maxsize=128)
def svg_icon(name: str, colour: str, disabled: str = "") -> QIcon:
    """The shipped ``resources/icons/<name>.svg`` with ``currentColor`` drawn in *colour*
    (and in *disabled* for a disabled button: Qt's own greying loses a white icon on a
    light button); an empty icon when the file is missing."""
    source = _svg(name)
    icon = QIcon()
    if source is None:
        return icon
    modes = [(QIcon.Mode.Normal, colour)]
    if disabled:
        modes.append((QIcon.Mode.Disabled, disabled))
    for mode, fill in modes:
        renderer = QSvgRenderer(QByteArray(source.replace("currentColor", fill).encode()))
        if not renderer.isValid():
            log.warning("icon %s is not a valid SVG", name)
            return QIcon()
        for size in ICON_SIZES:
            for ratio in PIXEL_RATIOS:
                icon.addPixmap(_render(renderer, size, ratio), mode)
    return icon


def themed_icon(widget: QWidget, name: str) -> QIcon:
    """*name*'s icon in *widget*'s button text colour (and its disabled one): dark icons
    on a light palette, light ones on a dark palette."""
    palette = widget.palette()
    return svg_icon(
        name,
        palette.color(QPalette.ColorRole.ButtonText).name(),
        palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText).name(),
    )


def coloured_icon(widget: QWidget, name: str) -> QIcon:
    """*name*'s icon in white for a green or red button (disabled: the palette's grey)."""
    disabled = widget.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText)
    return svg_icon(name, ON_COLOURED, disabled.name())
