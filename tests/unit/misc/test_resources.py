"""Shipped files are found in a checkout, an installed prefix and a frozen bundle alike."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from webphone import resources


def test_unknown_kinds_and_missing_files_are_clear_errors() -> None:
    with pytest.raises(ValueError, match="unknown resource kind"):
        resources.resource_dir("fonts")
    with pytest.raises(resources.MissingResource, match="missing"):
        resources.resource_file("translations", "no-such-file.qm")


def test_a_frozen_bundle_wins_over_the_checkout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shipped = tmp_path / "share" / "webphone" / "resources" / "tones"
    shipped.mkdir(parents=True)
    (shipped / "ringtone.wav").write_bytes(b"RIFF")
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources.resource_file("tones", "ringtone.wav") == shipped / "ringtone.wav"


def test_an_installed_prefix_is_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shipped = tmp_path / "share" / "webphone" / "translations"
    shipped.mkdir(parents=True)
    monkeypatch.setattr(sys, "prefix", str(tmp_path))
    monkeypatch.setattr(resources, "SOURCE_ROOT", tmp_path / "not-a-checkout")
    assert resources.resource_dir("translations") == shipped
