import QtQuick
import QtQuick.Layouts
import QtQuick.VirtualKeyboard
import QtQuick.VirtualKeyboard.Components

// The Pinyin keyboard of the touch screen. Compared with the keyboard's own Chinese
// layout, the syllable-separator key left of `z` is gone: it is blank and dead until
// something is typed, so visitors read it as a broken key. Pinyin still splits syllables
// by itself, and the separator stays on the symbols page.
KeyboardLayout {
    id: layout
    function createInputMethod() {
        return Qt.createQmlObject("import QtQuick; import QtQuick.VirtualKeyboard.Plugins; PinyinInputMethod {}", layout, "pinyinInputMethod.qml")
    }
    sharedLayouts: ["symbols"]
    keyWeight: 160
    readonly property real letterWidth: secondLetter.width
    // One and a half letters: up to the middle of the second key of the top row.
    readonly property real sideWidth: mapFromItem(secondLetter, secondLetter.width / 2, 0).x

    KeyboardRow {
        Key { key: Qt.Key_Q; text: "q" }
        Key { id: secondLetter; key: Qt.Key_W; text: "w" }
        Key { key: Qt.Key_E; text: "e" }
        Key { key: Qt.Key_R; text: "r" }
        Key { key: Qt.Key_T; text: "t" }
        Key { key: Qt.Key_Y; text: "y" }
        Key { key: Qt.Key_U; text: "u" }
        Key { key: Qt.Key_I; text: "i" }
        Key { key: Qt.Key_O; text: "o" }
        Key { key: Qt.Key_P; text: "p" }
    }
    KeyboardRow {
        FillerKey { weight: layout.letterWidth / 2; Layout.fillWidth: false }
        Key { key: Qt.Key_A; text: "a" }
        Key { key: Qt.Key_S; text: "s" }
        Key { key: Qt.Key_D; text: "d" }
        Key { key: Qt.Key_F; text: "f" }
        Key { key: Qt.Key_G; text: "g" }
        Key { key: Qt.Key_H; text: "h" }
        Key { key: Qt.Key_J; text: "j" }
        Key { key: Qt.Key_K; text: "k" }
        Key { key: Qt.Key_L; text: "l" }
        FillerKey { weight: layout.letterWidth / 2; Layout.fillWidth: false }
    }
    KeyboardRow {
        // Indented like the rows above, with nothing in the gap.
        FillerKey { weight: layout.sideWidth; Layout.fillWidth: false }
        Key { key: Qt.Key_Z; text: "z" }
        Key { key: Qt.Key_X; text: "x" }
        Key { key: Qt.Key_C; text: "c" }
        Key { key: Qt.Key_V; text: "v" }
        Key { key: Qt.Key_B; text: "b" }
        Key { key: Qt.Key_N; text: "n" }
        Key { key: Qt.Key_M; text: "m" }
        BackspaceKey { weight: layout.sideWidth; Layout.fillWidth: false }
    }
    KeyboardRow {
        SymbolModeKey { weight: layout.sideWidth; Layout.fillWidth: false }
        ChangeLanguageKey { weight: layout.letterWidth; Layout.fillWidth: false }
        Key {
            key: Qt.Key_Comma
            weight: layout.letterWidth
            Layout.fillWidth: false
            text: "\uFF0C"
            highlighted: true
        }
        SpaceKey {}
        Key {
            key: Qt.Key_Period
            weight: layout.letterWidth
            Layout.fillWidth: false
            text: "\u3002"
            alternativeKeys: "\u3002\uFF1F\uFF01\uFF1B\uFF1A\u3001\uFF0E"
            smallText: "!?"
            smallTextVisible: true
            highlighted: true
        }
        HideKeyboardKey { weight: layout.letterWidth; Layout.fillWidth: false }
        EnterKey { weight: layout.sideWidth; Layout.fillWidth: false }
    }
}
