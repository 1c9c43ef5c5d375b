pragma ComponentBehavior: Bound
import QtQuick
import "../components"

// A large button of the admin overlay: staff colours, whatever the visitor's settings were.
Rectangle {
    id: button
    property alias text: label.text
    property real u: 1
    property bool danger: false
    signal tapped()

    implicitWidth: Math.max(Theme.minTouchTarget * 1.6 * u, label.implicitWidth + 48 * u)
    implicitHeight: Theme.minTouchTarget * u
    radius: 12 * u
    color: tap.pressed ? "#0B3D5C" : (button.danger ? "#8E1B1B" : "#155E8B")

    Text {
        id: label
        anchors.centerIn: parent
        color: "#FFFFFF"
        font.pixelSize: Theme.metaSize * 1.2 * button.u
        font.bold: true
    }
    TapHandler {
        id: tap
        onTapped: button.tapped()
    }
}
