pragma ComponentBehavior: Bound
import QtQuick

// A horizontal ticker. Its position is computed from elapsed time, not advanced by a
// fixed step per frame, so late frames do not make it jump and a new text does not
// restart it from the edge.
Rectangle {
    id: ticker
    property string text
    property real speed: 120   // pixels per second
    property real u: 1
    property real travelled: 0 // pixels moved since start

    color: Theme.accent
    visible: text !== ""
    clip: true

    Row {
        id: strip
        objectName: "tickerStrip"
        y: (ticker.height - height) / 2
        // One copy after another, so the loop has no gap; the strip wraps every copy width.
        x: ticker.width - (ticker.travelled % (copy.width + ticker.width))
        Text {
            id: copy
            objectName: "tickerText"
            text: ticker.text
            color: "white"
            font.pixelSize: 44 * ticker.u
            font.bold: true
        }
    }
    FrameAnimation {
        objectName: "tickerAnimation"
        running: ticker.visible
        onTriggered: ticker.travelled += ticker.speed * frameTime
    }
}
