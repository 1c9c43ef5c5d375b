"""Environment for the Qt Virtual Keyboard, set before the application object exists.

The keyboard is an input-method plugin of the PySide6 add-on wheel. Qt reads
``QT_IM_MODULE`` once, when the ``QGuiApplication`` is made, so this runs first. The
keyboard's panel is an ``InputPanel`` inside the touch window (screens/touch/KeyboardPanel.qml);
``QT_VIRTUALKEYBOARD_DESKTOP_DISABLE`` makes sure it never opens a window of its own,
which on a kiosk would be a second, unmanaged top-level window. ``QT_VIRTUALKEYBOARD_LAYOUT_PATH``
points at the kiosk's own layouts (screens/touch/layouts/: the Pinyin layout without its dead
key, the rest the keyboard's own).

What a visitor types must not outlive the visit, and the kiosk writes nothing outside its
state directory. The keyboard's Pinyin decoder keeps a user dictionary: it learns phrases
a visitor composes and offers them first to the next visitor, and it keeps that file in
Qt's per-user configuration folder (``$XDG_CONFIG_HOME``, else ``~/.config``), whatever
``VirtualKeyboardSettings.userDataPath`` says — only the commercial input methods read that
setting. So the kiosk does two things:

- learning is switched off: KeyboardPanel.qml adds ``Qt.ImhSensitiveData`` to
  ``VirtualKeyboardSettings.inputMethodHints``, which Qt combines with every field's hints;
  Pinyin then closes its user dictionary and learns nothing;
- the folder is moved: :func:`prepare_environment` makes ``state_dir/keyboard`` the process's
  ``XDG_CONFIG_HOME`` (nothing else the kiosk runs writes there), and the idle reset empties
  it (:func:`forget_user_data`), so even the empty dictionary the decoder opens at start
  does not outlive a visit.
"""

from __future__ import annotations

import ctypes.util
import logging
import os
import shutil
from pathlib import Path

from kiosk import paths

log = logging.getLogger(__name__)

IM_MODULE = "qtvirtualkeyboard"
#: The folder under ``state_dir`` that holds everything the keyboard writes.
USER_DATA_DIR = "keyboard"
#: The kiosk's keyboard layouts, one folder per language as the keyboard expects.
LAYOUTS_DIR = paths.SCREENS_DIR / "touch" / "layouts"
#: Where the Pinyin decoder keeps its user dictionary, under the configuration folder.
PINYIN_DICTIONARY = Path("qtvirtualkeyboard") / "pinyin" / "usr_dict.dat"


def qml_import_dir() -> Path:
    """The PySide6 wheel's QML modules (QtQuick.VirtualKeyboard, QtQuick.Pdf live there)."""
    import PySide6

    return Path(PySide6.__file__).resolve().parent / "Qt" / "qml"


def user_data_dir(state_dir: Path) -> Path:
    return Path(state_dir) / USER_DATA_DIR


#: The keyboard's modules print two notes at every start, neither ours nor actionable.
#: QtMultimedia (loaded for the key sounds; nothing else of the kiosk uses it) finds no
#: PipeWire library: its library loader's category is silenced.
QUIET_RULES = ("qt.multimedia.symbolsresolver.warning=false",)
#: The keyboard's PopupList redeclares a property of its base type. That note's category is
#: the QML engine's own and would hide the same note about our screens: the running kiosk
#: silences it, the test suite (which loads every screen) keeps it and ignores only the
#: keyboard's message, by its text (pyproject.toml).
QML_OVERRIDE_RULE = "qt.qml.propertyCache.append.warning=false"


def prepare_environment(state_dir: Path | None = None, *, quiet_qml_overrides: bool = True) -> bool:
    """Select the virtual keyboard; returns False (and logs why) when it cannot load.

    With ``state_dir``, the keyboard's files go to :func:`user_data_dir` (see the module's
    docstring); without it (tests that set up the folders themselves) they stay where the
    environment already points. ``quiet_qml_overrides``: see :data:`QML_OVERRIDE_RULE`.
    """
    # The keyboard's QML components link against QtMultimedia, which needs libpulse at
    # run time: without it the plugin fails to load and the touch screen loses its keyboard.
    if ctypes.util.find_library("pulse") is None:
        log.error("no virtual keyboard: libpulse.so.0 is missing (on Debian: apt-get install libpulse0)")
        return False
    os.environ["QT_IM_MODULE"] = IM_MODULE
    os.environ["QT_VIRTUALKEYBOARD_DESKTOP_DISABLE"] = "1"
    os.environ["QT_VIRTUALKEYBOARD_LAYOUT_PATH"] = str(LAYOUTS_DIR)
    rules = [r for r in os.environ.get("QT_LOGGING_RULES", "").split(";") if r]
    for rule in (*QUIET_RULES, *((QML_OVERRIDE_RULE,) if quiet_qml_overrides else ())):
        if rule not in rules:
            rules.append(rule)
    os.environ["QT_LOGGING_RULES"] = ";".join(rules)
    qml_dir = str(qml_import_dir())
    current = [p for p in os.environ.get("QML_IMPORT_PATH", "").split(os.pathsep) if p]
    if qml_dir not in current:
        os.environ["QML_IMPORT_PATH"] = os.pathsep.join([*current, qml_dir])
    if state_dir is not None:
        confine_user_data(user_data_dir(state_dir))
    return True


def confine_user_data(folder: Path) -> None:
    """Make ``folder`` the configuration folder Qt and its keyboard write to.

    Before the keyboard starts: the Pinyin decoder reads the location once, when it is
    first used.
    """
    folder = Path(folder)
    os.environ["XDG_CONFIG_HOME"] = str(folder)
    _empty_dictionary(folder)


def _empty_dictionary(folder: Path) -> None:
    # The decoder logs a warning whenever its dictionary file is missing, then creates the
    # folder and an empty dictionary. An empty file is what it would start from anyway
    # (it rewrites a file it cannot read as an empty dictionary), without the warning.
    dictionary = folder / PINYIN_DICTIONARY
    try:
        paths.private_dir(dictionary.parent)
        paths.private_file(dictionary)
    except OSError as exc:  # the keyboard still types; it only warns and learns nothing
        log.warning("keyboard: cannot prepare %s: %s", dictionary, exc.strerror or exc)


def forget_user_data(state_dir: Path) -> None:
    """Empty the keyboard's folder under ``state_dir`` (the idle reset calls this), leaving
    only an empty Pinyin dictionary for the next visitor's decoder to start from.

    The QML side has told the keyboard first (``VirtualKeyboardSettings.userDataReset``),
    so input methods that keep files there close them.
    """
    folder = user_data_dir(state_dir)
    try:
        entries = list(folder.iterdir())
    except FileNotFoundError:
        return
    except OSError as exc:
        log.warning("keyboard: cannot empty %s: %s", folder, exc.strerror or exc)
        return
    for entry in entries:
        try:
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
        except OSError as exc:
            log.warning("keyboard: cannot remove %s: %s", entry, exc.strerror or exc)
    _empty_dictionary(folder)
