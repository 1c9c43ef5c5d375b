pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Window
import Kiosk
import "components"

// The LED display: one slide at a time, the date and time always visible, urgent
// notices in a ticker. No input. State comes from `vm` (kiosk.qt.signage.SignageViewModel).
Window {
    id: root
    required property SignageViewModel vm
    objectName: "signageWindow"
    title: qsTr("党务公开 · 信息屏")
    color: Theme.ledBackground
    readonly property real u: Math.min(width / 1536, height / 768)
    // Which of the two slide views is in front; the other fades out behind it.
    property bool frontIsA: true

    function metaText() {
        var parts = [vm.unitName, vm.dateText]
        if (vm.revisedText !== "")
            parts.push(vm.revisedText)
        return parts.join("  ·  ")
    }

    function load(view) {
        view.title = vm.title
        view.lines = vm.lines
        view.textPx = vm.textPx
        view.titlePx = vm.titlePx
        view.lineHeight = vm.lineHeight
        view.meta = metaText()
        view.pageText = vm.pageText
        view.imageSource = vm.imageSource
        view.qrSource = vm.qrSource
    }

    // Pages are cut in Python (kiosk.wall) to fit this stage at the minimum type size.
    function reportTextArea() {
        vm.setStage(stage.width, stage.height, root.u)
    }

    // Each new slide goes into the view at the back, which then fades in over the other.
    Connections {
        target: root.vm
        function onSlideChanged() {
            var incoming = root.frontIsA ? slideB : slideA
            root.load(incoming)
            root.frontIsA = !root.frontIsA
        }
    }
    Connections {
        target: stage
        function onWidthChanged() { root.reportTextArea() }
        function onHeightChanged() { root.reportTextArea() }
    }
    Component.onCompleted: { load(slideA); reportTextArea() }

    Item {
        id: onAir
        objectName: "onAir"
        anchors.fill: parent
        visible: root.vm.displayOn

        Rectangle {
            id: band
            objectName: "categoryBand"
            anchors { left: parent.left; right: parent.right; top: parent.top }
            height: 96 * root.u
            color: root.vm.hasSlide ? root.vm.categoryColor : "#333333"
            Behavior on color { ColorAnimation { duration: 400 } }
            Row {
                anchors { left: parent.left; leftMargin: 40 * root.u; verticalCenter: parent.verticalCenter }
                spacing: 24 * root.u
                // The name gets smaller, then cut, before it runs into the badges or the clock
                // (English names are long words).
                Text {
                    id: categoryName
                    readonly property real room: band.width - 2 * 40 * root.u - clock.width - 40 * root.u
                        - (urgentBadge.visible ? urgentBadge.width + 24 * root.u : 0)
                        - (newBadge.visible ? newBadge.width + 24 * root.u : 0)
                    objectName: "categoryName"
                    anchors.verticalCenter: parent.verticalCenter
                    width: Math.min(implicitWidth, room)
                    fontSizeMode: Text.HorizontalFit
                    minimumPixelSize: 32 * root.u
                    elide: Text.ElideRight
                    text: root.vm.hasSlide ? root.vm.categoryName : qsTr("党务公开")
                    color: Theme.ledText
                    font.pixelSize: 48 * root.u
                    font.bold: true
                }
                Rectangle {
                    id: urgentBadge
                    objectName: "urgentBadge"
                    visible: root.vm.isUrgent
                    anchors.verticalCenter: parent.verticalCenter
                    width: urgentLabel.width + 32 * root.u
                    height: 60 * root.u
                    radius: 8 * root.u
                    color: "#FFD54F"
                    Text { id: urgentLabel; objectName: "urgentLabel"; anchors.centerIn: parent; text: qsTr("紧急"); color: "#B71C1C"; font.pixelSize: 40 * root.u; font.bold: true }
                }
                Rectangle {
                    id: newBadge
                    objectName: "newBadge"
                    visible: root.vm.isNew && !root.vm.isUrgent
                    anchors.verticalCenter: parent.verticalCenter
                    width: newLabel.width + 32 * root.u
                    height: 60 * root.u
                    radius: 8 * root.u
                    color: "white"
                    Text { id: newLabel; anchors.centerIn: parent; text: qsTr("新"); color: "#B71C1C"; font.pixelSize: 40 * root.u; font.bold: true }
                }
            }
            Text {
                id: clock
                objectName: "clock"
                anchors { right: parent.right; rightMargin: 40 * root.u; verticalCenter: parent.verticalCenter }
                text: root.vm.clockDate + "  " + root.vm.clockTime
                color: Theme.ledText
                font.pixelSize: 40 * root.u
                font.bold: true
            }
        }

        // While the content is stale, a strip of its own under the band says since when: in
        // the band it ran into the date and time beside a long category name.
        Rectangle {
            id: staleBar
            objectName: "staleBar"
            anchors { left: parent.left; right: parent.right; top: band.bottom }
            visible: root.vm.staleText !== ""
            height: visible ? 60 * root.u : 0
            color: "#263238"
            Text {
                objectName: "staleNotice"
                anchors { left: parent.left; leftMargin: 40 * root.u; verticalCenter: parent.verticalCenter }
                text: root.vm.staleText
                color: Theme.ledText
                font.pixelSize: 36 * root.u
            }
        }

        Item {
            id: stage
            anchors { left: parent.left; right: parent.right; top: staleBar.bottom; bottom: ticker.visible ? ticker.top : parent.bottom; margins: 40 * root.u }
            visible: root.vm.hasSlide
            SlideView {
                id: slideA
                objectName: "slideA"
                anchors.fill: parent
                u: root.u
                opacity: root.frontIsA ? 1 : 0
                Behavior on opacity { NumberAnimation { duration: 600; easing.type: Easing.InOutQuad } }
            }
            SlideView {
                id: slideB
                objectName: "slideB"
                anchors.fill: parent
                u: root.u
                opacity: root.frontIsA ? 0 : 1
                Behavior on opacity { NumberAnimation { duration: 600; easing.type: Easing.InOutQuad } }
            }
        }

        // Nothing to show: who the office is and how to reach it, rather than an empty panel.
        Column {
            objectName: "officeCard"
            anchors.centerIn: parent
            visible: !root.vm.hasSlide
            spacing: 20 * root.u
            Repeater {
                model: root.vm.officeLines.length > 0 ? root.vm.officeLines : [qsTr("暂无公开内容")]
                delegate: Text {
                    required property string modelData
                    required property int index
                    objectName: "officeLine"
                    anchors.horizontalCenter: parent.horizontalCenter
                    text: modelData
                    color: index === 0 ? Theme.ledText : Theme.ledMuted
                    font.pixelSize: (index === 0 ? 64 : 44) * root.u
                    font.bold: index === 0
                }
            }
        }

        Ticker {
            id: ticker
            objectName: "ticker"
            anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
            height: 80 * root.u
            u: root.u
            text: root.vm.tickerText
            speed: root.vm.tickerSpeed
        }
    }

    // Outside office hours: nothing, or a dimmed clock that does not wear the panel.
    Column {
        objectName: "offHoursClock"
        anchors.centerIn: parent
        visible: !root.vm.displayOn && root.vm.outsideHours === "clock"
        spacing: 16 * root.u
        Text {
            anchors.horizontalCenter: parent.horizontalCenter
            text: root.vm.clockTime
            color: "#5A5A5A"
            font.pixelSize: 160 * root.u
            font.bold: true
        }
        Text {
            anchors.horizontalCenter: parent.horizontalCenter
            text: root.vm.clockDate
            color: "#5A5A5A"
            font.pixelSize: 48 * root.u
        }
    }
}
