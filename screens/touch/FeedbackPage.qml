pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Window
import Kiosk
import "../components"

// The opinion box: a one-tap rating, the written form (kind, the item it is about, text,
// optional name and telephone behind an explicit consent switch), the thank-you page with
// the reference code, and the office's published email and telephone; after a low rating,
// ReasonPanel asks why. All state and every decision live in the feedback view model
// (kiosk/qt/feedback/); this page only shows them and forwards taps.
Item {
    id: page
    required property FeedbackViewModel fvm
    required property real textScale
    required property Colours pal
    required property real u
    readonly property real ts: Math.min(page.textScale, 1.25)
    objectName: "feedbackPage"
    // The touch window takes the keyboard focus from the signage window, so that a tap on
    // a field gives it the focus and opens the keyboard.
    Component.onCompleted: Window.window.requestActivate()

    component Label: Text {
        color: page.pal.ink
        wrapMode: Text.Wrap
        textFormat: Text.PlainText
        font.pixelSize: Theme.bodySize * page.u * page.ts
    }

    // -- the form ---------------------------------------------------------------------
    Flickable {
        id: formView
        objectName: "feedbackForm"
        visible: page.fvm.state === "form" || page.fvm.state === "sending"
        anchors { fill: parent; leftMargin: 160 * page.u; rightMargin: 160 * page.u; topMargin: 32 * page.u }
        contentHeight: form.height + 32 * page.u
        clip: true
        boundsBehavior: Flickable.StopAtBounds

        // The field being typed into stays in view: when the focus moves to it, and when
        // the keyboard opens and the page shrinks to the space above it (Touch.qml).
        readonly property Item focused: Window.activeFocusItem
        // And when the form grows: a page opened with the keyboard already up gives the
        // focus to its field before the form is laid out, when nothing needs scrolling yet.
        onFocusedChanged: formView.reveal()
        onHeightChanged: formView.reveal()
        onContentHeightChanged: formView.reveal()
        function reveal(): void {
            let row = formView.focused
            // The whole frame of a field comes into view, not only its line of text.
            while (row !== null && row.parent !== form)
                row = row.parent
            if (row === null || !row.visible)
                return
            const margin = 16 * page.u
            const lowest = Math.max(0, formView.contentHeight - formView.height)
            if (row.y + row.height + margin > formView.contentY + formView.height)
                formView.contentY = Math.min(lowest, row.y + row.height + margin - formView.height)
            if (row.y - margin < formView.contentY)
                formView.contentY = Math.max(0, row.y - margin)
        }

        Column {
            id: form
            width: formView.width
            spacing: 28 * page.u

            RatingRow {
                width: parent.width
                fvm: page.fvm
                pal: page.pal
                u: page.u
                textScale: page.ts
                question: qsTr("您对我们的公开工作满意吗？点一下即可评价")
                onRated: (key) => page.fvm.rate(key)
            }

            Rectangle { width: parent.width; height: 2 * page.u; color: page.pal.line }

            Label {
                width: parent.width
                text: qsTr("欢迎对党务公开工作提出意见和建议")
                font.pixelSize: Theme.headingSize * page.u * page.ts
                font.bold: true
            }
            Row {
                visible: page.fvm.aboutTitle !== ""
                spacing: 24 * page.u
                Label {
                    objectName: "feedbackAbout"
                    width: form.width - removeAbout.width - 24 * page.u
                    anchors.verticalCenter: parent.verticalCenter
                    text: qsTr("关于：%1").arg(page.fvm.aboutTitle)
                    color: page.pal.muted
                }
                TouchButton {
                    id: removeAbout
                    objectName: "feedbackRemoveAbout"
                    kind: "quiet"
                    pal: page.pal
                    u: page.u
                    textScale: page.ts
                    text: qsTr("不针对此条")
                    onTapped: page.fvm.removeAbout()
                }
            }
            Row {
                spacing: 20 * page.u
                Repeater {
                    model: page.fvm.kinds
                    delegate: TouchButton {
                        required property var modelData
                        objectName: "feedbackKind-" + modelData.key
                        kind: "quiet"
                        pal: page.pal
                        u: page.u
                        textScale: page.ts
                        text: modelData.name
                        selected: page.fvm.kind === modelData.key
                        onTapped: page.fvm.setKind(modelData.key)
                    }
                }
            }
            Rectangle {
                objectName: "feedbackTextBox"
                width: parent.width
                height: 300 * page.u
                radius: 12 * page.u
                color: page.pal.card
                border.color: textEdit.activeFocus ? page.pal.accent : page.pal.line
                border.width: 3 * page.u
                // A long text scrolls inside its box, and the line being typed stays in view.
                Flickable {
                    id: textView
                    objectName: "feedbackTextView"
                    anchors { fill: parent; margins: 24 * page.u; bottomMargin: 56 * page.u }
                    contentWidth: width
                    contentHeight: textEdit.height
                    clip: true
                    // It follows the cursor, not the finger: a finger on the box scrolls the
                    // page (a flickable inside a flickable keeps the drag to itself).
                    interactive: false
                    function follow(cursor: rect): void {
                        if (textView.contentY >= cursor.y)
                            textView.contentY = cursor.y
                        else if (textView.contentY + textView.height <= cursor.y + cursor.height)
                            textView.contentY = cursor.y + cursor.height - textView.height
                    }
                    TextEdit {
                        id: textEdit
                        objectName: "feedbackText"
                        width: textView.width
                        height: Math.max(textView.height, contentHeight)
                        wrapMode: TextEdit.Wrap
                        textFormat: TextEdit.PlainText
                        // A finger dragging on the box scrolls the page; it never selects.
                        selectByMouse: false
                        text: page.fvm.text
                        color: page.pal.ink
                        font.pixelSize: Theme.bodySize * page.u * page.ts
                        onTextChanged: if (text !== page.fvm.text) page.fvm.setText(text)
                        onCursorRectangleChanged: textView.follow(cursorRectangle)
                    }
                }
                Text {
                    anchors { left: parent.left; top: parent.top; margins: 24 * page.u }
                    visible: textEdit.text === "" && !textEdit.activeFocus
                    text: qsTr("请写下您的意见或建议（%1–%2 字）").arg(page.fvm.minLength).arg(page.fvm.maxLength)
                    color: page.pal.muted
                    font.pixelSize: Theme.bodySize * page.u * page.ts
                }
                Text {
                    objectName: "feedbackCount"
                    anchors { right: parent.right; bottom: parent.bottom; margins: 16 * page.u }
                    text: page.fvm.textLength + " / " + page.fvm.maxLength
                    color: page.fvm.textLength > page.fvm.maxLength ? page.pal.accent : page.pal.muted
                    font.pixelSize: Theme.metaSize * page.u * page.ts
                }
            }
            TouchButton {
                objectName: "feedbackConsent"
                pal: page.pal
                u: page.u
                textScale: page.ts
                selected: page.fvm.consent
                text: (page.fvm.consent ? "☑ " : "☐ ") + qsTr("留下姓名和电话以便答复（我同意保存，答复后删除）")
                onTapped: page.fvm.setConsent(!page.fvm.consent)
            }
            Row {
                visible: page.fvm.consent
                spacing: 24 * page.u
                InputLine {
                    objectName: "feedbackNameField"
                    input.objectName: "feedbackName"
                    width: (form.width - 24 * page.u) / 2
                    pal: page.pal
                    u: page.u
                    ts: page.ts
                    value: page.fvm.name
                    hint: qsTr("姓名（可不填）")
                    onEdited: (text) => page.fvm.setName(text)
                }
                InputLine {
                    objectName: "feedbackPhoneField"
                    input.objectName: "feedbackPhone"
                    input.inputMethodHints: Qt.ImhDialableCharactersOnly
                    width: (form.width - 24 * page.u) / 2
                    pal: page.pal
                    u: page.u
                    ts: page.ts
                    value: page.fvm.phone
                    hint: qsTr("电话（可不填）")
                    onEdited: (text) => page.fvm.setPhone(text)
                }
            }
            Label {
                objectName: "feedbackMessage"
                width: parent.width
                visible: text !== ""
                text: page.fvm.message
                color: page.pal.accent
                font.bold: true
            }
            TouchButton {
                objectName: "feedbackSubmit"
                kind: "primary"
                pal: page.pal
                u: page.u
                textScale: page.ts
                opacity: page.fvm.state === "sending" ? 0.5 : 1
                text: page.fvm.state === "sending" ? qsTr("正在提交…") : qsTr("提交意见")
                onTapped: page.fvm.submit()
            }
            Column {
                spacing: 8 * page.u
                Label { text: qsTr("也可以通过以下方式反映："); color: page.pal.muted; visible: page.fvm.contactLines.length > 0 }
                Repeater {
                    model: page.fvm.contactLines
                    delegate: Label {
                        required property var modelData
                        objectName: "contact-" + modelData.kind
                        text: modelData.label + "    " + modelData.value
                        font.bold: true
                    }
                }
            }
            ReferenceCheck { width: parent.width; lookup: page.fvm.lookup; pal: page.pal; u: page.u; ts: page.ts }
        }
    }
    ScrollHint { flickable: formView; pal: page.pal; u: page.u; visible: formView.visible && showing }

    // -- a low rating: why? (optional) --------------------------------------------------
    ReasonPanel {
        visible: page.fvm.state === "reason"
        anchors { fill: parent; leftMargin: 160 * page.u; rightMargin: 160 * page.u; topMargin: 60 * page.u }
        fvm: page.fvm
        pal: page.pal
        u: page.u
        ts: page.ts
    }

    // -- thank you ----------------------------------------------------------------------
    Column {
        objectName: "feedbackThanks"
        visible: page.fvm.state === "thanks"
        anchors { centerIn: parent }
        width: 1400 * page.u
        spacing: 40 * page.u
        Label {
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            text: qsTr("感谢您的意见！")
            font.pixelSize: Theme.titleSize * page.u * page.ts
            font.bold: true
        }
        Label {
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            text: qsTr("查询编号")
            color: page.pal.muted
        }
        Label {
            objectName: "feedbackReference"
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            text: page.fvm.reference
            font.pixelSize: Theme.titleSize * 1.4 * page.u
            font.bold: true
            font.letterSpacing: 8 * page.u
        }
        Label {
            objectName: "feedbackFollowUp"
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            visible: page.fvm.followUp
            text: qsTr("我们将在 %1 个工作日内处理。").arg(page.fvm.followUpDays)
        }
        TouchButton {
            objectName: "feedbackNew"
            kind: "primary"
            anchors.horizontalCenter: parent.horizontalCenter
            pal: page.pal
            u: page.u
            textScale: page.ts
            text: qsTr("继续留言")
            onTapped: page.fvm.newFeedback()
        }
    }
}
