pragma ComponentBehavior: Bound
import QtQuick
import "../components"

// A small word on a row: 新, 已修订, 紧急.
Rectangle {
    id: mark
    property alias text: label.text
    property bool filled: false
    required property Colours pal
    property real u: 1
    property real textScale: 1
    implicitWidth: label.implicitWidth + 28 * u
    implicitHeight: label.implicitHeight + 12 * u
    radius: 8 * u
    color: filled ? pal.mark : "transparent"
    border.color: pal.mark
    border.width: 2 * u
    Text {
        id: label
        anchors.centerIn: parent
        color: mark.filled ? (mark.pal.highContrast ? "#000000" : "#FFFFFF") : mark.pal.mark
        font.pixelSize: Theme.metaSize * 0.9 * mark.u * mark.textScale
        font.bold: true
    }
}
