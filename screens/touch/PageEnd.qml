pragma ComponentBehavior: Bound
import QtQuick
import "../components"

// The visible end of a scrolling page or list: a rule and "已到底部", so a visitor knows
// there is nothing more below rather than wondering whether the page stopped loading.
Item {
    id: end
    required property Colours pal
    property real u: 1
    property real textScale: 1
    objectName: "pageEnd"
    implicitHeight: label.implicitHeight + 48 * u
    implicitWidth: 400 * u
    Rectangle {
        anchors { left: parent.left; right: label.left; rightMargin: 24 * end.u; verticalCenter: label.verticalCenter }
        height: 2 * end.u
        color: end.pal.line
    }
    Text {
        id: label
        objectName: "pageEndText"
        anchors.centerIn: parent
        text: qsTr("已到底部")
        color: end.pal.muted
        font.pixelSize: Theme.metaSize * end.u * end.textScale
    }
    Rectangle {
        anchors { left: label.right; leftMargin: 24 * end.u; right: parent.right; verticalCenter: label.verticalCenter }
        height: 2 * end.u
        color: end.pal.line
    }
}
