pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Window
import Kiosk
import "../components"

// Search as you type: Chinese through the keyboard's Pinyin, or pinyin letters
// (initials such as dwgk, or whole syllables). Results come from a worker (page.screen.search.results).
Item {
    id: page
    required property TouchScreen screen
    required property Colours pal
    required property real u
    // While the keyboard is open the page is only the space above it (Touch.qml): the
    // field and the results close up so that four results still show at 1080p.
    property bool keyboardOpen: false
    readonly property real ts: page.screen.session.textScale
    objectName: "searchPage"

    Rectangle {
        id: box
        anchors { left: parent.left; right: clear.left; top: parent.top; margins: (page.keyboardOpen ? 12 : 32) * page.u; rightMargin: 24 * page.u }
        height: (page.keyboardOpen ? 96 : 120) * page.u
        radius: 16 * page.u
        color: page.pal.card
        border.color: field.activeFocus ? page.pal.accent : page.pal.line
        border.width: 4 * page.u
        TextInput {
            id: field
            objectName: "searchField"
            anchors { fill: parent; leftMargin: 32 * page.u; rightMargin: 32 * page.u + (page.keyboardOpen ? countInField.width : 0) }
            verticalAlignment: TextInput.AlignVCenter
            clip: true
            focus: true
            maximumLength: 60
            color: page.pal.ink
            font.pixelSize: Theme.headingSize * page.u * Math.min(page.ts, 1.25)
            text: page.screen.search.query
            onTextChanged: if (text !== page.screen.search.query) page.screen.search.setQuery(text)
            // The touch window takes the keyboard focus from the signage window.
            Component.onCompleted: { Window.window.requestActivate(); forceActiveFocus() }
        }
        Text {
            anchors { fill: field }
            verticalAlignment: Text.AlignVCenter
            visible: field.text === "" && !field.inputMethodComposing
            text: qsTr("输入标题、正文或文号中的字词，或拼音首字母")
            color: page.pal.muted
            elide: Text.ElideRight
            font.pixelSize: Theme.metaSize * page.u * page.ts
        }
        // With the keyboard open, the count sits in the field's frame instead of a line below.
        Text {
            id: countInField
            objectName: "searchCount"
            anchors { right: parent.right; rightMargin: 24 * page.u; verticalCenter: parent.verticalCenter }
            visible: page.keyboardOpen && status.text !== ""
            text: status.text
            color: page.pal.muted
            font.pixelSize: Theme.metaSize * page.u * page.ts
        }
        // qmllint disable missing-property
        // (qmllint types Qt.inputMethod as a plain QObject; it is QInputMethod)
        TapHandler { onTapped: { field.forceActiveFocus(); Qt.inputMethod.show(); page.screen.session.touched() } }
        // qmllint enable missing-property
    }
    TouchButton {
        id: clear
        objectName: "clearSearch"
        kind: "quiet"
        anchors { right: parent.right; verticalCenter: box.verticalCenter; rightMargin: 32 * page.u }
        u: page.u; pal: page.pal
        height: box.height
        text: qsTr("清除")
        onTapped: { page.screen.search.setQuery(""); field.forceActiveFocus() }
    }
    Text {
        id: status
        objectName: "searchStatus"
        anchors { left: box.left; top: box.bottom; topMargin: 16 * page.u }
        // With nothing found, the help below says so in its first line.
        visible: !page.keyboardOpen && results.count > 0
        text: page.screen.search.resultsQuery === "" ? "" : (results.count === 0 ? qsTr("没有找到相关内容") : qsTr("找到 %1 条").arg(results.count))
        color: page.pal.muted
        font.pixelSize: Theme.metaSize * page.u * page.ts
    }
    ListView {
        id: results
        objectName: "resultList"
        anchors { left: parent.left; right: parent.right; top: page.keyboardOpen ? box.bottom : status.bottom; bottom: parent.bottom; topMargin: 12 * page.u; leftMargin: 32 * page.u; rightMargin: 32 * page.u }
        clip: true
        spacing: (page.keyboardOpen ? 8 : 14) * page.u
        flickDeceleration: 1200
        boundsBehavior: Flickable.StopAtBounds
        model: page.screen.search.results
        onMovementStarted: page.screen.session.touched()
        delegate: Rectangle {
            id: row
            required property string itemId
            required property string titleHtml
            required property string snippetHtml
            required property string title
            required property string unitName
            required property string dateText
            required property string categoryName
            required property string tint
            objectName: "result-" + itemId
            width: results.width
            // One line each while the keyboard is open: the title, elided; the rest after.
            height: resultTitle.height + (resultSnippet.visible ? resultSnippet.height + 10 * page.u : 0)
                + (resultMeta.visible ? resultMeta.height + 12 * page.u : 0) + (page.keyboardOpen ? 14 : 44) * page.u
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
                id: resultTitle
                objectName: "resultTitle-" + row.itemId
                anchors { left: parent.left; right: parent.right; top: parent.top; leftMargin: 44 * page.u; rightMargin: 32 * page.u; topMargin: (page.keyboardOpen ? 7 : 20) * page.u }
                // Escaped in Python (kiosk.search.highlighted): only the highlight is markup.
                // With the keyboard up, one line cut with "…": plain, since rich text cannot be elided.
                text: page.keyboardOpen ? row.title : row.titleHtml
                textFormat: page.keyboardOpen ? Text.PlainText : Text.RichText
                wrapMode: page.keyboardOpen ? Text.NoWrap : Text.Wrap
                elide: Text.ElideRight
                maximumLineCount: page.keyboardOpen ? 1 : 4
                color: page.pal.ink
                font.pixelSize: Theme.headingSize * 0.85 * page.u * page.ts
            }
            // Why it was found: the words around the match in the summary or body.
            Text {
                id: resultSnippet
                objectName: "resultSnippet-" + row.itemId
                anchors { left: resultTitle.left; right: resultTitle.right; top: resultTitle.bottom; topMargin: 10 * page.u }
                visible: !page.keyboardOpen && row.snippetHtml !== ""
                // Escaped in Python like the title: only the highlight is markup.
                text: row.snippetHtml
                textFormat: Text.RichText
                wrapMode: Text.Wrap
                maximumLineCount: 2
                color: page.pal.ink
                font.pixelSize: Theme.bodySize * page.u * page.ts
            }
            Text {
                id: resultMeta
                objectName: "resultMeta-" + row.itemId
                anchors { left: resultTitle.left; right: resultTitle.right; top: resultSnippet.visible ? resultSnippet.bottom : resultTitle.bottom; topMargin: 12 * page.u }
                visible: !page.keyboardOpen
                text: row.categoryName + "  ·  " + row.unitName + "  ·  " + row.dateText
                elide: Text.ElideRight
                color: page.pal.muted
                font.pixelSize: Theme.metaSize * page.u * page.ts
            }
            TapHandler { id: tap; onTapped: page.screen.openItem(row.itemId) }
        }
        footer: PageEnd {
            width: results.width
            visible: results.count > 0
            pal: page.pal; u: page.u; textScale: Math.min(page.ts, 1.25)
        }
    }
    ScrollHint { flickable: results; pal: page.pal; u: page.u }
    ScrollHint { flickable: help; pal: page.pal; u: page.u }
    // Nothing found: not one grey line, but where to go from here.
    Flickable {
        id: help
        objectName: "searchHelp"
        visible: page.screen.search.resultsQuery !== "" && results.count === 0
        anchors { left: parent.left; right: parent.right; top: results.top; bottom: parent.bottom; leftMargin: 32 * page.u; rightMargin: 32 * page.u }
        contentHeight: helpColumn.height
        clip: true
        boundsBehavior: Flickable.StopAtBounds
        Column {
            id: helpColumn
            width: help.width
            spacing: 20 * page.u
            Text {
                objectName: "searchNothing"
                width: parent.width
                wrapMode: Text.Wrap
                text: qsTr("没有找到“%1”的相关内容。可以换个词，或者：").arg(page.screen.search.resultsQuery)
                textFormat: Text.PlainText
                color: page.pal.ink
                font.pixelSize: Theme.headingSize * 0.85 * page.u * page.ts
                font.bold: true
            }
            Text {
                visible: page.screen.search.suggestions.length > 0
                text: qsTr("其他访客搜索过：")
                color: page.pal.muted
                font.pixelSize: Theme.metaSize * page.u * page.ts
            }
            Flow {
                width: parent.width
                spacing: 16 * page.u
                visible: page.screen.search.suggestions.length > 0
                Repeater {
                    model: page.screen.search.suggestions
                    delegate: TouchButton {
                        id: suggestion
                        required property string modelData
                        required property int index
                        objectName: "searchSuggestion-" + suggestion.index
                        kind: "quiet"
                        u: page.u; pal: page.pal; textScale: Math.min(page.ts, 1.25)
                        text: suggestion.modelData
                        onTapped: page.screen.search.setQuery(suggestion.modelData)
                    }
                }
            }
            Text {
                text: qsTr("按类别浏览：")
                color: page.pal.muted
                font.pixelSize: Theme.metaSize * page.u * page.ts
            }
            Flow {
                width: parent.width
                spacing: 16 * page.u
                Repeater {
                    model: page.screen.listing.categories
                    delegate: TouchButton {
                        id: category
                        required property string key
                        required property string name
                        required property int count
                        objectName: "searchCategory-" + category.key
                        kind: "quiet"
                        // A category with nothing in it would lead nowhere.
                        visible: category.count > 0
                        u: page.u; pal: page.pal; textScale: Math.min(page.ts, 1.25)
                        text: qsTr("%1（%2 条）").arg(category.name).arg(category.count)
                        onTapped: page.screen.openCategory(category.key)
                    }
                }
            }
        }
    }
}
