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
    // Touch targets: 96 px at 1080p. The ageing-friendly guideline for apps (MIIT 2021,
    // 《移动互联网应用（APP）适老化通用设计规范》 2.1) asks at least 60 × 60 dp for the main
    // controls of the ageing-friendly interface (44 × 44 dp elsewhere). A dp is 1/160 inch
    // (0.159 mm); a 1080p lobby screen of 21.5 inches or more has pixels of 0.248 mm or
    // larger, so a pixel here is at least one dp, and 96 px is more than 60 dp.
    readonly property int minTouchTarget: 96
    // Care mode's smallest text: 30 px at 1080p. The same guideline (1.1) asks main text of
    // at least 18 dp in the ageing-friendly interface and a largest offered size of at
    // least 30 dp; care mode is that largest size (the base sizes above × 1.5, and never
    // below this), so it meets both.
    readonly property int careTextSize: 30
}
