"""Where Webphone's shipped files are — tones, icons, speech, translations — wherever it
runs.

The same relative layout, ``share/webphone/<top>/<kind>``, is used by an installed
package (``data-files`` in pyproject.toml, under ``sys.prefix``) and by the frozen
PyInstaller build (under its bundle directory); a source checkout has them at the top
of the tree. Nothing else may build paths from ``__file__``.
"""

from __future__ import annotations

import sys
from pathlib import Path

# A source checkout (app/webphone/resources.py -> the checkout's root).
SOURCE_ROOT = Path(__file__).resolve().parents[2]
# kind -> top-level folder of the source tree that holds it
KINDS = {
    "tones": "resources",
    "icons": "resources",
    "speech": "resources",  # the voice-path check's phrase
    "translations": "translations",
}


class MissingResource(FileNotFoundError):
    """A shipped file is not where any layout puts it (a broken installation)."""


def _candidates(kind: str) -> list[Path]:
    top = KINDS[kind]
    sub = Path(top) / kind if top == "resources" else Path(top)
    # The checkout before the prefix: an editable install copies the data files into the
    # venv too, and those copies go stale while the checkout's are edited.
    places: list[Path] = []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        places.append(Path(bundle) / "share" / "webphone" / sub)
    places.append(SOURCE_ROOT / sub)
    places.append(Path(sys.prefix) / "share" / "webphone" / sub)
    return places


def resource_dir(kind: str) -> Path:
    """The folder holding the shipped files of *kind* (``tones``, ``icons``, ``speech``,
    ``translations``); raises :class:`MissingResource` naming the places looked at."""
    if kind not in KINDS:
        raise ValueError(f"unknown resource kind {kind!r}; one of {sorted(KINDS)}")
    candidates = _candidates(kind)
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    looked = ", ".join(str(c) for c in candidates)
    raise MissingResource(f"Webphone's {kind} are missing (looked in {looked})")


def resource_file(kind: str, name: str) -> Path:
    """One shipped file; :class:`MissingResource` if it is not there."""
    path = resource_dir(kind) / name
    if not path.is_file():
        raise MissingResource(f"{path} is missing")
    return path
