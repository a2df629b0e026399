"""Writes the app icon as PNGs in the freedesktop hicolor layout (for the .deb) and as a
Windows .ico; the icon is the one the app draws (webphone.ui.icons)."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtGui import QGuiApplication, QImage

from webphone.ui.icons import Status, status_pixmap

SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def export(target: Path) -> list[Path]:
    written = []
    for size in SIZES:
        folder = target / f"{size}x{size}" / "apps"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "webphone.png"
        if not status_pixmap(Status.REGISTERED, size).save(str(path), "PNG"):
            raise OSError(f"cannot write {path}")
        written.append(path)
    return written


if __name__ == "__main__":
    app = QGuiApplication(sys.argv[:1])
    target = Path(sys.argv[1])
    if target.suffix == ".ico":
        image: QImage = status_pixmap(Status.REGISTERED, 256).toImage()
        if not image.save(str(target), "ICO"):
            raise SystemExit(f"cannot write {target}")
    else:
        for path in export(target):
            print(path)
