pragma ComponentBehavior: Bound
pragma Singleton
import QtQuick

// Colours and type sizes shared by the screens. Sizes are for a 1080-pixel-high screen;
// each screen multiplies them by its own scale factor.
QtObject {
    readonly property color paper: "#F5F2EA"
    readonly property color ink: "#1F1B16"
    readonly property color muted: "#5C554B"
    readonly property color line: "#D8D1C2"
    readonly property color accent: "#B71C1C"
    readonly property color card: "#FFFFFF"

    readonly property color ledBackground: "#000000"
    readonly property color ledText: "#FFFFFF"
    readonly property color ledMuted: "#C9C9C9"

    readonly property int titleSize: 52
    readonly property int headingSize: 40
    readonly property int bodySize: 30
    readonly property int metaSize: 26
    readonly property int minTouchTarget: 96
}
