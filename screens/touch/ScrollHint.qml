pragma ComponentBehavior: Bound
import QtQuick

// A view that scrolls says so: a fade over each edge beyond which there is more, and a
// thin bar showing how much of it is in view and where. Laid over the view (the same
// geometry); it takes no touches. `shade` is the colour behind the view.
Item {
    id: hint
    required property Flickable flickable
    required property Colours pal
    property real u: 1
    property color shade: pal.paper
    readonly property bool vertical: flickable.contentHeight > flickable.height + 1
    readonly property bool horizontal: flickable.contentWidth > flickable.width + 1
    readonly property bool showing: vertical || horizontal
    readonly property color clear: Qt.rgba(shade.r, shade.g, shade.b, 0)
    readonly property real fade: 40 * u
    // Not quite the background at the edge: what lies under the fade stays faintly legible.
    readonly property color edgeShade: Qt.rgba(shade.r, shade.g, shade.b, 0.85)

    objectName: "scrollHint"
    visible: showing
    x: flickable.x
    y: flickable.y
    width: flickable.width
    height: flickable.height
    z: flickable.z + 1

    Rectangle {
        objectName: "scrollHintTop"
        visible: hint.vertical && !hint.flickable.atYBeginning
        anchors { left: parent.left; right: parent.right; top: parent.top }
        height: hint.fade
        gradient: Gradient {
            GradientStop { position: 0; color: hint.edgeShade }
            GradientStop { position: 1; color: hint.clear }
        }
    }
    Rectangle {
        objectName: "scrollHintBottom"
        visible: hint.vertical && !hint.flickable.atYEnd
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
        height: hint.fade
        gradient: Gradient {
            GradientStop { position: 0; color: hint.clear }
            GradientStop { position: 1; color: hint.edgeShade }
        }
    }
    Rectangle {
        objectName: "scrollHintLeft"
        visible: hint.horizontal && !hint.flickable.atXBeginning
        anchors { left: parent.left; top: parent.top; bottom: parent.bottom }
        width: hint.fade
        gradient: Gradient {
            orientation: Gradient.Horizontal
            GradientStop { position: 0; color: hint.edgeShade }
            GradientStop { position: 1; color: hint.clear }
        }
    }
    Rectangle {
        objectName: "scrollHintRight"
        visible: hint.horizontal && !hint.flickable.atXEnd
        anchors { right: parent.right; top: parent.top; bottom: parent.bottom }
        width: hint.fade
        gradient: Gradient {
            orientation: Gradient.Horizontal
            GradientStop { position: 0; color: hint.clear }
            GradientStop { position: 1; color: hint.edgeShade }
        }
    }
    // Where the visitor is: a bar along the right edge (or the bottom, for a row).
    Rectangle {
        objectName: "scrollHintBar"
        visible: hint.vertical
        x: hint.width - width
        y: hint.flickable.visibleArea.yPosition * hint.height
        width: 8 * hint.u
        height: Math.max(48 * hint.u, hint.flickable.visibleArea.heightRatio * hint.height)
        radius: width / 2
        color: hint.pal.muted
        opacity: 0.6
    }
    Rectangle {
        objectName: "scrollHintBarX"
        visible: hint.horizontal
        x: hint.flickable.visibleArea.xPosition * hint.width
        y: hint.height - height
        width: Math.max(48 * hint.u, hint.flickable.visibleArea.widthRatio * hint.width)
        height: 6 * hint.u
        radius: height / 2
        color: hint.pal.muted
        opacity: 0.6
    }
}
