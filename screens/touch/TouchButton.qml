pragma ComponentBehavior: Bound
import QtQuick
import "../components"

// The touch screen's one button: a large, plainly labelled target (at least
// Theme.minTouchTarget high at 1080p), no hover state, a visible pressed state, a tap
// anywhere on it counts. `kind` gives its weight (Colours.qml): "primary", "secondary"
// (the default) or "quiet"; `onHeader` for the quiet tools on the header's red.
Rectangle {
    id: button
    property alias text: label.text
    property real u: 1
    property real textScale: 1
    required property Colours pal
    property string kind: "secondary"
    property bool onHeader: false
    property bool selected: false
    signal tapped()

    readonly property color face: selected ? pal.selected
        : kind === "primary" ? pal.button
        : kind === "quiet" ? (onHeader ? pal.quietOnHeader : pal.quiet)
        : pal.secondary
    readonly property color ink: selected ? pal.selectedText
        : kind === "primary" ? pal.buttonText
        : kind === "quiet" ? (onHeader ? pal.quietOnHeaderText : pal.quietText)
        : pal.secondaryText
    readonly property color edge: selected ? pal.selected
        : kind === "primary" ? pal.button
        : kind === "quiet" ? (onHeader ? pal.quietOnHeaderLine : pal.quietLine)
        : pal.secondaryLine

    implicitWidth: Math.max(Theme.minTouchTarget * 1.5 * u, label.implicitWidth + 56 * u)
    implicitHeight: Math.max(Theme.minTouchTarget * u, label.implicitHeight + 24 * u)
    radius: 12 * u
    color: tap.pressed ? (pal.highContrast ? pal.line : Qt.darker(face, 1.15)) : face
    border.color: edge
    border.width: (kind === "secondary" || pal.highContrast ? 3 : 2) * u

    Text {
        id: label
        objectName: button.objectName + "Label"
        anchors.centerIn: parent
        width: Math.min(implicitWidth, button.width - 24 * button.u)
        horizontalAlignment: Text.AlignHCenter
        elide: Text.ElideRight
        color: tap.pressed && button.pal.highContrast ? button.pal.paper : button.ink
        font.pixelSize: Theme.metaSize * 1.15 * button.u * button.textScale
        font.bold: button.kind !== "quiet" || button.selected
    }
    TapHandler {
        id: tap
        onTapped: button.tapped()
    }
}
