pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Window
import Kiosk
import "components"
import "touch"
import "admin"

// The touch screen: attract loop → home (categories, search, opinion box) → a category's
// items → one item → its PDF pages. All state lives in the view models of `screen`
// (kiosk.qt.touch.TouchScreen); the pages are in screens/touch/.
Window {
    id: root
    required property TouchScreen touchScreen

    function pageComponent(page: int): Component {
        switch (page) {
        case SessionViewModel.Attract: return attractPage
        case SessionViewModel.List: return listPage
        case SessionViewModel.Item: return itemPage
        case SessionViewModel.Pdf: return pdfPage
        case SessionViewModel.Search: return searchPage
        case SessionViewModel.Feedback: return feedbackPage
        default: return homePage
        }
    }
    objectName: "touchWindow"
    title: qsTr("党务公开 · 触摸屏")
    color: colours.paper
    readonly property real u: Math.min(width / 1920, height / 1080)
    readonly property real ts: root.touchScreen.session.textScale
    // The header's tools grow a step in care mode, to the care-mode minimum (Theme.careTextSize).
    readonly property real headerScale: root.touchScreen.session.careMode ? 1.25 : 1

    Colours {
        id: colours
        highContrast: root.touchScreen.session.highContrast
    }

    Rectangle {
        id: header
        objectName: "touchHeader"
        visible: root.touchScreen.session.page !== SessionViewModel.Attract
        anchors { left: parent.left; right: parent.right; top: parent.top }
        height: visible ? 128 * root.u : 0
        color: colours.header
        border.color: colours.highContrast ? colours.line : "transparent"
        border.width: 2 * root.u

        // The tools on either side are quiet; the title stays centred on the screen and
        // keeps its place from page to page, whatever buttons a page shows beside it.
        Row {
            id: leftButtons
            anchors { left: parent.left; leftMargin: 20 * root.u; verticalCenter: parent.verticalCenter }
            spacing: 16 * root.u
            TouchButton {
                objectName: "backButton"
                u: root.u; pal: colours; kind: "quiet"; onHeader: true; textScale: root.headerScale
                visible: root.touchScreen.session.page !== SessionViewModel.Home
                text: qsTr("‹ 返回")
                onTapped: root.touchScreen.back()
            }
            TouchButton {
                objectName: "homeButton"
                u: root.u; pal: colours; kind: "quiet"; onHeader: true; textScale: root.headerScale
                visible: root.touchScreen.session.page !== SessionViewModel.Home
                text: qsTr("首页")
                onTapped: root.touchScreen.home()
            }
            // Care mode reads every page aloud (where the kiosk has a voice); the item page
            // has its own read-aloud row, with pause.
            TouchButton {
                id: readPage
                readonly property bool speaking: root.touchScreen.speech.state === "speaking" || root.touchScreen.speech.state === "paused"
                objectName: "readPageButton"
                u: root.u; pal: colours; kind: "quiet"; onHeader: true; textScale: root.headerScale
                visible: root.touchScreen.session.careMode && root.touchScreen.speech.available
                    && root.touchScreen.session.page !== SessionViewModel.Item
                text: speaking ? qsTr("停止朗读") : qsTr("朗读本页")
                onTapped: speaking ? root.touchScreen.speech.stop() : root.touchScreen.readPage()
            }
        }
        // Centred on the screen when it fits there at its full size; when the tools beside it
        // are wide (English names them in longer words) it takes all the room between them.
        TextMetrics {
            id: titleMetrics
            font: headerTitle.font
            text: headerTitle.text
        }
        Text {
            id: headerTitle
            readonly property real gap: 20 * root.u + 32 * root.u
            readonly property real centred: parent.width - 2 * Math.max(leftButtons.width, rightButtons.width) - 2 * gap
            readonly property bool fitsCentred: titleMetrics.advanceWidth <= centred
            objectName: "headerTitle"
            anchors { top: parent.top; bottom: headerClock.top }
            x: fitsCentred ? (parent.width - centred) / 2 : leftButtons.width + gap
            width: fitsCentred ? centred : parent.width - leftButtons.width - rightButtons.width - 2 * gap
            horizontalAlignment: Text.AlignHCenter
            verticalAlignment: Text.AlignVCenter
            // A long PDF title gets smaller before it is cut; between wide tools (English in
            // care mode) it may take two lines, never smaller than the mode's least size.
            fontSizeMode: fitsCentred ? Text.HorizontalFit : Text.Fit
            wrapMode: fitsCentred ? Text.NoWrap : Text.WordWrap
            maximumLineCount: 2
            minimumPixelSize: (root.touchScreen.session.careMode ? Theme.careTextSize : Theme.metaSize) * root.u
            elide: Text.ElideRight
            text: root.touchScreen.session.page === SessionViewModel.Home ? qsTr("市政府党务公开")
                : root.touchScreen.session.page === SessionViewModel.Search ? qsTr("搜索")
                : root.touchScreen.session.page === SessionViewModel.Feedback ? qsTr("意见箱")
                : root.touchScreen.session.page === SessionViewModel.Pdf ? root.touchScreen.pdf.title
                : root.touchScreen.listing.categoryName !== "" ? root.touchScreen.listing.categoryName : qsTr("市政府党务公开")
            color: colours.headerText
            font.pixelSize: Theme.titleSize * root.u
            font.bold: true
        }
        TextMetrics {
            id: clockMetrics
            font: headerClock.font
            text: headerClock.full
        }
        // The date and time under the title, in the office's time zone (kiosk.qt.clock_face).
        Text {
            id: headerClock
            objectName: "headerClock"
            anchors { bottom: parent.bottom; bottomMargin: 8 * root.u }
            x: headerTitle.x
            width: headerTitle.width
            horizontalAlignment: Text.AlignHCenter
            elide: Text.ElideRight
            // The time alone where the date does not fit as well (English in care mode).
            readonly property string full: root.touchScreen.clock.dateText + "  " + root.touchScreen.clock.timeText
            text: clockMetrics.advanceWidth <= width ? full : root.touchScreen.clock.timeText
            color: colours.headerText
            // Care mode's minimum size (Theme.careTextSize), the meta size otherwise.
            font.pixelSize: (root.touchScreen.session.careMode ? Theme.careTextSize : Theme.metaSize) * root.u
        }
        Row {
            id: rightButtons
            anchors { right: parent.right; rightMargin: 20 * root.u; verticalCenter: parent.verticalCenter }
            spacing: 16 * root.u
            TouchButton {
                objectName: "searchButton"
                u: root.u; pal: colours; kind: "quiet"; onHeader: true; textScale: root.headerScale
                visible: root.touchScreen.session.page !== SessionViewModel.Search
                text: qsTr("搜索")
                onTapped: root.touchScreen.openSearch()
            }
            TouchButton {
                objectName: "textSizeButton"
                u: root.u; pal: colours; kind: "quiet"; onHeader: true; textScale: root.headerScale
                visible: !root.touchScreen.session.careMode
                text: [qsTr("字号 标准"), qsTr("字号 较大"), qsTr("字号 特大")][root.touchScreen.session.textSize]
                onTapped: root.touchScreen.session.cycleTextSize()
            }
            TouchButton {
                objectName: "chineseButton"
                u: root.u; pal: colours; kind: "quiet"; onHeader: true; textScale: root.headerScale
                // Names the script a tap switches to.
                text: root.touchScreen.session.traditional ? "简体" : "繁體"
                onTapped: root.touchScreen.session.toggleTraditional()
            }
            TouchButton {
                objectName: "contrastButton"
                u: root.u; pal: colours; kind: "quiet"; onHeader: true; textScale: root.headerScale
                visible: !root.touchScreen.session.careMode
                selected: root.touchScreen.session.highContrast
                text: qsTr("高对比")
                onTapped: root.touchScreen.session.toggleContrast()
            }
            // In care mode the size and contrast are its own; one tap gives them back.
            TouchButton {
                objectName: "careModeOff"
                u: root.u; pal: colours; kind: "quiet"; onHeader: true; textScale: root.headerScale
                visible: root.touchScreen.session.careMode
                text: qsTr("退出关怀模式")
                onTapped: root.touchScreen.session.setCareMode(false)
            }
        }
    }

    Loader {
        id: page
        objectName: "pageLoader"
        // The page ends where the keyboard begins: nothing of it lies under the keyboard,
        // and each page keeps its focused field in the space left (screens/touch/).
        anchors { left: parent.left; right: parent.right; top: header.bottom; bottom: parent.bottom; bottomMargin: keyboard.panelHeight }
        sourceComponent: root.pageComponent(root.touchScreen.session.page)
    }
    Component { id: attractPage; AttractPage { screen: root.touchScreen; pal: colours; u: root.u } }
    Component { id: homePage; HomePage { screen: root.touchScreen; pal: colours; u: root.u } }
    Component { id: listPage; ListPage { screen: root.touchScreen; pal: colours; u: root.u } }
    Component { id: itemPage; ItemPage { screen: root.touchScreen; pal: colours; u: root.u } }
    Component { id: pdfPage; PdfPage { screen: root.touchScreen; pal: colours; u: root.u } }
    Component {
        id: feedbackPage
        FeedbackPage { fvm: root.touchScreen.feedback; textScale: root.touchScreen.session.textScale; pal: colours; u: root.u }
    }
    Component {
        id: searchPage
        SearchPage {
            screen: root.touchScreen; pal: colours; u: root.u
            keyboardOpen: keyboard.panelHeight > 0
        }
    }

    // An enlarged image over everything; a tap anywhere closes it.
    Rectangle {
        id: lightbox
        objectName: "lightbox"
        anchors.fill: parent
        visible: root.touchScreen.item.enlargedImage !== ""
        color: "#E6000000"
        Image {
            objectName: "lightboxImage"
            anchors { fill: parent; margins: 40 * root.u; bottomMargin: 170 * root.u }
            fillMode: Image.PreserveAspectFit
            asynchronous: true
            source: root.touchScreen.item.enlargedImage
            sourceSize.width: 1800
        }
        TouchButton {
            objectName: "closeImage"
            anchors { horizontalCenter: parent.horizontalCenter; bottom: parent.bottom; bottomMargin: 40 * root.u }
            u: root.u; pal: colours; kind: "primary"
            text: qsTr("关闭")
            onTapped: root.touchScreen.item.closeImage()
        }
        TapHandler { onTapped: root.touchScreen.item.closeImage() }
    }

    // Any press anywhere restarts the idle countdown, without taking the press from
    // the control under it.
    TapHandler {
        grabPermissions: PointerHandler.ApprovesTakeOverByAnything
        gesturePolicy: TapHandler.DragThreshold
        onPressedChanged: if (pressed) root.touchScreen.session.touched()
    }

    // The virtual keyboard and the handwriting pad, inside this window (screens/touch/KeyboardPanel.qml).
    Loader {
        id: keyboard
        objectName: "keyboardLoader"
        z: 10
        width: parent.width
        // The panel's type is known only once it is loaded (its module may be missing),
        // so its two properties are read here, by name.
        // qmllint disable missing-property
        readonly property real panelHeight: item && item.active ? item.height : 0
        // qmllint enable missing-property
        y: parent.height - panelHeight
        Component.onCompleted: setSource("touch/KeyboardPanel.qml", { screen: root.touchScreen, pal: colours })
    }

    // Before the idle reset: the seconds left, and one large button to stay. Over the
    // keyboard too, since what the visitor typed is what the reset erases.
    Rectangle {
        objectName: "idleWarning"
        anchors.fill: parent
        z: 15
        visible: root.touchScreen.session.countdown.warning
            && root.touchScreen.session.page !== SessionViewModel.Attract
        color: "#B3000000"
        // Presses here do not reach the page below; the button (or any tap) keeps the visit.
        TapHandler { onTapped: root.touchScreen.session.touched() }
        Rectangle {
            anchors.centerIn: parent
            width: Math.max(warningColumn.width + 160 * root.u, 1000 * root.u)
            height: warningColumn.height + 120 * root.u
            radius: 24 * root.u
            color: colours.card
            border.color: colours.line
            border.width: colours.cardBorder * root.u
            Column {
                id: warningColumn
                anchors.centerIn: parent
                spacing: 36 * root.u
                Text {
                    objectName: "idleWarningText"
                    anchors.horizontalCenter: parent.horizontalCenter
                    horizontalAlignment: Text.AlignHCenter
                    text: qsTr("%1 秒后回到待机画面\n您输入的内容将被清除").arg(root.touchScreen.session.countdown.secondsLeft)
                    color: colours.ink
                    font.pixelSize: Theme.headingSize * root.u * root.ts
                    font.bold: true
                }
                TouchButton {
                    objectName: "idleContinue"
                    anchors.horizontalCenter: parent.horizontalCenter
                    u: root.u; pal: colours; kind: "primary"; textScale: root.ts
                    text: qsTr("继续使用")
                    onTapped: root.touchScreen.session.touched()
                }
            }
        }
    }

    // The administrator's overlay, over everything (screens/admin/): hidden until the
    // corner gesture and the PIN open it.
    Loader {
        objectName: "adminLoader"
        anchors.fill: parent
        z: 20
        active: root.touchScreen.admin !== null
        sourceComponent: Component { AdminLayer { overlay: root.touchScreen.admin; u: root.u } }
    }
}
