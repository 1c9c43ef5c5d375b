import QtQuick
import QtQuick.Window
import "components"

// The LED display: one slide at a time, the date and time always visible. No input.
// State comes from `vm` (kiosk.qt.signage.SignageViewModel).
Window {
    id: root
    required property var vm
    objectName: "signageWindow"
    title: "党务公开 · 信息屏"
    color: Theme.ledBackground
    readonly property real u: Math.min(width / 1536, height / 768)

    Rectangle {
        id: band
        objectName: "categoryBand"
        anchors { left: parent.left; right: parent.right; top: parent.top }
        height: 96 * root.u
        color: root.vm.hasSlide ? root.vm.categoryColor : "#333333"
        Text {
            objectName: "categoryName"
            anchors { left: parent.left; leftMargin: 40 * root.u; verticalCenter: parent.verticalCenter }
            text: root.vm.hasSlide ? root.vm.categoryName : "党务公开"
            color: Theme.ledText
            font.pixelSize: 48 * root.u
            font.bold: true
        }
        Text {
            objectName: "clock"
            anchors { right: parent.right; rightMargin: 40 * root.u; verticalCenter: parent.verticalCenter }
            text: root.vm.clockDate + "  " + root.vm.clockTime
            color: Theme.ledText
            font.pixelSize: 40 * root.u
            font.bold: true
        }
    }

    Item {
        id: slide
        objectName: "slide"
        anchors { left: parent.left; right: parent.right; top: band.bottom; bottom: parent.bottom; margins: 40 * root.u }
        visible: root.vm.hasSlide

        Image {
            id: picture
            objectName: "slideImage"
            anchors { right: parent.right; top: parent.top; bottom: parent.bottom }
            width: source != "" ? parent.width * 0.38 : 0
            visible: source != ""
            source: root.vm.imageSource
            fillMode: Image.PreserveAspectFit
            asynchronous: true
            sourceSize.width: 1200
        }
        Column {
            anchors { left: parent.left; right: picture.left; rightMargin: picture.visible ? 40 * root.u : 0; top: parent.top }
            spacing: 20 * root.u
            Text {
                objectName: "slideTitle"
                width: parent.width
                text: root.vm.title
                wrapMode: Text.Wrap
                maximumLineCount: 2
                elide: Text.ElideRight
                color: Theme.ledText
                font.pixelSize: 76 * root.u
                font.bold: true
            }
            Text {
                objectName: "slideMeta"
                width: parent.width
                text: root.vm.unitName + "  ·  " + root.vm.dateText + (root.vm.revisedText ? "  ·  " + root.vm.revisedText : "")
                color: "#FFD54F"
                font.pixelSize: 38 * root.u
            }
            Text {
                objectName: "slideSummary"
                width: parent.width
                text: root.vm.summary
                wrapMode: Text.Wrap
                maximumLineCount: 6
                elide: Text.ElideRight
                lineHeight: 1.2
                color: Theme.ledMuted
                font.pixelSize: 50 * root.u
            }
        }
    }

    Text {
        anchors.centerIn: parent
        visible: !root.vm.hasSlide
        text: "暂无公开内容"
        color: Theme.ledMuted
        font.pixelSize: 56 * root.u
    }
}
