pragma ComponentBehavior: Bound
import QtQuick
import "../components"

// An input line of the opinion box: a framed TextInput, a hint while it is empty, and
// `edited(text)` on every change the visitor makes (the page hands it to its view model).
Rectangle {
    id: field
    required property Colours pal
    required property real u
    property real ts: 1
    property alias input: editor
    property string value
    property string hint
    signal edited(string text)
    height: 96 * field.u
    radius: 12 * field.u
    color: field.pal.card
    border.color: editor.activeFocus ? field.pal.accent : field.pal.line
    border.width: 3 * field.u
    TextInput {
        id: editor
        anchors { fill: parent; leftMargin: 24 * field.u; rightMargin: 24 * field.u }
        verticalAlignment: TextInput.AlignVCenter
        clip: true
        text: field.value
        color: field.pal.ink
        font.pixelSize: Theme.bodySize * field.u * field.ts
        onTextChanged: if (text !== field.value) field.edited(text)
    }
    Text {
        anchors { left: parent.left; leftMargin: 24 * field.u; verticalCenter: parent.verticalCenter }
        visible: editor.text === "" && !editor.activeFocus
        text: field.hint
        color: field.pal.muted
        font.pixelSize: Theme.bodySize * field.u * field.ts
    }
}
