pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Window
import QtQuick.VirtualKeyboard
import QtQuick.VirtualKeyboard.Settings
import Kiosk

// What opens at the bottom of the touch window when a field takes the focus: the Qt
// Virtual Keyboard (Pinyin first, English letters and digits a key away) or, one tap on
// the switch beside it, the handwriting pad. Loaded by Touch.qml through a Loader, so a
// machine without the keyboard's libraries still shows every other part of the screen.
Item {
    id: area
    required property TouchScreen screen
    required property Colours pal
    objectName: "keyboardArea"
    readonly property real u: Math.min(Window.width / 1920, Window.height / 1080)
    readonly property HandwritingViewModel hw: area.screen.handwriting
    // Read by Touch.qml: the page above ends where this begins.
    readonly property bool active: panel.active
    height: panel.height

    // One strip across the window, so the page ends on a straight line.
    Rectangle {
        anchors.fill: parent
        color: "#263238"
        visible: area.active
    }

    InputPanel {
        id: panel
        objectName: "keyboardPanel"
        // The keyboard's height follows its width; the sides keep room for the switch. At
        // this width, keys stay over 100 px wide and search keeps four results above them.
        width: Math.min(area.width - 2 * 260 * area.u, 1280 * area.u)
        anchors.horizontalCenter: parent.horizontalCenter
        // Hidden, not closed, while the pad is shown: the field keeps its focus.
        visible: active && !area.hw.active
        Component.onCompleted: {
            VirtualKeyboardSettings.activeLocales = ["zh_CN", "en_US"]
            VirtualKeyboardSettings.locale = "zh_CN"
            // The candidate bar keeps its place while nothing is typed: otherwise it slides
            // in over the keys with the first letter and the keyboard grows under the
            // page, which jumps as the visitor types.
            VirtualKeyboardSettings.wordCandidateList.alwaysVisible = true
            // Learn nothing from what visitors type: combined with every field's hints, this
            // keeps Pinyin's user dictionary closed (it would offer one visitor's phrases to
            // the next).
            VirtualKeyboardSettings.inputMethodHints = Qt.ImhSensitiveData
        }
    }
    // Pinyin's candidates as large, well-spaced targets (the keyboard's own are about
    // 24 px, tightly packed). The style is the keyboard's; only these two are ours.
    // qmllint disable missing-property
    Binding { target: panel.keyboard.style; property: "selectionListHeight"; value: 104 * area.u }
    Binding { target: panel.keyboard.style; property: "selectionListDelegate"; value: candidate }
    // The style slides new candidates up from the keys and fades old ones out in place, so
    // for a moment they cover the keys and one another: they change at once instead.
    Binding { target: panel.keyboard.style; property: "selectionListAdd"; value: null }
    Binding { target: panel.keyboard.style; property: "selectionListRemove"; value: null }
    // qmllint enable missing-property
    Component {
        id: candidate
        CandidateItem { u: area.u }
    }

    HandwritingPad {
        objectName: "handwritingPad"
        x: panel.x
        width: panel.width
        height: area.height
        visible: area.active && area.hw.active
        hw: area.hw
        pal: area.pal
        u: area.u
        onChosen: (text) => InputContext.commit(text)
        onBackspace: InputContext.inputEngine.virtualKeyClick(Qt.Key_Backspace, "", 0)
    }

    // The switch beside the keyboard: one tap, keyboard ⇄ handwriting.
    TouchButton {
        objectName: "inputModeSwitch"
        visible: area.active
        anchors { right: panel.left; rightMargin: 32 * area.u; top: parent.top; topMargin: 32 * area.u }
        width: 196 * area.u
        height: 196 * area.u
        u: area.u
        pal: area.pal
        text: area.hw.active ? qsTr("键盘\n输入") : qsTr("手写\n输入")
        onTapped: area.hw.toggle()
    }

    Connections {
        target: area.screen
        // The next visitor starts in Pinyin. userDataReset tells input methods that keep
        // files to close them: the touch screen then empties the keyboard's folder.
        function onVisitorReset() {
            VirtualKeyboardSettings.locale = "zh_CN"
            VirtualKeyboardSettings.userDataReset()
        }
    }
}
