pragma ComponentBehavior: Bound
import QtQuick
import Kiosk
import "../components"

// The opinion box after a low one-tap rating: why? It offers the configured reasons, a
// typed one, sending without any, or cancelling the rating; it invites, never forces.
// The view model (kiosk/qt/feedback/) decides; this only shows its state and forwards taps.
Column {
    id: panel
    required property FeedbackViewModel fvm
    required property Colours pal
    required property real u
    property real ts: 1
    objectName: "feedbackReason"
    spacing: 32 * panel.u

    component Label: Text {
        color: panel.pal.ink
        wrapMode: Text.Wrap
        textFormat: Text.PlainText
        font.pixelSize: Theme.bodySize * panel.u * panel.ts
    }

    Label {
        width: parent.width
        text: qsTr("您选择了“%1”。能告诉我们原因吗？（可不填）").arg(panel.fvm.pendingRatingName)
        font.pixelSize: Theme.headingSize * panel.u * panel.ts
        font.bold: true
    }
    Flow {
        width: parent.width
        spacing: 20 * panel.u
        Repeater {
            model: panel.fvm.reasons
            delegate: TouchButton {
                required property var modelData
                required property int index
                objectName: "reason-" + index
                kind: "quiet"
                pal: panel.pal
                u: panel.u
                textScale: panel.ts
                text: modelData
                onTapped: panel.fvm.chooseReason(modelData)
            }
        }
    }
    InputLine {
        id: reasonField
        objectName: "feedbackReasonField"
        input.objectName: "feedbackReasonText"
        width: parent.width
        pal: panel.pal
        u: panel.u
        ts: panel.ts
        hint: qsTr("或写下原因")
    }
    Row {
        spacing: 24 * panel.u
        TouchButton {
            objectName: "feedbackSendReason"
            kind: "primary"
            pal: panel.pal
            u: panel.u
            textScale: panel.ts
            text: qsTr("提交")
            onTapped: panel.fvm.chooseReason(reasonField.input.text)
        }
        TouchButton {
            objectName: "feedbackSkipReason"
            kind: "quiet"
            pal: panel.pal
            u: panel.u
            textScale: panel.ts
            text: qsTr("不填原因，直接提交")
            onTapped: panel.fvm.chooseReason("")
        }
        TouchButton {
            objectName: "feedbackCancelRating"
            kind: "quiet"
            pal: panel.pal
            u: panel.u
            textScale: panel.ts
            text: qsTr("取消")
            onTapped: panel.fvm.cancelRating()
        }
    }
    Label {
        objectName: "feedbackReasonMessage"
        width: parent.width
        visible: text !== ""
        text: panel.fvm.message
        color: panel.pal.accent
    }
}
