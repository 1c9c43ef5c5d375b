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
    }
    Connections {
        target: panel.screen
        // The next visitor starts in Pinyin, with nothing learnt from the last one.
        function onVisitorReset() {
            VirtualKeyboardSettings.locale = "zh_CN"
            VirtualKeyboardSettings.userDataReset()
        }
    }
}
