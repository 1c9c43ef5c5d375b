pragma ComponentBehavior: Bound
import QtQuick
import Kiosk
import "../components"

// Home: the categories with their counts, search, the opinion box, the care-mode switch
// and a one-tap rating. The categories are configuration (three to nine of them): up to
// five stand in one row, more in two; the tiles take the room between the prompt and
// the actions, so every count and every text size fits one screen.
Item {
    id: page
    required property TouchScreen screen
    required property Colours pal
    required property real u
    readonly property real ts: page.screen.session.textScale
    objectName: "homePage"

    // Offline: how old the content may be, said plainly, in a band of its own above the
    // prompt (beside it, a large text size would run the two together).
    Rectangle {
        id: staleBand
        objectName: "staleBand"
        visible: page.screen.staleText !== ""
        anchors { left: parent.left; right: parent.right; top: parent.top }
        height: visible ? staleNotice.implicitHeight + 20 * page.u : 0
        color: page.pal.highContrast ? page.pal.paper : Theme.line
        border.color: page.pal.line
        border.width: page.pal.highContrast ? 2 * page.u : 0
        Text {
            id: staleNotice
            objectName: "staleNotice"
            anchors.centerIn: parent
            width: Math.min(implicitWidth, parent.width - 80 * page.u)
            wrapMode: Text.Wrap
            horizontalAlignment: Text.AlignHCenter
            text: page.screen.staleText
            color: page.pal.ink
            font.pixelSize: Theme.metaSize * page.u * page.ts
        }
    }
    Text {
        id: prompt
        objectName: "homePrompt"
        anchors { horizontalCenter: parent.horizontalCenter; top: staleBand.bottom; topMargin: (staleBand.visible ? 16 : 28) * page.u }
        text: qsTr("请点击类别，查看公开内容")
        color: page.pal.muted
        font.pixelSize: Theme.headingSize * page.u * page.ts
    }

    Item {
        id: tileRoom
        anchors { left: parent.left; right: parent.right; top: prompt.bottom; bottom: actions.top; margins: 48 * page.u; topMargin: 28 * page.u; bottomMargin: 36 * page.u }
        readonly property int count: tileRepeater.count
        readonly property int columns: count <= 5 ? Math.max(1, count) : Math.ceil(count / 2)
        readonly property int rows: Math.max(1, Math.ceil(count / columns))
        readonly property real gap: 28 * page.u
        readonly property real tileWidth: Math.min(360 * page.u, (width - (columns - 1) * gap) / columns)
        readonly property real tileHeight: Math.min(460 * page.u, (height - (rows - 1) * gap) / rows)
        Grid {
            id: tiles
            objectName: "categoryRow"
            anchors.centerIn: parent
            columns: tileRoom.columns
            spacing: tileRoom.gap
            Repeater {
                id: tileRepeater
                model: page.screen.listing.categories
                delegate: CategoryTile {
                    width: tileRoom.tileWidth
                    height: tileRoom.tileHeight
                    pal: page.pal
                    u: page.u
                    // Two rows leave half the height: the name keeps to the standard size there.
                    textScale: tileRoom.rows > 1 ? Math.min(page.ts, 1.0) : Math.min(page.ts, 1.25)
                    onOpened: (key) => page.screen.openCategory(key)
                }
            }
        }
    }

    Row {
        id: actions
        anchors { horizontalCenter: parent.horizontalCenter; bottom: rating.top; bottomMargin: 28 * page.u }
        spacing: 32 * page.u
        TouchButton {
            objectName: "searchBox"
            kind: "primary"
            u: page.u
            textScale: page.ts
            pal: page.pal
            width: Math.max(implicitWidth, 820 * page.u)
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
        // Care mode (关怀模式): one switch for the largest text, high contrast, more time
        // and read-aloud on every page; its state shows as a selected button.
        TouchButton {
            objectName: "careModeButton"
            u: page.u
            textScale: page.ts
            pal: page.pal
            height: 120 * page.u
            selected: page.screen.session.careMode
            text: page.screen.session.careMode ? qsTr("关怀模式 已开") : qsTr("关怀模式")
            onTapped: page.screen.session.toggleCareMode()
        }
    }
    // General satisfaction, one tap; a low rating asks, optionally, why.
    RatingRow {
        id: rating
        objectName: "homeRating"
        anchors { horizontalCenter: parent.horizontalCenter; bottom: parent.bottom; bottomMargin: 28 * page.u }
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
