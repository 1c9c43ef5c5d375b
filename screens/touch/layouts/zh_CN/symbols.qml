import QtQuick.VirtualKeyboard.Components

// The keyboard's own Chinese punctuation layout, unchanged (see ../fallback/main.qml).
KeyboardLayoutLoader {
    source: "qrc:/qt-project.org/imports/QtQuick/VirtualKeyboard/Layouts/zh_CN/symbols.qml"
}
