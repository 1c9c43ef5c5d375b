pragma ComponentBehavior: Bound
import QtQuick
import Kiosk
import "../components"

// The five-level one-tap rating: a question, then 非常满意 … 非常不满意.
// Used on the home page, on every item page and in the opinion box. A tap only emits
// `rated(key)`; the page hands it to its view model. The in-place answer (thanks, or
// "too often, try again in n seconds") and how long it stays come from the view model
// (`fvm.ratingNotice`, kiosk/qt/feedback/); it takes the buttons' place, same size,
// so nothing around it moves.
Flow {
    id: row
    required property FeedbackViewModel fvm
    required property Colours pal
    required property real u
    property real textScale: 1
    property string question
    property bool questionBold: true
    property real questionSize: Theme.headingSize
    signal rated(string key)
    // The width of question and buttons on one line (a centred row sets its width to this).
    readonly property real naturalWidth: (question !== "" ? questionText.implicitWidth + spacing : 0) + buttons.width + 1

    objectName: "ratingRow"
    spacing: 28 * u

    Text {
        id: questionText
        objectName: "ratingQuestion"
        visible: row.question !== ""
        width: Math.min(implicitWidth, row.width)
        height: Math.max(implicitHeight, buttons.height)
        verticalAlignment: Text.AlignVCenter
        wrapMode: Text.Wrap
        textFormat: Text.PlainText
        text: row.question
        color: row.pal.ink
        font.pixelSize: row.questionSize * row.u * row.textScale
        font.bold: row.questionBold
    }
    Item {
        width: buttons.width
        height: buttons.height
        Row {
            id: buttons
            objectName: "ratingButtons"
            spacing: 20 * row.u
            visible: row.fvm.ratingNotice === ""
            opacity: row.fvm.ratingBusy ? 0.5 : 1
            Repeater {
                model: row.fvm.ratings
                delegate: TouchButton {
                    required property var modelData
                    objectName: "rating-" + modelData.key
                    kind: "quiet"
                    pal: row.pal
                    u: row.u
                    textScale: row.textScale
                    text: modelData.name
                    onTapped: row.rated(modelData.key)
                }
            }
        }
        Text {
            objectName: "ratingNotice"
            visible: row.fvm.ratingNotice !== ""
            anchors { left: parent.left; right: parent.right; verticalCenter: parent.verticalCenter }
            wrapMode: Text.Wrap
            textFormat: Text.PlainText
            text: row.fvm.ratingNotice === "thanks" ? qsTr("感谢您的评价！")
                : row.fvm.ratingNotice === "limited" ? qsTr("提交太频繁，请 %1 秒后再试").arg(row.fvm.ratingRetryIn)
                : row.fvm.ratingNotice === "failed" ? qsTr("暂时无法保存您的评价，请稍后再试")
                : ""
            color: row.fvm.ratingNotice === "thanks" ? row.pal.ink : row.pal.accent
            font.pixelSize: Theme.headingSize * row.u * row.textScale
            font.bold: true
        }
    }
}
