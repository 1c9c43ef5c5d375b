pragma ComponentBehavior: Bound
import QtQuick
import Kiosk
import "../components"

// On the opinion box: a visitor types the reference the thank-you page gave them and is
// told what this kiosk knows of it (kiosk.qt.feedback.lookup says what that can be).
Column {
    id: check
    required property ReferenceLookup lookup
    required property Colours pal
    required property real u
    property real ts: 1
    objectName: "referenceCheck"
    spacing: 16 * u

    Text {
        width: parent.width
        text: qsTr("查询意见处理情况：输入提交后得到的编号")
        wrapMode: Text.Wrap
        color: check.pal.ink
        font.pixelSize: Theme.bodySize * check.u * check.ts
        font.bold: true
    }
    Row {
        spacing: 24 * check.u
        Rectangle {
            width: 420 * check.u
            height: 96 * check.u
            radius: 12 * check.u
            color: check.pal.card
            border.color: code.activeFocus ? check.pal.accent : check.pal.line
            border.width: 3 * check.u
            TextInput {
                id: code
                objectName: "referenceField"
                anchors { fill: parent; leftMargin: 24 * check.u; rightMargin: 24 * check.u }
                verticalAlignment: TextInput.AlignVCenter
                clip: true
                maximumLength: 12
                // Letters and digits only, nothing learnt (as every field of the kiosk).
                inputMethodHints: Qt.ImhPreferUppercase | Qt.ImhNoPredictiveText | Qt.ImhSensitiveData | Qt.ImhLatinOnly
                color: check.pal.ink
                font.pixelSize: Theme.bodySize * check.u * check.ts
                onAccepted: check.lookup.lookUp(text)
            }
            Text {
                anchors { left: parent.left; leftMargin: 24 * check.u; verticalCenter: parent.verticalCenter }
                visible: code.text === "" && !code.activeFocus
                text: qsTr("如 ABC-DEF")
                color: check.pal.muted
                font.pixelSize: Theme.bodySize * check.u * check.ts
            }
        }
        TouchButton {
            objectName: "referenceLookUp"
            anchors.verticalCenter: parent.verticalCenter
            u: check.u; pal: check.pal; textScale: check.ts
            text: qsTr("查询")
            onTapped: check.lookup.lookUp(code.text)
        }
    }
    Text {
        objectName: "referenceAnswer"
        width: parent.width
        visible: text !== ""
        wrapMode: Text.Wrap
        textFormat: Text.PlainText
        color: check.lookup.status === "invalid" ? check.pal.accent : check.pal.ink
        font.pixelSize: Theme.bodySize * check.u * check.ts
        text: check.lookup.status === "invalid" ? qsTr("编号是六位字母和数字，如 ABC-DEF，请核对后再查。")
            : check.lookup.status === "looking" ? qsTr("正在查询…")
            : check.lookup.status === "waiting" ? qsTr("%1：已在本机收到，尚未送达办公室（网络恢复后自动发送）。").arg(check.lookup.reference)
            : check.lookup.status === "refused" ? qsTr("%1：已在本机收到，但未能送达办公室，请通过上方电话或邮箱反映。").arg(check.lookup.reference)
            : check.lookup.status === "received" ? qsTr("%1：已收到。意见已送达办公室。").arg(check.lookup.reference)
            : check.lookup.status === "handling" ? qsTr("%1：正在办理。意见已送达办公室，正在办理。").arg(check.lookup.reference)
            : check.lookup.status === "answered" ? qsTr("%1：已答复。办公室已办理并作了答复。").arg(check.lookup.reference)
            : check.lookup.status === "unknown" ? qsTr("%1：本机没有这条记录。意见送达办公室后，本机即删除副本；办理进度请通过上方电话查询。").arg(check.lookup.reference)
            : ""
    }
}
