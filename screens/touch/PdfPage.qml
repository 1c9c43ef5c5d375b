pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Pdf
import Kiosk
import "../components"

// One PDF attachment, a page at a time: swipe or tap 上一页/下一页; zoom with the buttons
// (no pinch needed), and move a zoomed page by dragging it.
Item {
    id: page
    required property TouchScreen screen
    required property Colours pal
    required property real u
    objectName: "pdfPage"

    PdfDocument {
        id: pdfDocument
    }
    // Set once: the page is made for one document, and a binding would try to open ""
    // when the view model lets the document go before this page is gone.
    Component.onCompleted: pdfDocument.source = page.screen.pdf.source

    ListView {
        id: pages
        objectName: "pdfPages"
        anchors { left: parent.left; right: parent.right; top: parent.top; bottom: controls.top; margins: 16 * page.u }
        orientation: ListView.Horizontal
        snapMode: ListView.SnapOneItem
        highlightRangeMode: ListView.StrictlyEnforceRange
        highlightMoveDuration: 250
        boundsBehavior: Flickable.StopAtBounds
        // A zoomed page is dragged around instead of swiped away.
        interactive: page.screen.pdf.zoom <= 1
        clip: true
        // Pages are made once the document is open: an image made earlier stays blank.
        model: pdfDocument.status === PdfDocument.Ready ? pdfDocument.pageCount : 0
        currentIndex: page.screen.pdf.page
        onCurrentIndexChanged: page.screen.pdf.showPdfPage(currentIndex)
        onMovementStarted: page.screen.session.touched()
        // A page opens as wide as the screen allows (up to a reading width), scrolled from
        // its top: an A4 page's body text of 9 pt or more is then 24 px or more at 1080p
        // (11 pt on a landscape page), where a whole page on the screen made 11 pt about
        // 12 px. Zoom widens it further.
        delegate: Item {
            id: slot
            required property int index
            readonly property size points: pdfDocument.pagePointSize(index)
            width: pages.width
            height: pages.height
            Flickable {
                id: sheet
                objectName: "pdfSheet-" + slot.index
                anchors.fill: parent
                clip: true
                flickableDirection: page.screen.pdf.zoom > 1 ? Flickable.HorizontalAndVerticalFlick : Flickable.VerticalFlick
                contentWidth: Math.max(width, image.width)
                contentHeight: Math.max(height, image.height)
                boundsBehavior: Flickable.StopAtBounds
                onMovementStarted: page.screen.session.touched()
                PdfPageImage {
                    id: image
                    objectName: "pdfImage-" + slot.index
                    document: pdfDocument
                    currentFrame: slot.index
                    asynchronous: true
                    fillMode: Image.PreserveAspectFit
                    x: Math.max(0, (sheet.width - width) / 2)
                    // A wide (landscape) page needs more than the reading width for the same
                    // size: 2.3 px a point reads an 11 pt body at 25 px (at 1080p).
                    width: Math.min(sheet.width, Math.max(1600, 2.3 * slot.points.width) * page.u) * page.screen.pdf.zoom
                    height: slot.points.width > 0 ? width * slot.points.height / slot.points.width : sheet.height
                    sourceSize.height: Math.min(4000, height)
                }
            }
            ScrollHint { flickable: sheet; pal: page.pal; u: page.u }
        }
    }

    Row {
        id: controls
        anchors { horizontalCenter: parent.horizontalCenter; bottom: parent.bottom; bottomMargin: 16 * page.u }
        spacing: 28 * page.u
        TouchButton {
            objectName: "pdfPrevious"; u: page.u; pal: page.pal
            text: qsTr("上一页")
            opacity: page.screen.pdf.page > 0 ? 1 : 0.4
            onTapped: page.screen.pdf.showPdfPage(page.screen.pdf.page - 1)
        }
        Text {
            objectName: "pdfPageLabel"
            anchors.verticalCenter: parent.verticalCenter
            width: 260 * page.u
            horizontalAlignment: Text.AlignHCenter
            text: qsTr("第 %1 / %2 页").arg(page.screen.pdf.page + 1).arg(page.screen.pdf.pageCount)
            color: page.pal.ink
            font.pixelSize: Theme.headingSize * page.u
            font.bold: true
        }
        TouchButton {
            objectName: "pdfNext"; u: page.u; pal: page.pal
            text: qsTr("下一页")
            opacity: page.screen.pdf.page < page.screen.pdf.pageCount - 1 ? 1 : 0.4
            onTapped: page.screen.pdf.showPdfPage(page.screen.pdf.page + 1)
        }
        Item { width: 60 * page.u; height: 1 }
        TouchButton {
            objectName: "zoomOut"; u: page.u; pal: page.pal
            text: qsTr("缩小")
            opacity: page.screen.pdf.zoom > 1 ? 1 : 0.4
            onTapped: page.screen.pdf.zoomPdf(-1)
        }
        TouchButton {
            objectName: "zoomIn"; u: page.u; pal: page.pal
            text: qsTr("放大")
            onTapped: page.screen.pdf.zoomPdf(1)
        }
    }
}
