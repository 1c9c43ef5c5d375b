pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.VirtualKeyboard
import QtQuick.VirtualKeyboard.Settings
import Kiosk

// The Qt Virtual Keyboard inside the touch window: Pinyin first, English letters and
// digits a key away. Loaded by Touch.qml through a Loader, so a machine without the
// keyboard's libraries still shows every other part of the screen.
InputPanel {
    id: panel
    required property TouchScreen screen
    objectName: "keyboardPanel"
    visible: active
    Component.onCompleted: {
        VirtualKeyboardSettings.activeLocales = ["zh_CN", "en_US"]
        VirtualKeyboardSettings.locale = "zh_CN"
        // Learn nothing from what visitors type: combined with every field's hints, this
        // keeps Pinyin's user dictionary closed (it would offer one visitor's phrases to
        // the next).
        VirtualKeyboardSettings.inputMethodHints = Qt.ImhSensitiveData
    }
    Connections {
        target: panel.screen
        // The next visitor starts in Pinyin. userDataReset tells input methods that keep
        // files to close them: the touch screen then empties the keyboard's folder.
        function onVisitorReset() {
            VirtualKeyboardSettings.locale = "zh_CN"
            VirtualKeyboardSettings.userDataReset()
        }
    }
}
