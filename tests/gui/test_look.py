"""The window's look: Settings → Appearance (light / dark / the desktop's), the charts
that fold away under the call, and the window's place, size and splitters remembered."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from gui_helpers import StartApp, click
from PySide6.QtCore import QRect, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QIcon, QPalette
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from webphone.ui import appearance as appearance_module
from webphone.ui.appearance import Appearance, AppearanceController, is_dark
from webphone.ui.dialogs import SettingsDialog
from webphone.ui.main_window import fit_on_screen
from webphone.ui.settings import Settings

pytestmark = pytest.mark.timeout(90)


@pytest.fixture(autouse=True)
def light_again(qapp: QApplication) -> Iterator[None]:
    """The application's palette is global: later tests get the light one back."""
    controller = AppearanceController(qapp)
    yield
    controller.apply(Appearance.LIGHT)
    controller.close()
    qapp.setPalette(QPalette())
    qapp.setStyle("Fusion")


def when_dialog(kind: type[QDialog], act: object) -> None:
    """Run *act* on the modal dialog of type *kind* as soon as it is open."""

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, kind):
            QTimer.singleShot(50, look)
            return
        act(dialog)  # type: ignore[operator]

    QTimer.singleShot(50, look)


def icon_lightness(icon: QIcon) -> float:
    """The mean lightness of an icon's drawn (opaque) pixels."""
    image = icon.pixmap(24, 24).toImage()
    values = [
        QColor(image.pixelColor(x, y)).lightness()
        for x in range(image.width())
        for y in range(image.height())
        if image.pixelColor(x, y).alpha() > 200
    ]
    assert values, "the icon draws nothing"
    return sum(values) / len(values)


def choose_appearance(qtbot: QtBot, app: object, choice: str) -> None:
    def act(dialog: QDialog) -> None:
        assert isinstance(dialog, SettingsDialog)
        dialog.appearance.setCurrentIndex(dialog.appearance.findData(choice))
        dialog.ok_button.click()

    when_dialog(SettingsDialog, act)
    app.window.settingsDialogRequested.emit()  # type: ignore[attr-defined]


def test_dark_appearance_applies_at_once_and_is_remembered(
    qtbot: QtBot, start_app: StartApp, config_dir: Path
) -> None:
    app = start_app()
    window = app.window
    qtbot.waitUntil(lambda: window.level_chart is not None)
    assert not is_dark()
    assert icon_lightness(window.dialpad_button.icon()) < 100  # dark icon on light

    choose_appearance(qtbot, app, "dark")
    assert is_dark()
    assert QApplication.style().name().lower() == "fusion"
    qtbot.waitUntil(lambda: is_dark(window.palette()))
    assert icon_lightness(window.dialpad_button.icon()) > 150  # light icon on dark
    assert icon_lightness(window.call_panel.mute_button.icon()) > 150
    # The charts follow: a dark plot with light axes.
    look = window.level_chart.look
    assert look.background.lightness() < 60 and look.foreground.lightness() > 180
    assert window.quality_chart.look.background.lightness() < 60
    stored = json.loads((config_dir / "settings.json").read_text(encoding="utf-8"))
    assert stored["appearance"] == "dark"
    assert Settings.load().appearance == "dark"

    choose_appearance(qtbot, app, "light")
    assert not is_dark()
    qtbot.waitUntil(lambda: not is_dark(window.palette()))
    assert window.level_chart.look.background.lightness() > 200
    assert Settings.load().appearance == "light"


def test_a_stored_dark_choice_is_dark_from_the_start(qtbot: QtBot, start_app: StartApp) -> None:
    app = start_app(Settings(appearance="dark"))
    assert is_dark(app.window.palette())
    qtbot.waitUntil(lambda: app.window.level_chart is not None)
    assert app.window.level_chart.look.dark


def test_a_damaged_appearance_value_falls_back_to_the_system(config_dir: Path) -> None:
    config_dir.mkdir(parents=True, exist_ok=True)
    (config_dir / "settings.json").write_text(
        json.dumps({"appearance": "purple", "show_charts": "yes", "window_geometry": [1, 2]}),
        encoding="utf-8",
    )
    settings = Settings.load()
    assert settings.appearance == "system"
    assert settings.show_charts is False
    assert settings.window_geometry is None


