"""Bench options: ``--long`` runs the benches that take the ``long_mode`` fixture with
longer speech and every variant (CI runs their short form).

pytest reads options only from conftest files it loads at start-up, which are those on
the paths given on the command line: pass the bench's path with the option, e.g.
``pytest tests/bench/test_voice_path.py --long``.
"""

from __future__ import annotations

import pytest

#: How much longer a bench's timeout is in long mode.
LONG_TIMEOUT_FACTOR = 8


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--long",
        action="store_true",
        default=False,
        help="benches: longer speech and every variant (slow; CI runs the short form)",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """In long mode a bench that takes ``long_mode`` gets a timeout that long runs fit
    in (its marker is sized for the short form)."""
    if not config.getoption("--long"):
        return
    for item in items:
        marker = item.get_closest_marker("timeout")
        if marker is None or "long_mode" not in getattr(item, "fixturenames", ()):
            continue
        seconds = marker.args[0] if marker.args else marker.kwargs["timeout"]
        item.add_marker(pytest.mark.timeout(seconds * LONG_TIMEOUT_FACTOR), append=False)


@pytest.fixture
def long_mode(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--long"))
