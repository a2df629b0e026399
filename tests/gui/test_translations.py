"""The shipped translations are complete: every user-visible string of the app is in the
``.ts`` files (lupdate finds nothing new) and German and Spanish translate all of them."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "translations"
LUPDATE = ROOT / ".venv" / "bin" / "pyside6-lupdate"


def messages(path: Path) -> list[tuple[str, str, ET.Element]]:
    root = ET.parse(path).getroot()
    return [
        (context.findtext("name") or "", message.findtext("source") or "", message)
        for context in root.iter("context")
        for message in context.iter("message")
    ]


@pytest.mark.parametrize("language", ["de", "es"])
def test_every_string_is_translated(language: str) -> None:
    missing = [
        f"{context}: {source}"
        for context, source, message in messages(TRANSLATIONS / f"webphone_{language}.ts")
        if not (message.findtext("translation") or "").strip()
        or message.find("translation").get("type") in ("unfinished", "vanished", "obsolete")  # type: ignore[union-attr]
    ]
    assert not missing, f"untranslated in {language}: {missing}"


def test_the_ts_files_hold_every_string_of_the_app(tmp_path: Path) -> None:
    copy = tmp_path / "translations"
    shutil.copytree(TRANSLATIONS, copy)
    sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "app/webphone/ui").glob("*.py"))
    # lupdate resolves "../app/..." against the .ts file's directory: mirror the layout.
    (tmp_path / "app").symlink_to(ROOT / "app")
    result = subprocess.run(
        [str(LUPDATE), *(f"../{s}" for s in sources), "-ts", "webphone_en.ts"],
        cwd=copy,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert "(0 new " in result.stdout, "run pyside6-lupdate: " + result.stdout
    assert [(c, s) for c, s, _ in messages(copy / "webphone_en.ts")] == [
        (c, s) for c, s, _ in messages(TRANSLATIONS / "webphone_en.ts")
    ], "strings in the .ts that the app no longer has: run pyside6-lupdate -no-obsolete"