def test_system_appearance_follows_the_desktop_switching(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    desktop = {"dark": False}
    monkeypatch.setattr(appearance_module, "system_is_dark", lambda _app: desktop["dark"])
    controller = AppearanceController(qapp)
    try:
        assert controller.apply(Appearance.SYSTEM) is False
        assert not is_dark()
        desktop["dark"] = True  # the desktop goes dark at sunset
        controller._scheme_changed(Qt.ColorScheme.Dark)
        assert is_dark()
        controller.apply(Appearance.LIGHT)  # an explicit choice stops following
        controller._scheme_changed(Qt.ColorScheme.Dark)
        assert not is_dark()
    finally:
        controller.close()


def test_the_charts_fold_away_and_the_choice_is_remembered(
    qtbot: QtBot, start_app: StartApp
) -> None:
    app = start_app()
    window = app.window
    qtbot.waitUntil(lambda: window.level_chart is not None)
    # Compact by default: the call column and the contacts, no charts.
    assert not window.chart_tabs.isVisible()
    assert window.charts_button.isVisible() and not window.charts_button.isChecked()
    folded = window.height()

    click(qtbot, window.charts_button)
    assert window.chart_tabs.isVisible() and window.charts_action.isChecked()
    qtbot.waitUntil(lambda: window.height() > folded + 100)  # the window grew for them
    assert window.chart_tabs.height() >= 150
    assert Settings.load().show_charts is True

    window.charts_action.trigger()  # View ▸ Call quality charts folds them again
    assert not window.chart_tabs.isVisible() and not window.charts_button.isChecked()
    qtbot.waitUntil(lambda: abs(window.height() - folded) < 10)
    assert Settings.load().show_charts is False

    window.charts_action.trigger()
    window.close()  # remembered across a restart
    again = start_app(Settings.load())
    assert again.window.chart_tabs.isVisible() and again.window.charts_button.isChecked()


def test_unfolding_near_the_screen_bottom_keeps_the_window_on_screen(
    qtbot: QtBot, start_app: StartApp
) -> None:
    app = start_app(Settings(window_geometry=[0, 300, 700, 480]))
    window = app.window
    screen = window.screen().availableGeometry()
    click(qtbot, window.charts_button)
    qtbot.waitUntil(lambda: window.height() > 480 + 150)  # it grew, by what fits
    assert screen.contains(window.frameGeometry()), (screen, window.frameGeometry())
    assert window.chart_tabs.height() >= 150


def test_the_dial_pad_hides_and_is_remembered(qtbot: QtBot, start_app: StartApp) -> None:
    app = start_app()
    window = app.window
    assert window.dialpad.isVisible() and window.dialpad_button.isChecked()
    click(qtbot, window.dialpad_button)
    assert not window.dialpad.isVisible() and not window.dialpad_action.isChecked()
    assert Settings.load().show_dialpad is False


def test_window_place_size_and_splitters_are_restored(qtbot: QtBot, start_app: StartApp) -> None:
    settings = Settings(
        window_geometry=[30, 40, 700, 560], splitter_sizes={"columnsSplitter": [420, 260]}
    )
    app = start_app(settings)
    window = app.window
    assert window.geometry() == QRect(30, 40, 700, 560)
    left, right = window.columns.sizes()
    assert abs(left / (left + right) - 420 / 680) < 0.05

    window.setGeometry(10, 20, 720, 580)
    qtbot.waitUntil(lambda: window.geometry() == QRect(10, 20, 720, 580))
    window.columns.setSizes([300, 400])
    sizes = window.columns.sizes()
    window.close()
    stored = Settings.load()
    assert stored.window_geometry == [10, 20, 720, 580]
    assert stored.splitter_sizes["columnsSplitter"] == sizes

    again = start_app(stored)
    assert again.window.geometry() == QRect(10, 20, 720, 580)


def test_a_window_left_on_an_unplugged_monitor_comes_back_on_screen(
    start_app: StartApp,
) -> None:
    app = start_app(Settings(window_geometry=[3000, 2500, 700, 500]))
    screen = app.window.screen().availableGeometry()
    assert screen.contains(app.window.geometry()), (screen, app.window.geometry())
    assert app.window.size().width() == 700  # moved, not resized


def test_fit_on_screen_moves_and_shrinks_onto_a_screen() -> None:
    left, right = QRect(0, 0, 1920, 1080), QRect(1920, 0, 1280, 1024)
    # On the right monitor: kept.
    assert fit_on_screen(QRect(2000, 100, 800, 600), [left, right]) == QRect(2000, 100, 800, 600)
    # Half off the right edge: moved in.
    assert fit_on_screen(QRect(2900, 100, 800, 600), [left, right]) == QRect(2400, 100, 800, 600)
    # Its monitor unplugged: onto the first screen, shrunk to fit.
    assert fit_on_screen(QRect(5000, 0, 2400, 600), [left]) == QRect(0, 0, 1920, 600)


def test_button_icons_have_pixels_for_200_percent_scaling(start_app: StartApp) -> None:
    app = start_app()
    for button in (app.window.call_button, app.window.call_panel.hangup_button):
        icon = button.icon()
        assert not icon.isNull()
        # Drawn for 2x, not a 1x picture blown up: 40 device pixels for a 20 px icon.
        pixmap = icon.pixmap(QSize(20, 20), 2.0)
        assert (pixmap.width(), pixmap.devicePixelRatio()) == (40, 2.0)
        assert QSize(40, 40) in icon.availableSizes()  # (no 40 px size at 1x)
