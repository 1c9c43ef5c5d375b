pragma ComponentBehavior: Bound
import QtQuick
import Kiosk
import "../components"

// The attract loop: the screen's title, one recent item at a time, and "touch to start".
// A tap on the item's card opens it; a tap anywhere else starts a visit at home.
Rectangle {
    id: page
    required property TouchScreen screen
    required property Colours pal
    required property real u
    objectName: "attractPage"
    color: pal.highContrast ? "#000000" : Theme.accent
    readonly property var highlight: page.screen.attract.highlight

    Text {
        id: heading
        anchors { horizontalCenter: parent.horizontalCenter; top: parent.top; topMargin: 110 * page.u }
        text: qsTr("市政府党务公开")
        color: page.pal.headerText
        font.pixelSize: Theme.titleSize * 1.8 * page.u
        font.bold: true
    }
    Text {
        anchors { horizontalCenter: parent.horizontalCenter; top: heading.bottom; topMargin: 24 * page.u }
        text: qsTr("公开内容 · 办事指南 · 意见建议")
        color: page.pal.headerText
        opacity: 0.9
        font.pixelSize: Theme.headingSize * page.u
    }
    Rectangle {
        id: card
        objectName: "attractCard"
        visible: page.highlight.title !== undefined
        anchors { horizontalCenter: parent.horizontalCenter; verticalCenter: parent.verticalCenter; verticalCenterOffset: 40 * page.u }
        width: 1300 * page.u
        height: 330 * page.u
        radius: 24 * page.u
        color: page.pal.card
        border.color: page.pal.line
        border.width: page.pal.cardBorder * page.u
        Rectangle {
            anchors { left: parent.left; top: parent.top; bottom: parent.bottom }
            width: 24 * page.u
            radius: 12 * page.u
            color: page.highlight.tint || Theme.accent
        }
        Column {
            anchors { left: parent.left; right: parent.right; verticalCenter: parent.verticalCenter; leftMargin: 72 * page.u; rightMargin: 56 * page.u }
            spacing: 24 * page.u
            Item {
                width: parent.width
                height: kicker.height
                Text {
                    id: kicker
                    width: parent.width - readHint.width - 24 * page.u
                    text: qsTr("最新公开") + "  ·  " + (page.highlight.category || "")
                    color: page.highlight.tint || Theme.accent
                    elide: Text.ElideRight
                    font.pixelSize: Theme.metaSize * 1.1 * page.u
                    font.bold: true
                }
                // Says the card opens: a visitor may want this very item.
                Text {
                    id: readHint
                    objectName: "attractReadHint"
                    anchors { right: parent.right; baseline: kicker.baseline }
                    text: qsTr("轻触阅读 ›")
                    color: page.pal.accent
                    font.pixelSize: Theme.metaSize * 1.1 * page.u
                    font.bold: true
                }
            }
            Text {
                objectName: "attractTitle"
                width: parent.width
                text: page.highlight.title || ""
                color: page.pal.ink
                wrapMode: Text.Wrap
                maximumLineCount: 2
                elide: Text.ElideRight
                font.pixelSize: Theme.titleSize * page.u
                font.bold: true
            }
            Text {
                text: (page.highlight.unit || "") + "  ·  " + (page.highlight.date || "")
                color: page.pal.muted
                font.pixelSize: Theme.metaSize * page.u
            }
        }
    }
    // No item to show yet: the office's name, hours and contacts, not an empty red page.
    Rectangle {
        objectName: "officeCard"
        visible: !card.visible
        anchors.fill: card
        radius: 24 * page.u
        color: page.pal.card
        border.color: page.pal.line
        border.width: page.pal.cardBorder * page.u
        Column {
            anchors.centerIn: parent
            spacing: 16 * page.u
            Repeater {
                model: page.screen.attract.officeLines.length > 0 ? page.screen.attract.officeLines : [qsTr("暂无公开事项")]
                delegate: Text {
                    required property string modelData
                    required property int index
                    objectName: "officeLine"
                    anchors.horizontalCenter: parent.horizontalCenter
                    text: modelData
                    color: index === 0 ? page.pal.ink : page.pal.muted
                    font.pixelSize: (index === 0 ? Theme.titleSize : Theme.bodySize * 1.2) * page.u
                    font.bold: index === 0
                }
            }
        }
    }
    Rectangle {
        objectName: "touchToStart"
        anchors { horizontalCenter: parent.horizontalCenter; bottom: parent.bottom; bottomMargin: 110 * page.u }
        width: startLabel.implicitWidth + 140 * page.u
        height: 130 * page.u
        radius: height / 2
        color: page.pal.highContrast ? "#FFE600" : "#FFFFFF"
        SequentialAnimation on scale {
            loops: Animation.Infinite
            NumberAnimation { from: 1; to: 1.06; duration: 900; easing.type: Easing.InOutQuad }
            NumberAnimation { from: 1.06; to: 1; duration: 900; easing.type: Easing.InOutQuad }
        }
        Text {
            id: startLabel
            anchors.centerIn: parent
            text: qsTr("轻触屏幕开始")
            color: page.pal.highContrast ? "#000000" : Theme.accent
            font.pixelSize: Theme.titleSize * page.u
            font.bold: true
        }
    }
    // One handler for the whole page, so a tap is one thing: on the card, that item.
    TapHandler {
        onTapped: (point) => {
            const onCard = card.visible && card.contains(card.mapFromItem(page, point.position))
            if (onCard && page.highlight.itemId)
                page.screen.startWith(page.highlight.itemId)
            else
                page.screen.start()
        }
    }
}
