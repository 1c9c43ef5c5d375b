pragma ComponentBehavior: Bound
import QtQuick

// One slide of the LED display. The signage screen keeps two of these and cross-fades
// between them, so one is always fully drawn: no black gap between slides.
Item {
    id: view
    property real u: 1
    property int minFontPx: 40
    property string title
    property string text
    property string meta
    property string pageText
    property string imageSource
    property string qrSource

    Text {
        id: heading
        objectName: "slideTitle"
        anchors { left: parent.left; right: side.left; rightMargin: side.width > 0 ? 40 * view.u : 0; top: parent.top }
        text: view.title
        wrapMode: Text.Wrap
        maximumLineCount: 2
        elide: Text.ElideRight
        color: Theme.ledText
        font.pixelSize: 76 * view.u
        font.bold: true
    }
    Text {
        id: metaLine
        objectName: "slideMeta"
        anchors { left: heading.left; right: heading.right; top: heading.bottom; topMargin: 12 * view.u }
        text: view.meta
        elide: Text.ElideRight
        color: "#FFD54F"
        font.pixelSize: 38 * view.u
    }
    Text {
        id: body
        objectName: "slideText"
        // The bottom strip is kept for the page number, so text never runs under it.
        anchors { left: heading.left; right: heading.right; top: metaLine.bottom; topMargin: 20 * view.u; bottom: parent.bottom; bottomMargin: 56 * view.u }
        text: view.text
        wrapMode: Text.Wrap
        // Fill the area at the largest size that fits, never below the configured minimum:
        // the view model pages the text so that the minimum always suffices.
        fontSizeMode: Text.Fit
        // The minimum is in real pixels of the wall (min_font_px), whatever its size.
        minimumPixelSize: view.minFontPx
        clip: true
        font.pixelSize: Math.max(minimumPixelSize, 64 * view.u)
        color: Theme.ledMuted
        verticalAlignment: Text.AlignTop
    }
    // The right-hand column: the picture and/or the QR code, when the slide has them.
    Item {
        id: side
        anchors { right: parent.right; top: parent.top; bottom: parent.bottom }
        width: picture.visible ? parent.width * 0.38 : (qr.visible ? qr.width : 0)
    }
    Image {
        id: picture
        objectName: "slideImage"
        anchors { right: parent.right; top: parent.top; bottom: qr.visible ? qr.top : parent.bottom; bottomMargin: qr.visible ? 20 * view.u : 0 }
        width: visible ? parent.width * 0.38 : 0
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
        anchors { right: parent.right; bottom: parent.bottom }
        width: visible ? 200 * view.u : 0
        height: width
        visible: view.qrSource !== ""
        source: view.qrSource
        smooth: false
        sourceSize.width: 400
    }
    Text {
        objectName: "slidePage"
        anchors { right: qr.visible ? qr.left : parent.right; rightMargin: qr.visible ? 24 * view.u : 0; bottom: parent.bottom }
        visible: view.pageText !== ""
        text: view.pageText
        color: Theme.ledText
        font.pixelSize: 36 * view.u
        font.bold: true
    }
}
