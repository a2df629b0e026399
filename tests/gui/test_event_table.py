"""The window's sdk event handlers are one explicit table: each name in it must be an sdk
event (a typo would leave that event unhandled, silently), and the window's logic runs
on the GUI thread's qasync loop, awaiting the core."""

from __future__ import annotations

import asyncio

import pytest
from gui_helpers import StartApp
from pytestqt.qtbot import QtBot

from webphone.sdk import EVENT_NAMES
from webphone.ui.bridge import CoreStopped
from webphone.ui.main_window import check_event_names


def test_every_handled_event_is_an_sdk_event(start_app: StartApp) -> None:
    window = start_app().window
    assert set(window.event_handlers) <= EVENT_NAMES
    # What the window shows comes from these; each must be in the table.
    assert {"onLogin", "onCallAnswered", "onIncomingCall", "volume"} <= set(window.event_handlers)


def test_a_mistyped_event_name_is_refused() -> None:
    with pytest.raises(ValueError, match="onCallAnsewred"):
        check_event_names({"onLogin": print, "onCallAnsewred": print})


def test_bridge_run_returns_the_result_or_raises_on_the_gui_loop(
    qtbot: QtBot, start_app: StartApp
) -> None:
    app = start_app()

    async def ask() -> tuple[bool, str]:
        assert asyncio.get_running_loop() is app.loop  # window logic: the GUI's qasync loop
        registered = await app.bridge.run(lambda client: client.is_registered())
        try:
            await app.bridge.run(lambda client: client.audio.available_devices("sideways"))
        except ValueError as exc:
            return registered, str(exc)
        return registered, ""

    task = app.tasks.spawn(ask())
    qtbot.waitUntil(task.done, timeout=5000)
    registered, error = task.result()
    assert registered is True
    assert "sideways" in error

    app.shutdown()
    late = app.loop.create_task(app.bridge.run(lambda client: client.is_registered()))
    qtbot.waitUntil(late.done, timeout=5000)
    assert late.cancelled()  # after shutdown: dropped (CoreStopped), not an error
    assert issubclass(CoreStopped, asyncio.CancelledError)
