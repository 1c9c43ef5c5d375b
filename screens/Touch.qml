import QtQuick
import QtQuick.Window
import "components"
import "touch"

// The touch screen: attract loop → home (categories, search, opinion box) → a category's
// items → one item → its PDF pages. All state lives in the view model `vm`
// (kiosk.qt.touch.TouchViewModel); the pages are in screens/touch/.
Window {
    id: root
    required property var vm
    objectName: "touchWindow"
    title: qsTr("党务公开 · 触摸屏")
    color: colours.paper
    readonly property real u: Math.min(width / 1920, height / 1080)
    readonly property real ts: vm.textScale

    Palette {
        id: colours
        highContrast: root.vm.highContrast
    }

    Rectangle {
        id: header
        objectName: "touchHeader"
        visible: root.vm.page !== "attract"
        anchors { left: parent.left; right: parent.right; top: parent.top }
        height: visible ? 128 * root.u : 0
        color: colours.header
        border.color: colours.highContrast ? colours.line : "transparent"
        border.width: 2 * root.u

        Row {
            id: leftButtons
            anchors { left: parent.left; leftMargin: 20 * root.u; verticalCenter: parent.verticalCenter }
            spacing: 16 * root.u
            TouchButton {
                objectName: "backButton"
                u: root.u; pal: colours
                visible: root.vm.page !== "home"
                text: qsTr("‹ 返回")
                onTapped: root.vm.back()
            }
            TouchButton {
                objectName: "homeButton"
                u: root.u; pal: colours
                visible: root.vm.page !== "home"
                text: qsTr("首页")
                onTapped: root.vm.home()
            }
        }
        Text {
            objectName: "headerTitle"
            anchors { left: leftButtons.right; right: rightButtons.left; verticalCenter: parent.verticalCenter; margins: 24 * root.u }
            horizontalAlignment: Text.AlignHCenter
            elide: Text.ElideRight
            text: root.vm.page === "home" ? qsTr("市政府党务公开")
                : root.vm.page === "search" ? qsTr("搜索")
                : root.vm.page === "feedback" ? qsTr("意见箱")
                : root.vm.page === "pdf" ? root.vm.pdfTitle
                : root.vm.categoryName !== "" ? root.vm.categoryName : qsTr("市政府党务公开")
            color: colours.headerText
            font.pixelSize: Theme.titleSize * root.u
            font.bold: true
        }
        Row {
            id: rightButtons
            anchors { right: parent.right; rightMargin: 20 * root.u; verticalCenter: parent.verticalCenter }
            spacing: 16 * root.u
            TouchButton {
                objectName: "searchButton"
                u: root.u; pal: colours
                visible: root.vm.page !== "search"
                text: qsTr("搜索")
                onTapped: root.vm.openSearch()
            }
            TouchButton {
                objectName: "textSizeButton"
                u: root.u; pal: colours
                text: [qsTr("字号 标准"), qsTr("字号 较大"), qsTr("字号 特大")][root.vm.textSize]
                onTapped: root.vm.cycleTextSize()
            }
            TouchButton {
                objectName: "chineseButton"
                u: root.u; pal: colours
                // Names the script a tap switches to.
                text: root.vm.traditional ? "简体" : "繁體"
                onTapped: root.vm.toggleTraditional()
            }
            TouchButton {
                objectName: "contrastButton"
                u: root.u; pal: colours
                selected: root.vm.highContrast
                text: qsTr("高对比")
                onTapped: root.vm.toggleContrast()
            }
        }
    }

    Loader {
        id: page
        objectName: "pageLoader"
        anchors { left: parent.left; right: parent.right; top: header.bottom; bottom: parent.bottom }
        sourceComponent: ({ attract: attractPage, home: homePage, list: listPage, item: itemPage, pdf: pdfPage,
                            search: searchPage, feedback: feedbackPage })[root.vm.page] || homePage
    }
    Component { id: attractPage; AttractPage { vm: root.vm; pal: colours; u: root.u } }
    Component { id: homePage; HomePage { vm: root.vm; pal: colours; u: root.u } }
    Component { id: listPage; ListPage { vm: root.vm; pal: colours; u: root.u } }
    Component { id: itemPage; ItemPage { vm: root.vm; pal: colours; u: root.u } }
    Component { id: pdfPage; PdfPage { vm: root.vm; pal: colours; u: root.u } }
    Component { id: feedbackPage; FeedbackPage { vm: root.vm; pal: colours; u: root.u } }
    Component {
        id: searchPage
        SearchPage {
            vm: root.vm; pal: colours; u: root.u
            keyboardHeight: keyboard.item && keyboard.item.active ? keyboard.item.height : 0
        }
    }

    // An enlarged image over everything; a tap anywhere closes it.
    Rectangle {
        id: lightbox
        objectName: "lightbox"
        anchors.fill: parent
        visible: root.vm.enlargedImage !== ""
        color: "#E6000000"
        Image {
            objectName: "lightboxImage"
            anchors { fill: parent; margins: 40 * root.u; bottomMargin: 170 * root.u }
            fillMode: Image.PreserveAspectFit
            asynchronous: true
            source: root.vm.enlargedImage
            sourceSize.width: 1800
        }
        TouchButton {
            objectName: "closeImage"
            anchors { horizontalCenter: parent.horizontalCenter; bottom: parent.bottom; bottomMargin: 40 * root.u }
            u: root.u; pal: colours
            text: qsTr("关闭")
            onTapped: root.vm.closeImage()
        }
        TapHandler { onTapped: root.vm.closeImage() }
    }

    // Any press anywhere restarts the idle countdown, without taking the press from
    // the control under it.
    TapHandler {
        grabPermissions: PointerHandler.ApprovesTakeOverByAnything
        gesturePolicy: TapHandler.DragThreshold
        onPressedChanged: if (pressed) root.vm.touched()
    }

    // The virtual keyboard, inside this window (screens/touch/KeyboardPanel.qml).
    Loader {
        id: keyboard
        objectName: "keyboardLoader"
        z: 10
        width: Math.min(parent.width, 1600 * root.u)
        anchors.horizontalCenter: parent.horizontalCenter
        y: item && item.active ? parent.height - item.height : parent.height
        Component.onCompleted: setSource("touch/KeyboardPanel.qml", { vm: root.vm })
    }
}
