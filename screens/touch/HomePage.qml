pragma ComponentBehavior: Bound
import QtQuick
import Kiosk
import "../components"

// Home: the five categories with their counts, search, the opinion box and a one-tap rating.
Item {
    id: page
    required property TouchScreen screen
    required property Colours pal
    required property real u
    readonly property real ts: page.screen.session.textScale
    objectName: "homePage"

    Text {
        id: prompt
        anchors { horizontalCenter: parent.horizontalCenter; top: parent.top; topMargin: 40 * page.u }
        text: qsTr("请点击类别，查看公开内容")
        color: page.pal.muted
        font.pixelSize: Theme.headingSize * page.u * page.ts
    }
    // Offline: how old the content may be, said plainly.
    Text {
        objectName: "staleNotice"
        visible: page.screen.staleText !== ""
        anchors { right: parent.right; rightMargin: 40 * page.u; top: parent.top; topMargin: 16 * page.u }
        text: page.screen.staleText
        color: page.pal.muted
        font.pixelSize: Theme.bodySize * page.u * page.ts
    }
    Row {
        id: tiles
        objectName: "categoryRow"
        anchors { horizontalCenter: parent.horizontalCenter; top: prompt.bottom; topMargin: 40 * page.u }
        spacing: 32 * page.u
        Repeater {
            model: page.screen.listing.categories
            delegate: Rectangle {
                id: tile
                required property string key
                required property string name
                required property string tint
                required property int count
                objectName: "category-" + key
                width: 340 * page.u
                height: 460 * page.u
                radius: 16 * page.u
                // A category with nothing in it is greyed and says so; it cannot be opened.
                readonly property bool empty: count === 0
                opacity: empty ? 0.55 : 1
                color: tap.pressed ? page.pal.line : page.pal.card
                border.color: page.pal.highContrast ? page.pal.line : Theme.line
                border.width: page.pal.cardBorder * page.u
                Rectangle {
                    anchors { left: parent.left; right: parent.right; top: parent.top }
                    height: 28 * page.u
                    radius: 16 * page.u
                    color: tile.tint
                }
                Text {
                    anchors { left: parent.left; right: parent.right; top: parent.top; topMargin: 80 * page.u; margins: 16 * page.u }
                    text: tile.name
                    wrapMode: Text.Wrap
                    horizontalAlignment: Text.AlignHCenter
                    color: page.pal.ink
                    font.pixelSize: Theme.headingSize * page.u * Math.min(page.ts, 1.25)
                    font.bold: true
                }
                Text {
                    objectName: "count-" + tile.key
                    anchors { horizontalCenter: parent.horizontalCenter; bottom: parent.bottom; bottomMargin: 60 * page.u }
                    text: tile.empty ? qsTr("暂无公开事项") : qsTr("%1 条").arg(tile.count)
                    color: tile.empty ? page.pal.muted : (page.pal.highContrast ? page.pal.accent : tile.tint)
                    font.pixelSize: Theme.titleSize * (tile.empty ? 0.7 : 1.2) * page.u
                    font.bold: true
                }
                TapHandler { id: tap; enabled: !tile.empty; onTapped: page.screen.openCategory(tile.key) }
            }
        }
    }
    Row {
        id: actions
        anchors { horizontalCenter: parent.horizontalCenter; top: tiles.bottom; topMargin: 40 * page.u }
        spacing: 40 * page.u
        TouchButton {
            objectName: "searchBox"
            u: page.u
            textScale: page.ts
            pal: page.pal
            width: 900 * page.u
            height: 120 * page.u
            text: qsTr("搜索：标题、正文、文号，可用拼音")
            onTapped: page.screen.openSearch()
        }
        TouchButton {
            objectName: "feedbackButton"
            u: page.u
            textScale: page.ts
            pal: page.pal
            height: 120 * page.u
            text: qsTr("意见箱")
            onTapped: page.screen.openFeedback()
        }
    }
    // General satisfaction, one tap; a low rating asks, optionally, why.
    RatingRow {
        objectName: "homeRating"
        anchors { horizontalCenter: parent.horizontalCenter; top: actions.bottom; topMargin: 32 * page.u }
        width: Math.min(naturalWidth, parent.width - 80 * page.u)
        fvm: page.screen.feedback
        pal: page.pal
        u: page.u
        textScale: Math.min(page.ts, 1.25)
        questionSize: Theme.metaSize * 1.15
        question: qsTr("您对党务公开工作满意吗？")
        onRated: (key) => page.screen.rate(key)
    }
}
