pragma ComponentBehavior: Bound
import QtQuick

// A large, plainly labelled touch target: no hover state, generous size.
Rectangle {
    id: button
    property alias text: label.text
    property real u: 1
    signal tapped()

    implicitWidth: Math.max(Theme.minTouchTarget * 2 * u, label.implicitWidth + 64 * u)
    implicitHeight: Theme.minTouchTarget * u
    radius: 12 * u
    color: tap.pressed ? Qt.darker(Theme.accent, 1.25) : Theme.accent

    Text {
        id: label
        anchors.centerIn: parent
        color: "white"
        font.pixelSize: Theme.metaSize * 1.2 * button.u
        font.bold: true
    }
    TapHandler {
        id: tap
        onTapped: button.tapped()
    }
}
