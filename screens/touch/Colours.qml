pragma ComponentBehavior: Bound
import QtQuick
import "../components"

// The touch screen's colours, normal or high contrast (for visitors who see less well, and
// care mode). Touch.qml makes one and hands it to every page.
//
// Buttons come in three weights (TouchButton.kind): primary, the one thing a page is for
// (search, send), filled in the office red; secondary, a real choice (the opinion box,
// read aloud), white with a red outline; quiet, the many small choices (ratings, unit
// chips, header tools), a thin outline only.
//
// High contrast (and care mode, which turns it on): white or yellow on black, black on
// yellow, every text/background pair above 15:1. The ageing-friendly guidelines (MIIT
// 2021, 《移动互联网应用（APP）适老化通用设计规范》 1.3, and 《互联网网站适老化通用设计规范》,
// which asks a high-contrast background option) want at least 4.5:1 for text (3:1 above
// 18 dp); the care-mode test computes the ratio of every text drawn against what lies
// behind it.
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
    readonly property color mark: highContrast ? "#FFE600" : Theme.accent
    readonly property int cardBorder: highContrast ? 4 : 2

    // primary
    readonly property color button: highContrast ? "#FFE600" : Qt.darker(Theme.accent, 1.3)
    readonly property color buttonText: highContrast ? "#000000" : "#FFFFFF"
    // secondary
    readonly property color secondary: highContrast ? "#000000" : Theme.card
    readonly property color secondaryText: highContrast ? "#FFE600" : Theme.accent
    readonly property color secondaryLine: highContrast ? "#FFE600" : Theme.accent
    // quiet, on paper and on the header's red
    readonly property color quiet: highContrast ? "#000000" : Theme.card
    readonly property color quietText: highContrast ? "#FFFFFF" : Theme.ink
    readonly property color quietLine: highContrast ? "#FFFFFF" : Theme.line
    readonly property color quietOnHeader: highContrast ? "#000000" : Qt.darker(Theme.accent, 1.15)
    readonly property color quietOnHeaderText: highContrast ? "#FFE600" : "#FFFFFF"
    readonly property color quietOnHeaderLine: highContrast ? "#FFE600" : Qt.lighter(Theme.accent, 1.6)
    // selected (a chip or switch that is on)
    readonly property color selected: highContrast ? "#FFFFFF" : Theme.ink
    readonly property color selectedText: highContrast ? "#000000" : "#FFFFFF"
}
