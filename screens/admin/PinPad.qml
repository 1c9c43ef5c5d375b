pragma ComponentBehavior: Bound
import QtQuick
import Kiosk
import "../components"

// The PIN pad: dots for the digits typed (never the digits), large digit buttons.
Rectangle {
    id: pad
    required property AdminOverlay overlay
    property real u: 1

    objectName: "adminPinPad"
    width: 720 * u
    height: column.implicitHeight + 80 * u
    radius: 20 * u
    color: "#FFFFFF"

    Column {
        id: column
        anchors { top: parent.top; topMargin: 40 * pad.u; horizontalCenter: parent.horizontalCenter }
        spacing: 24 * pad.u

        Text {
            anchors.horizontalCenter: parent.horizontalCenter
            text: qsTr("管理员 PIN")
            color: Theme.ink
            font.pixelSize: Theme.headingSize * pad.u
            font.bold: true
        }
        Text {
            // No PIN set: no PIN could open the pad, so it says how to set one instead.
            objectName: "pinNotSet"
            anchors.horizontalCenter: parent.horizontalCenter
            width: grid.width
            visible: !pad.overlay.pinSet
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.Wrap
            textFormat: Text.PlainText
            // The command on a line of its own: it must not break at its hyphen.
            text: qsTr("未设置管理员密码：在终端运行\nkiosk set-pin")
            color: Theme.ink
            font.pixelSize: Theme.bodySize * pad.u
        }
        Text {
            objectName: "pinDots"
            visible: pad.overlay.pinSet
            anchors.horizontalCenter: parent.horizontalCenter
            height: Theme.headingSize * 1.4 * pad.u
            text: pad.overlay.checking ? qsTr("正在核对…") : "●".repeat(pad.overlay.typed)
            color: Theme.ink
            font.pixelSize: Theme.headingSize * pad.u
        }
        Text {
            objectName: "pinMessage"
            anchors.horizontalCenter: parent.horizontalCenter
            width: grid.width
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.Wrap
            textFormat: Text.PlainText
            text: pad.overlay.message
            color: Theme.accent
            font.pixelSize: Theme.metaSize * pad.u
        }
        Grid {
            id: grid
            objectName: "pinDigits"
            visible: pad.overlay.pinSet
            anchors.horizontalCenter: parent.horizontalCenter
            columns: 3
            spacing: 20 * pad.u
            Repeater {
                model: ["1", "2", "3", "4", "5", "6", "7", "8", "9"]
                AdminButton {
                    required property string modelData
                    objectName: "pinDigit" + modelData
                    u: pad.u
                    width: 190 * pad.u; height: 120 * pad.u
                    text: modelData
                    onTapped: pad.overlay.pressDigit(modelData)
                }
            }
            AdminButton {
                objectName: "pinErase"
                u: pad.u; width: 190 * pad.u; height: 120 * pad.u
                text: qsTr("删除")
                onTapped: pad.overlay.erase()
            }
            AdminButton {
                objectName: "pinDigit0"
                u: pad.u; width: 190 * pad.u; height: 120 * pad.u
                text: "0"
                onTapped: pad.overlay.pressDigit("0")
            }
            AdminButton {
                objectName: "pinSubmit"
                u: pad.u; width: 190 * pad.u; height: 120 * pad.u
                text: qsTr("确定")
                onTapped: pad.overlay.submit()
            }
        }
        AdminButton {
            objectName: "pinCancel"
            anchors.horizontalCenter: parent.horizontalCenter
            u: pad.u; width: grid.width; danger: true
            text: qsTr("取消")
            onTapped: pad.overlay.close()
        }
    }
}
