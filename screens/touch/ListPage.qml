pragma ComponentBehavior: Bound
import QtQuick
import Kiosk
import "../components"

// A category's items, newest first, with a unit filter along the top.
Item {
    id: page
    required property TouchScreen screen
    required property Colours pal
    required property real u
    readonly property real ts: page.screen.session.textScale
    objectName: "listPage"

    ListView {
        id: units
        objectName: "unitFilter"
        anchors { left: parent.left; right: parent.right; top: parent.top; topMargin: 20 * page.u; leftMargin: 48 * page.u; rightMargin: 48 * page.u }
        height: 110 * page.u
        orientation: ListView.Horizontal
        spacing: 16 * page.u
        clip: true
        boundsBehavior: Flickable.StopAtBounds
        model: page.screen.listing.units
        delegate: Item {
            id: chip
            required property string key
            required property string name
            required property int count
            required property bool selected
            width: chipButton.width
            height: units.height
            TouchButton {
                id: chipButton
                objectName: "unit-" + (chip.key === "" ? "all" : chip.key)
                u: page.u
                textScale: Math.min(page.ts, 1.25)
                pal: page.pal
                height: chip.height - 8 * page.u
                selected: chip.selected
                text: (chip.key === "" ? qsTr("全部单位") : chip.name) + "  " + chip.count
                kind: "quiet"
                onTapped: page.screen.filterUnit(chip.key)
            }
        }
    }
    // The chips run past the edge with more units than fit: the fade says there are more.
    ScrollHint { flickable: units; pal: page.pal; u: page.u }

    ListView {
        id: list
        objectName: "itemList"
        anchors { left: parent.left; right: parent.right; top: units.bottom; bottom: parent.bottom; topMargin: 12 * page.u; leftMargin: 48 * page.u; rightMargin: 48 * page.u }
        clip: true
        model: page.screen.listing.items
        topMargin: 12 * page.u
        bottomMargin: 24 * page.u
        spacing: 16 * page.u
        // Kinetic scrolling: a flick keeps the list moving and slows it gently.
        flickDeceleration: 1200
        maximumFlickVelocity: 6000
        boundsBehavior: Flickable.StopAtBounds
        onMovementStarted: page.screen.session.touched()
        Component.onCompleted: positionViewAtIndex(page.screen.listing.listIndex, ListView.Contain)
        footer: PageEnd {
            width: list.width
            visible: list.count > 0
            pal: page.pal; u: page.u; textScale: Math.min(page.ts, 1.25)
        }
        delegate: Rectangle {
            id: row
            required property string itemId
            required property string title
            required property string unitName
            required property string dateText
            required property string tint
            required property bool revised
            required property bool fresh
            required property bool urgent
            objectName: "item-" + itemId
            width: list.width
            height: Math.max(150 * page.u, rowTitle.height + rowMeta.height + 64 * page.u)
            radius: 12 * page.u
            color: tap.pressed ? page.pal.line : page.pal.card
            border.color: page.pal.highContrast ? page.pal.line : Theme.line
            border.width: page.pal.cardBorder * page.u
            Rectangle {
                width: 12 * page.u
                anchors { left: parent.left; top: parent.top; bottom: parent.bottom }
                color: row.tint
            }
            Text {
                id: rowTitle
                anchors { left: parent.left; leftMargin: 44 * page.u; right: marks.left; rightMargin: 24 * page.u; top: parent.top; topMargin: 24 * page.u }
                text: row.title
                wrapMode: Text.Wrap
                maximumLineCount: 2
                elide: Text.ElideRight
                color: page.pal.ink
                font.pixelSize: Theme.headingSize * 0.9 * page.u * page.ts
                font.bold: true
            }
            Text {
                id: rowMeta
                objectName: "itemMeta-" + row.itemId
                anchors { left: rowTitle.left; right: rowTitle.right; top: rowTitle.bottom; topMargin: 16 * page.u }
                text: row.unitName + "  ·  " + row.dateText
                elide: Text.ElideRight
                color: page.pal.muted
                font.pixelSize: Theme.metaSize * page.u * page.ts
            }
            Row {
                id: marks
                anchors { right: parent.right; rightMargin: 32 * page.u; verticalCenter: parent.verticalCenter }
                spacing: 12 * page.u
                Mark { visible: row.urgent; text: qsTr("紧急"); filled: true; pal: page.pal; u: page.u; textScale: page.ts; objectName: "urgentMark-" + row.itemId }
                Mark { visible: row.fresh; text: qsTr("新"); filled: true; pal: page.pal; u: page.u; textScale: page.ts; objectName: "freshMark-" + row.itemId }
                Mark { visible: row.revised; text: qsTr("已修订"); pal: page.pal; u: page.u; textScale: page.ts; objectName: "revisedMark-" + row.itemId }
            }
            TapHandler { id: tap; onTapped: page.screen.openItem(row.itemId) }
        }
        Text {
            anchors.centerIn: parent
            visible: list.count === 0
            text: qsTr("本类别暂无公开内容")
            color: page.pal.muted
            font.pixelSize: Theme.headingSize * page.u * page.ts
        }
    }
    ScrollHint { flickable: list; pal: page.pal; u: page.u }
}
