import QtQuick.VirtualKeyboard.Components

// The keyboard's own symbols layout, unchanged: a layout folder of our own replaces the
// keyboard's folder as a whole, so what we keep is loaded from the keyboard's resources.
KeyboardLayoutLoader {
    source: "qrc:/qt-project.org/imports/QtQuick/VirtualKeyboard/Layouts/fallback/symbols.qml"
}
