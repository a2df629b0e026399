"""Fixtures shared by every test directory: the real-server rig."""

import os

import pytest

pytest_plugins = [
    "tests.rig.kamailio",
    "tests.rig.gateway",
    "tests.rig.tcpproxy",
    "tests.rig.pulse",
    "tests.rig.impairment",
    "tests.rig.coturn",
]


@pytest.fixture(autouse=True)
def _insights_database_in_tmp(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every Client of the tests records its calls in a database of the test run, never
    in the user's own data directory (tests that look at a database pass their own path
    with ``insights_path=``)."""
    if "WEBPHONE_INSIGHTS_DB" not in os.environ:
        path = tmp_path_factory.getbasetemp() / "insights" / "insights.sqlite3"
        monkeypatch.setenv("WEBPHONE_INSIGHTS_DB", str(path))
