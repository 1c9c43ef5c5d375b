pragma ComponentBehavior: Bound
import QtQuick
import "../components"

// The touch screen's colours, normal or high contrast (for visitors who see less well).
// Touch.qml makes one and hands it to every page.
QtObject {
    property bool highContrast: false
    readonly property color paper: highContrast ? "#000000" : Theme.paper
    readonly property color ink: highContrast ? "#FFFFFF" : Theme.ink
    readonly property color muted: highContrast ? "#FFFFFF" : Theme.muted
    readonly property color line: highContrast ? "#FFFFFF" : Theme.line
    readonly property color card: highContrast ? "#000000" : Theme.card
    readonly property color accent: highContrast ? "#FFE600" : Theme.accent
    readonly property color header: highContrast ? "#000000" : Theme.accent
    readonly property color headerText: highContrast ? "#FFE600" : "#FFFFFF"
    readonly property color button: highContrast ? "#FFE600" : Qt.darker(Theme.accent, 1.3)
    readonly property color buttonText: highContrast ? "#000000" : "#FFFFFF"
    readonly property color mark: highContrast ? "#FFE600" : Theme.accent
    readonly property int cardBorder: highContrast ? 4 : 2
}
