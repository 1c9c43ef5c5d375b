import QtQuick
import QtQuick.Window
import "components"

// The touch screen: home (five categories with counts) → a category's items → one item.
// All state lives in the view model `vm` (kiosk.qt.touch.TouchViewModel).
Window {
    id: root
    required property var vm
    objectName: "touchWindow"
    title: "党务公开 · 触摸屏"
    color: Theme.paper
    readonly property real u: Math.min(width / 1920, height / 1080)

    Rectangle {
        id: header
        objectName: "touchHeader"
        anchors { left: parent.left; right: parent.right; top: parent.top }
        height: 120 * root.u
        color: Theme.accent

        BigButton {
            id: backButton
            objectName: "backButton"
            u: root.u
            visible: root.vm.page !== "home"
            anchors { left: parent.left; leftMargin: 24 * root.u; verticalCenter: parent.verticalCenter }
            color: Qt.darker(Theme.accent, 1.3)
            text: "‹ 返回"
            onTapped: root.vm.back()
        }
        Text {
            anchors.centerIn: parent
            text: root.vm.page === "home" ? "市政府党务公开" : root.vm.categoryName
            color: "white"
            font.pixelSize: Theme.titleSize * root.u
            font.bold: true
        }
        BigButton {
            objectName: "homeButton"
            u: root.u
            visible: root.vm.page !== "home"
            anchors { right: parent.right; rightMargin: 24 * root.u; verticalCenter: parent.verticalCenter }
            color: Qt.darker(Theme.accent, 1.3)
            text: "首页"
            onTapped: root.vm.home()
        }
    }

    Loader {
        id: page
        objectName: "pageLoader"
        anchors { left: parent.left; right: parent.right; top: header.bottom; bottom: parent.bottom }
        sourceComponent: root.vm.page === "item" ? itemPage : root.vm.page === "list" ? listPage : homePage
    }

    Component {
        id: homePage
        Item {
            objectName: "homePage"
            Text {
                objectName: "contactLine"
                anchors { horizontalCenter: parent.horizontalCenter; bottom: parent.bottom; bottomMargin: 48 * root.u }
                text: root.vm.contactLine
                color: Theme.muted
                font.pixelSize: Theme.metaSize * root.u
            }
            Text {
                id: prompt
                anchors { horizontalCenter: parent.horizontalCenter; top: parent.top; topMargin: 56 * root.u }
                text: "请点击类别，查看公开内容"
                color: Theme.muted
                font.pixelSize: Theme.headingSize * root.u
            }
            Row {
                objectName: "categoryRow"
                anchors { horizontalCenter: parent.horizontalCenter; top: prompt.bottom; topMargin: 56 * root.u }
                spacing: 32 * root.u
                Repeater {
                    model: root.vm.categories
                    delegate: Rectangle {
                        id: tile
                        required property string key
                        required property string name
                        required property string tint
                        required property int count
                        objectName: "category-" + key
                        width: 340 * root.u
                        height: 520 * root.u
                        radius: 16 * root.u
                        color: Theme.card
                        border.color: Theme.line
                        border.width: 2 * root.u
                        Rectangle {
                            anchors { left: parent.left; right: parent.right; top: parent.top }
                            height: 24 * root.u
                            radius: 16 * root.u
                            color: tile.tint
                        }
                        Text {
                            anchors { left: parent.left; right: parent.right; top: parent.top; topMargin: 90 * root.u; margins: 16 * root.u }
                            text: tile.name
                            wrapMode: Text.Wrap
                            horizontalAlignment: Text.AlignHCenter
                            color: Theme.ink
                            font.pixelSize: Theme.headingSize * root.u
                            font.bold: true
                        }
                        Text {
                            objectName: "count-" + tile.key
                            anchors { horizontalCenter: parent.horizontalCenter; bottom: parent.bottom; bottomMargin: 70 * root.u }
                            text: tile.count + " 条"
                            color: tile.tint
                            font.pixelSize: Theme.titleSize * 1.2 * root.u
                            font.bold: true
                        }
                        TapHandler { onTapped: root.vm.openCategory(tile.key) }
                    }
                }
            }
        }
    }

    Component {
        id: listPage
        ListView {
            id: list
            objectName: "itemList"
            clip: true
            model: root.vm.items
            topMargin: 24 * root.u
            bottomMargin: 24 * root.u
            spacing: 16 * root.u
            boundsBehavior: Flickable.StopAtBounds
            onMovementStarted: root.vm.touched()
            delegate: Rectangle {
                id: row
                required property string itemId
                required property string title
                required property string unitName
                required property string dateText
                required property string tint
                required property bool revised
                required property bool urgent
                objectName: "item-" + itemId
                x: 48 * root.u
                width: list.width - 96 * root.u
                height: 150 * root.u
                radius: 12 * root.u
                color: Theme.card
                border.color: Theme.line
                border.width: 2 * root.u
                Rectangle {
                    width: 12 * root.u
                    anchors { left: parent.left; top: parent.top; bottom: parent.bottom }
                    color: row.tint
                }
                Text {
                    id: rowTitle
                    anchors { left: parent.left; leftMargin: 44 * root.u; right: marks.left; rightMargin: 24 * root.u; top: parent.top; topMargin: 24 * root.u }
                    text: row.title
                    elide: Text.ElideRight
                    color: Theme.ink
                    font.pixelSize: Theme.headingSize * 0.9 * root.u
                    font.bold: true
                }
                Text {
                    anchors { left: rowTitle.left; top: rowTitle.bottom; topMargin: 16 * root.u }
                    text: row.unitName + "  ·  " + row.dateText
                    color: Theme.muted
                    font.pixelSize: Theme.metaSize * root.u
                }
                Row {
                    id: marks
                    anchors { right: parent.right; rightMargin: 32 * root.u; verticalCenter: parent.verticalCenter }
                    spacing: 12 * root.u
                    Text {
                        visible: row.urgent
                        text: "紧急"
                        color: Theme.accent
                        font.pixelSize: Theme.metaSize * root.u
                        font.bold: true
                    }
                    Text {
                        visible: row.revised
                        text: "已修订"
                        color: Theme.muted
                        font.pixelSize: Theme.metaSize * root.u
                    }
                }
                TapHandler { onTapped: root.vm.openItem(row.itemId) }
            }
            Text {
                anchors.centerIn: parent
                visible: list.count === 0
                text: "本类别暂无公开内容"
                color: Theme.muted
                font.pixelSize: Theme.headingSize * root.u
            }
        }
    }

    Component {
        id: itemPage
        Flickable {
            id: reader
            objectName: "itemPage"
            clip: true
            contentWidth: width
            contentHeight: column.height + 96 * root.u
            boundsBehavior: Flickable.StopAtBounds
            onMovementStarted: root.vm.touched()
            Column {
                id: column
                x: 120 * root.u
                y: 48 * root.u
                width: reader.width - 240 * root.u
                spacing: 24 * root.u
                Text {
                    objectName: "itemTitle"
                    width: parent.width
                    text: root.vm.itemTitle
                    wrapMode: Text.Wrap
                    color: Theme.ink
                    font.pixelSize: Theme.titleSize * root.u
                    font.bold: true
                }
                Text {
                    objectName: "itemMeta"
                    width: parent.width
                    text: root.vm.itemMeta
                    wrapMode: Text.Wrap
                    color: Theme.muted
                    font.pixelSize: Theme.metaSize * root.u
                }
                Text {
                    visible: text !== ""
                    text: root.vm.itemRevised
                    color: Theme.accent
                    font.pixelSize: Theme.metaSize * root.u
                    font.bold: true
                }
                Rectangle { width: parent.width; height: 3 * root.u; color: root.vm.itemColor }
                Text {
                    objectName: "itemBody"
                    width: parent.width
                    text: root.vm.itemBody
                    // Rich text made inert in Python (kiosk.qt.richtext): no links, no remote images.
                    textFormat: Text.RichText
                    wrapMode: Text.Wrap
                    color: Theme.ink
                    lineHeight: 1.25
                    font.pixelSize: Theme.bodySize * root.u
                }
                Repeater {
                    model: root.vm.itemImages
                    delegate: Image {
                        required property string modelData
                        width: column.width
                        fillMode: Image.PreserveAspectFit
                        asynchronous: true
                        source: modelData
                        sourceSize.width: 1600
                    }
                }
            }
        }
    }
}
