"""Translations: ``translations/webphone_<lang>.ts`` compiled to ``.qm`` and installed.

The ``.ts`` sources are kept in the repository; the binary ``.qm`` files are built with
PySide6's ``lrelease`` into the user's cache directory the first time a language is used
(or when its ``.ts`` changed), so nothing binary is committed.
"""

from __future__ import annotations

import logging
import subprocess
from pathlib import Path

import platformdirs
import PySide6
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from ..resources import MissingResource, resource_file

log = logging.getLogger(__name__)

#: Languages the app ships (code -> name in that language).
LANGUAGES = {"en": "English", "de": "Deutsch", "es": "Español"}


def lrelease() -> Path:
    """PySide6's bundled ``lrelease`` binary."""
    return Path(PySide6.__file__).parent / "lrelease"


def compiled(language: str, cache: Path | None = None) -> Path | None:
    """The ``.qm`` for *language*, compiled now if missing or older than its ``.ts``."""
    try:
        source = resource_file("translations", f"webphone_{language}.ts")
    except MissingResource as exc:
        log.error("%s", exc)
        return None
    shipped = source.with_suffix(".qm")  # compiled by the build (installers, frozen app)
    if shipped.is_file() and shipped.stat().st_mtime >= source.stat().st_mtime:
        return shipped
    cache = cache or Path(platformdirs.user_cache_dir("webphone")) / "translations"
    target = cache / f"webphone_{language}.qm"
    if target.is_file() and target.stat().st_mtime >= source.stat().st_mtime:
        return target
    cache.mkdir(parents=True, exist_ok=True)
    try:
        subprocess.run(
            [str(lrelease()), "-silent", str(source), "-qm", str(target)],
            check=True,
            capture_output=True,
            timeout=30,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        log.error("cannot compile translation %s: %s", source, exc)
        return None
    return target


def choose_language(setting: str) -> str:
    """The setting when it names a shipped language, else the system locale's, else en."""
    if setting in LANGUAGES:
        return setting
    system = QLocale.system().name().split("_", 1)[0]
    return system if system in LANGUAGES else "en"


def install(app: QCoreApplication, setting: str) -> tuple[str, list[QTranslator]]:
    """Load the chosen language into *app*: (language code in use, installed translators:
    ours, then Qt's own for its standard buttons and dialogs, "Close", "Cancel"...)."""
    language = choose_language(setting)
    if language == "en":
        return language, []  # the source strings are English
    path = compiled(language)
    translator = QTranslator(app)
    if path is None or not translator.load(str(path)):
        log.warning("no translation for %s; staying in English", language)
        return "en", []
    app.installTranslator(translator)
    installed = [translator]
    qt_translator = QTranslator(app)
    qt_translations = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_translator.load(f"qtbase_{language}", qt_translations):
        app.installTranslator(qt_translator)
        installed.append(qt_translator)
    else:
        log.info("Qt has no %s translation: its standard buttons stay English", language)
    QLocale.setDefault(QLocale(language))
    return language, installed
