pragma ComponentBehavior: Bound
import QtQuick

// One slide of the LED display. The signage screen keeps two of these and cross-fades
// between them, so one is always fully drawn: no black gap between slides.
// The title and the text come cut into lines by the view model (kiosk.wall, measured with
// these fonts): each line is drawn as given, none wraps again. The numbers here are
// kiosk/wall.py's.
Item {
    id: view
    property real u: 1
    property string title
    property var lines: []
    property int textPx: 40
    property int titlePx: 64
    property int lineHeight: 58
    property string meta
    property string pageText
    property string imageSource
    property string qrSource
    readonly property real textWidth: width - (side.width > 0 ? side.width + 40 * u : 0)

    Text {
        id: heading
        objectName: "slideTitle"
        anchors { left: parent.left; top: parent.top }
        width: view.textWidth
        text: view.title
        color: Theme.ledText
        font.pixelSize: view.titlePx
        font.bold: true
    }
    Column {
        id: body
        objectName: "slideText"
        anchors { left: parent.left; top: heading.bottom; topMargin: 20 * view.u }
        width: view.textWidth
        Repeater {
            model: view.lines
            delegate: Text {
                required property var modelData
                objectName: "slideLine"
                height: view.lineHeight
                text: modelData.text
                // Headings stay headings: bold and bright; the note says where to read on.
                color: modelData.style === "heading" ? Theme.ledText : (modelData.style === "note" ? "#FFD54F" : Theme.ledMuted)
                font.pixelSize: view.textPx
                font.bold: modelData.style === "heading"
            }
        }
    }
    // The right-hand column: the picture and/or the QR code, when the slide has them.
    Item {
        id: side
        anchors { right: parent.right; top: parent.top; bottom: parent.bottom }
        width: view.imageSource !== "" ? parent.width * 0.38 : (view.qrSource !== "" ? 200 * view.u : 0)
    }
    Image {
        id: picture
        objectName: "slideImage"
        anchors { right: parent.right; top: parent.top; bottom: qr.visible ? qr.top : parent.bottom; bottomMargin: qr.visible ? 20 * view.u : 0 }
        width: parent.width * 0.38
        visible: view.imageSource !== "" && status !== Image.Error
        source: view.imageSource
        fillMode: Image.PreserveAspectFit
        horizontalAlignment: Image.AlignRight
        verticalAlignment: Image.AlignTop
        asynchronous: true
        sourceSize.width: 1200
    }
    Image {
        id: qr
        objectName: "slideQr"
        anchors { right: parent.right; bottom: qrCaption.top; bottomMargin: 4 * view.u }
        width: 200 * view.u
        height: width
        visible: view.qrSource !== ""
        source: view.qrSource
        smooth: false
        sourceSize.width: 400
    }
    Text {
        id: qrCaption
        objectName: "slideQrCaption"
        anchors { horizontalCenter: qr.horizontalCenter; bottom: parent.bottom }
        visible: qr.visible
        text: qsTr("扫码阅读全文")
        color: Theme.ledText
        font.pixelSize: 28 * view.u
    }
    // The bottom strip: who and when, and the page number.
    Text {
        objectName: "slideMeta"
        anchors { left: parent.left; right: pageNumber.left; rightMargin: 24 * view.u; bottom: parent.bottom }
        text: view.meta
        elide: Text.ElideRight
        color: "#FFD54F"
        font.pixelSize: 34 * view.u
    }
    Text {
        id: pageNumber
        objectName: "slidePage"
        anchors { right: side.width > 0 ? side.left : parent.right; rightMargin: side.width > 0 ? 40 * view.u : 0; bottom: parent.bottom }
        text: view.pageText
        color: Theme.ledText
        font.pixelSize: 34 * view.u
        font.bold: true
    }
}
