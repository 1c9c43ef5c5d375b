pragma ComponentBehavior: Bound
import QtQuick
import "../components"

// One category on the home page: its colour, its name, how many items it holds; a tap
// opens it. The name is set on one line when it fits and otherwise on lines of even
// length ("全局和中/心工作", never "全局和中心工/作"), smaller if it would not fit; the page
// gives the tile its size.
Rectangle {
    id: tile
    required property string key
    required property string name
    required property string tint
    required property int count
    required property Colours pal
    required property real u
    property real textScale: 1
    signal opened(string key)

    objectName: "category-" + key
    // A category with nothing in it is greyed and says so; it cannot be opened. In high
    // contrast the words carry it alone: a faded tile would drop below the contrast floor.
    readonly property bool empty: count === 0
    opacity: empty && !pal.highContrast ? 0.55 : 1
    radius: 16 * u
    color: tap.pressed ? pal.line : pal.card
    border.color: pal.highContrast ? pal.line : Theme.line
    border.width: pal.cardBorder * u

    Rectangle {
        id: stripe
        anchors { left: parent.left; right: parent.right; top: parent.top }
        height: 24 * tile.u
        radius: 16 * tile.u
        color: tile.tint
    }
    TextMetrics {
        id: oneLine
        font: title.font
        text: tile.name
    }
    Item {
        // The space between the stripe and the count; the name sits in its middle.
        id: nameRoom
        anchors { left: parent.left; right: parent.right; top: stripe.bottom; bottom: countText.top; margins: 16 * tile.u }
        readonly property int lines: Math.max(1, Math.ceil(oneLine.advanceWidth / width))
        Text {
            id: title
            objectName: "categoryName-" + tile.key
            anchors.centerIn: parent
            // Even lines: a line's share of the name plus one character's room.
            width: nameRoom.lines > 1 ? Math.min(nameRoom.width, oneLine.advanceWidth / nameRoom.lines + font.pixelSize) : nameRoom.width
            // A long name (English, two rows of tiles) gets smaller rather than run into the count.
            height: nameRoom.height
            verticalAlignment: Text.AlignVCenter
            fontSizeMode: Text.Fit
            minimumPixelSize: Theme.careTextSize * tile.u
            text: tile.name
            textFormat: Text.PlainText
            wrapMode: Text.Wrap
            horizontalAlignment: Text.AlignHCenter
            color: tile.pal.ink
            font.pixelSize: Theme.headingSize * tile.u * tile.textScale
            font.bold: true
        }
    }
    Text {
        id: countText
        objectName: "count-" + tile.key
        anchors { horizontalCenter: parent.horizontalCenter; bottom: parent.bottom; bottomMargin: Math.min(48 * tile.u, tile.height * 0.08) }
        text: tile.empty ? qsTr("暂无公开事项") : qsTr("%1 条").arg(tile.count)
        color: tile.empty ? tile.pal.muted : (tile.pal.highContrast ? tile.pal.accent : tile.tint)
        font.pixelSize: Theme.titleSize * tile.u * Math.min(tile.textScale, 1.15) * (tile.empty ? 0.6 : 1)
        font.bold: true
    }
    TapHandler { id: tap; enabled: !tile.empty; onTapped: tile.opened(tile.key) }
}
