pragma ComponentBehavior: Bound
import QtQuick
import Kiosk
import "../components"

// The unlocked overlay: the kiosk's state on the left, the actions on the right.
Rectangle {
    id: panel
    required property AdminOverlay overlay
    property real u: 1

    objectName: "adminPanel"
    radius: 20 * u
    color: "#FFFFFF"

    Text {
        id: title
        anchors { left: parent.left; top: parent.top; margins: 36 * panel.u }
        text: qsTr("管理员 · 终端状态")
        color: Theme.ink
        font.pixelSize: Theme.headingSize * panel.u
        font.bold: true
    }
    Flickable {
        objectName: "adminStatusList"
        anchors { left: parent.left; right: actions.left; top: title.bottom; bottom: message.top; margins: 36 * panel.u }
        contentHeight: rows.implicitHeight
        clip: true
        boundsBehavior: Flickable.StopAtBounds
        Column {
            id: rows
            width: parent.width
            spacing: 10 * panel.u
            Repeater {
                model: panel.overlay.rows
                Row {
                    id: line
                    required property var modelData
                    required property int index
                    objectName: "adminRow" + index
                    width: rows.width
                    spacing: 20 * panel.u
                    Text {
                        width: 300 * panel.u
                        text: line.modelData.label
                        color: Theme.muted
                        font.pixelSize: Theme.metaSize * panel.u
                        wrapMode: Text.Wrap
                    }
                    Text {
                        width: line.width - 320 * panel.u
                        // Values may carry a store's error text: shown as plain text only.
                        textFormat: Text.PlainText
                        text: line.modelData.value
                        color: Theme.ink
                        font.pixelSize: Theme.metaSize * panel.u
                        wrapMode: Text.WrapAnywhere
                    }
                }
            }
        }
    }
    Text {
        id: message
        objectName: "adminMessage"
        anchors { left: parent.left; right: actions.left; bottom: parent.bottom; margins: 36 * panel.u }
        textFormat: Text.PlainText
        wrapMode: Text.WrapAnywhere
        maximumLineCount: 2
        elide: Text.ElideRight
        text: panel.overlay.message
        color: Theme.accent
        font.pixelSize: Theme.metaSize * panel.u
    }
    Column {
        id: actions
        anchors { right: parent.right; top: parent.top; margins: 36 * panel.u }
        width: 420 * panel.u
        spacing: 18 * panel.u
        AdminButton { objectName: "adminSyncNow"; u: panel.u; width: actions.width; text: qsTr("立即同步"); onTapped: panel.overlay.syncNow() }
        AdminButton { objectName: "adminSendFeedback"; u: panel.u; width: actions.width; text: qsTr("立即发送意见"); onTapped: panel.overlay.sendFeedbackNow() }
        AdminButton { objectName: "adminReload"; u: panel.u; width: actions.width; text: qsTr("重新载入内容"); onTapped: panel.overlay.reloadContent() }
        AdminButton { objectName: "adminScreenshot"; u: panel.u; width: actions.width; text: qsTr("截取所有屏幕"); onTapped: panel.overlay.screenshot() }
        AdminButton { objectName: "adminRefresh"; u: panel.u; width: actions.width; text: qsTr("刷新状态"); onTapped: panel.overlay.refresh() }
        AdminButton { objectName: "adminRestart"; u: panel.u; width: actions.width; danger: true; text: qsTr("重新启动"); onTapped: panel.overlay.restart() }
        AdminButton { objectName: "adminExit"; u: panel.u; width: actions.width; danger: true; text: qsTr("退出到桌面"); onTapped: panel.overlay.exitToDesktop() }
        AdminButton { objectName: "adminClose"; u: panel.u; width: actions.width; text: qsTr("关闭并锁定"); onTapped: panel.overlay.close() }
    }
}
