pragma ComponentBehavior: Bound
import QtQuick
import "../components"

// A large, plainly labelled touch target (at least Theme.minTouchTarget high at 1080p):
// no hover state, a visible pressed state, a tap anywhere on it counts.
Rectangle {
    id: button
    property alias text: label.text
    property real u: 1
    property real textScale: 1
    required property Colours pal
    property bool selected: false
    signal tapped()

    implicitWidth: Math.max(Theme.minTouchTarget * 1.5 * u, label.implicitWidth + 56 * u)
    implicitHeight: Math.max(Theme.minTouchTarget * u, label.implicitHeight + 24 * u)
    radius: 12 * u
    color: button.selected ? pal.ink : (tap.pressed ? Qt.darker(pal.button, 1.25) : pal.button)
    border.color: pal.line
    border.width: pal.highContrast ? 3 * u : 0

    Text {
        id: label
        anchors.centerIn: parent
        color: button.selected ? button.pal.paper : button.pal.buttonText
        font.pixelSize: Theme.metaSize * 1.15 * button.u * button.textScale
        font.bold: true
    }
    TapHandler {
        id: tap
        onTapped: button.tapped()
    }
}
