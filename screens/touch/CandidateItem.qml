import QtQuick
import QtQuick.VirtualKeyboard.Styles

// One Pinyin candidate in the keyboard's candidate bar, large enough to hit. The
// keyboard's list gives it its model's roles; the keyboard's own base type reads index.
SelectionListItem {
    id: item
    required property string display
    required property int index
    property real u: 1
    objectName: "pinyinCandidate"
    width: Math.max(96 * item.u, label.implicitWidth + 64 * item.u)
    Text {
        id: label
        objectName: "pinyinCandidateText"
        anchors.centerIn: parent
        text: item.display
        color: "#FFFFFF"
        font.pixelSize: 44 * item.u
    }
    Rectangle {
        anchors { right: parent.left; verticalCenter: parent.verticalCenter }
        width: 2 * item.u
        height: parent.height * 0.5
        color: "#5A6B73"
    }
}
