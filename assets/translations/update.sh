#!/bin/sh
# Regenerate the interface catalogue: extract every qsTr()/tr()/translate() string of the
# QML screens and the Qt bridge into kiosk_en.ts (translations already made are kept),
# then compile it into kiosk_en.qm, the file the kiosk loads (kiosk/qt/i18n.py).
#
#   assets/translations/update.sh        (from anywhere; uses the checkout's .venv)
#
# Translate new strings in kiosk_en.ts (a text editor or pyside6-linguist) and run it again;
# tests/unit/qt/test_translations.py fails while a string has no translation.
set -eu
cd "$(dirname "$0")/../.."
BIN="${KIOSK_VENV_BIN:-.venv/bin}"
"$BIN/pyside6-lupdate" -silent -locations relative -no-obsolete -extensions qml,py \
    screens kiosk/qt -ts assets/translations/kiosk_en.ts -target-language en
"$BIN/pyside6-lrelease" assets/translations/kiosk_en.ts -qm assets/translations/kiosk_en.qm
