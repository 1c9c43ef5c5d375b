pragma ComponentBehavior: Bound
import QtQuick
import Kiosk
import "../components"

// One item: title, unit, dates, document and index numbers, the body, images (tap to
// enlarge), PDF attachments, read aloud, and the opinion box about this item.
Flickable {
    id: reader
    required property TouchScreen screen
    required property Colours pal
    required property real u
    readonly property real ts: reader.screen.session.textScale
    objectName: "itemPage"
    clip: true
    contentWidth: width
    contentHeight: column.height + 96 * u
    flickDeceleration: 1200
    boundsBehavior: Flickable.StopAtBounds
    onMovementStarted: reader.screen.session.touched()

    Column {
        id: column
        x: 120 * reader.u
        y: 40 * reader.u
        width: reader.width - 240 * reader.u
        spacing: 24 * reader.u
        Text {
            objectName: "itemTitle"
            width: parent.width
            text: reader.screen.item.title
            textFormat: Text.PlainText
            wrapMode: Text.Wrap
            color: reader.pal.ink
            font.pixelSize: Theme.titleSize * reader.u * reader.ts
            font.bold: true
        }
        Text {
            objectName: "itemMeta"
            width: parent.width
            text: reader.screen.item.meta
            textFormat: Text.PlainText
            wrapMode: Text.Wrap
            color: reader.pal.muted
            font.pixelSize: Theme.metaSize * reader.u * reader.ts
        }
        Text {
            objectName: "itemRevised"
            visible: text !== ""
            text: reader.screen.item.revised
            textFormat: Text.PlainText
            color: reader.pal.mark
            font.pixelSize: Theme.metaSize * reader.u * reader.ts
            font.bold: true
        }
        Row {
            spacing: 24 * reader.u
            visible: reader.screen.speech.available
            TouchButton {
                objectName: "readAloudButton"
                u: reader.u; pal: reader.pal; textScale: reader.ts; kind: "primary"
                text: qsTr("朗读")
                visible: reader.screen.speech.state !== "speaking" && reader.screen.speech.state !== "paused"
                onTapped: reader.screen.item.readAloud()
            }
            TouchButton {
                objectName: "pauseButton"
                u: reader.u; pal: reader.pal; textScale: reader.ts
                visible: reader.screen.speech.state === "speaking" || reader.screen.speech.state === "paused"
                text: reader.screen.speech.state === "paused" ? qsTr("继续") : qsTr("暂停")
                onTapped: reader.screen.speech.state === "paused" ? reader.screen.speech.resume() : reader.screen.speech.pause()
            }
            TouchButton {
                objectName: "stopButton"
                u: reader.u; pal: reader.pal; textScale: reader.ts
                visible: reader.screen.speech.state === "speaking" || reader.screen.speech.state === "paused"
                text: qsTr("停止")
                onTapped: reader.screen.speech.stop()
            }
        }
        Rectangle { width: parent.width; height: 3 * reader.u; color: reader.screen.item.color }
        Text {
            objectName: "itemBody"
            width: parent.width
            text: reader.screen.item.body
            // Rich text made inert in Python (kiosk.qt.richtext): no links, no remote images.
            textFormat: Text.RichText
            wrapMode: Text.Wrap
            color: reader.pal.ink
            // At least 1.3 × the line spacing the guideline asks for paragraphs (MIIT 2021,
            // 《移动互联网应用（APP）适老化通用设计规范》 1.2: line spacing ≥ 1.3 times).
            lineHeight: 1.3
            font.pixelSize: Theme.bodySize * reader.u * reader.ts
        }
        Text {
            objectName: "itemTruncated"
            visible: reader.screen.item.truncated
            width: parent.width
            wrapMode: Text.Wrap
            text: qsTr("正文较长，此处只显示开头部分。")
            color: reader.pal.muted
            font.pixelSize: Theme.metaSize * reader.u * reader.ts
        }
        Flow {
            width: parent.width
            spacing: 24 * reader.u
            Repeater {
                model: reader.screen.item.images
                delegate: Rectangle {
                    id: thumb
                    required property string modelData
                    required property int index
                    objectName: "itemImage-" + index
                    width: (column.width - 24 * reader.u) / 2
                    height: width * 0.62
                    color: reader.pal.card
                    border.color: reader.pal.line
                    border.width: 2 * reader.u
                    Image {
                        anchors { fill: parent; margins: 8 * reader.u }
                        fillMode: Image.PreserveAspectFit
                        asynchronous: true
                        source: thumb.modelData
                        sourceSize.width: 900
                    }
                    Rectangle {
                        anchors { right: parent.right; bottom: parent.bottom; margins: 12 * reader.u }
                        width: enlargeLabel.implicitWidth + 32 * reader.u
                        height: 64 * reader.u
                        radius: 8 * reader.u
                        color: reader.pal.button
                        Text {
                            id: enlargeLabel
                            anchors.centerIn: parent
                            text: qsTr("点击放大")
                            color: reader.pal.buttonText
                            font.pixelSize: Theme.metaSize * 0.9 * reader.u
                        }
                    }
                    TapHandler { onTapped: reader.screen.item.enlargeImage(thumb.modelData) }
                }
            }
        }
        Repeater {
            model: reader.screen.item.documents
            delegate: TouchButton {
                required property var modelData
                objectName: "document-" + modelData.index
                u: reader.u; pal: reader.pal; textScale: reader.ts
                width: column.width
                height: 120 * reader.u
                text: qsTr("查看文件：%1").arg(modelData.title)
                onTapped: reader.screen.openDocument(modelData.index)
            }
        }
        // The item's public web address as a QR code, to go on reading on a phone. Drawn
        // locally (kiosk.qt.qr); the address shows as plain text, nothing opens it here.
        Row {
            objectName: "itemQr"
            visible: reader.screen.item.qrSource !== ""
            width: parent.width
            spacing: 32 * reader.u
            Rectangle {
                width: 240 * reader.u
                height: width
                color: "#FFFFFF"  // a code reads dark on light, in high contrast too
                border.color: reader.pal.line
                border.width: 2 * reader.u
                Image {
                    objectName: "itemQrImage"
                    anchors { fill: parent; margins: 8 * reader.u }
                    source: reader.screen.item.qrSource
                    sourceSize.width: 480
                    smooth: false
                }
            }
            Column {
                width: parent.width - 240 * reader.u - 32 * reader.u
                anchors.verticalCenter: parent.verticalCenter
                spacing: 12 * reader.u
                Text {
                    objectName: "itemQrCaption"
                    width: parent.width
                    text: qsTr("扫码在手机上阅读")
                    wrapMode: Text.Wrap
                    color: reader.pal.ink
                    font.pixelSize: Theme.headingSize * reader.u * reader.ts
                    font.bold: true
                }
                Text {
                    objectName: "itemWebAddress"
                    width: parent.width
                    text: reader.screen.item.webAddress
                    textFormat: Text.PlainText
                    wrapMode: Text.WrapAnywhere
                    color: reader.pal.muted
                    font.pixelSize: Theme.metaSize * reader.u * reader.ts
                }
            }
        }
        Rectangle { width: parent.width; height: 2 * reader.u; color: reader.pal.line }
        // One tap about this item (its id and the revision read go with the rating).
        RatingRow {
            objectName: "itemRating"
            width: parent.width
            fvm: reader.screen.feedback
            pal: reader.pal
            u: reader.u
            textScale: Math.min(reader.ts, 1.25)
            questionSize: Theme.metaSize * 1.15
            question: qsTr("您对这条公开内容满意吗？")
            onRated: (key) => reader.screen.rate(key)
        }
        TouchButton {
            objectName: "itemFeedbackButton"
            u: reader.u; pal: reader.pal; textScale: reader.ts
            text: qsTr("对此条内容提意见")
            onTapped: reader.screen.openFeedback()
        }
        PageEnd { width: parent.width; pal: reader.pal; u: reader.u; textScale: Math.min(reader.ts, 1.25) }
    }
    // Over the page, not scrolled with it (its parent is the Flickable itself).
    ScrollHint { parent: reader; flickable: reader; pal: reader.pal; u: reader.u; x: 0; y: 0 }
}
