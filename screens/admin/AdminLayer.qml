pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// Over the whole touch screen: an invisible corner that counts taps, and, once the gesture
// is made, a shade that takes every touch (nothing reaches the visitor's pages) with the
// PIN pad or the status panel on it. All state is in the AdminOverlay view model.
Item {
    id: layer
    required property AdminOverlay overlay
    property real u: 1

    objectName: "adminLayer"

    // The top-right corner: its taps are counted without being taken from what lies under it.
    Item {
        objectName: "adminCorner"
        anchors { top: parent.top; right: parent.right }
        width: 96 * layer.u
        height: 96 * layer.u
        TapHandler {
            grabPermissions: PointerHandler.ApprovesTakeOverByAnything
            gesturePolicy: TapHandler.DragThreshold
            onTapped: layer.overlay.cornerTapped()
        }
    }

    Rectangle {
        objectName: "adminShade"
        anchors.fill: parent
        visible: layer.overlay.state !== AdminOverlay.Closed
        color: "#CC101418"
        MouseArea {
            // Takes every press and wheel turn: the pages under the overlay get none.
            anchors.fill: parent
            onPressed: layer.overlay.touched()
            onWheel: (wheel) => { wheel.accepted = true }
        }
        PinPad {
            anchors.centerIn: parent
            visible: layer.overlay.state === AdminOverlay.Pin
            overlay: layer.overlay
            u: layer.u
        }
        Loader {
            objectName: "adminPanelLoader"
            anchors { fill: parent; margins: 40 * layer.u }
            active: layer.overlay.state === AdminOverlay.Open
            sourceComponent: Component { StatusPanel { overlay: layer.overlay; u: layer.u } }
        }
    }
}
