pragma ComponentBehavior: Bound
import QtQuick
import Kiosk
import "../components"

// The handwriting pad: write one character on the square, pick it from the large
// candidate buttons beside it. The strokes go to the view model (recognised by Zinnia in
// a worker); the ink is only drawn here.
Rectangle {
    id: pad
    required property HandwritingViewModel hw
    required property Colours pal
    required property real u
    signal chosen(string text)
    signal backspace()
    color: "#263238"

    // -- the writing square --------------------------------------------------------------
    Rectangle {
        id: square
        objectName: "handwritingSquare"
        anchors { left: parent.left; top: parent.top; bottom: parent.bottom; margins: 16 * pad.u }
        width: height
        radius: 8 * pad.u
        color: "#FFFFFF"
        // A 田字格 guide, as in a school exercise book.
        Rectangle { anchors.centerIn: parent; width: parent.width - 32 * pad.u; height: 2 * pad.u; color: "#E3D6C4" }
        Rectangle { anchors.centerIn: parent; height: parent.height - 32 * pad.u; width: 2 * pad.u; color: "#E3D6C4" }
        Text {
            anchors { horizontalCenter: parent.horizontalCenter; bottom: parent.bottom; bottomMargin: 24 * pad.u }
            visible: pad.hw.strokeCount === 0
            text: pad.hw.problem !== "" ? pad.hw.problem : qsTr("请在此处写一个字")
            width: parent.width - 48 * pad.u
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.Wrap
            color: pad.pal.muted
            font.pixelSize: Theme.metaSize * pad.u
        }
        Canvas {
            id: ink
            anchors.fill: parent
            // Segments drawn since the last paint; the canvas keeps what it drew before.
            property var pending: []
            property bool wipe: false
            onPaint: {
                const ctx = getContext("2d")
                if (ink.wipe) {
                    ctx.clearRect(0, 0, width, height)
                    ink.wipe = false
                }
                ctx.strokeStyle = "#1F1B16"
                ctx.lineWidth = 10 * pad.u
                ctx.lineCap = "round"
                ctx.lineJoin = "round"
                for (const s of ink.pending) {
                    ctx.beginPath()
                    ctx.moveTo(s[0], s[1])
                    ctx.lineTo(s[2], s[3])
                    ctx.stroke()
                }
                ink.pending = []
            }
        }
        MouseArea {
            id: writing
            objectName: "handwritingArea"
            anchors.fill: parent
            // A stroke is the visitor's: a list or the window must not take it over.
            preventStealing: true
            property point last
            onPressed: (mouse) => {
                writing.last = Qt.point(mouse.x, mouse.y)
                pad.hw.beginStroke(mouse.x, mouse.y, width, height)
                ink.pending.push([mouse.x, mouse.y, mouse.x + 0.1, mouse.y + 0.1])
                ink.requestPaint()
            }
            onPositionChanged: (mouse) => {
                pad.hw.addPoint(mouse.x, mouse.y)
                ink.pending.push([writing.last.x, writing.last.y, mouse.x, mouse.y])
                writing.last = Qt.point(mouse.x, mouse.y)
                ink.requestPaint()
            }
            onReleased: pad.hw.endStroke()
            onCanceled: pad.hw.endStroke()
        }
        Connections {
            target: pad.hw
            function onStrokesChanged() {
                if (pad.hw.strokeCount === 0) {
                    ink.pending = []
                    ink.wipe = true
                    ink.requestPaint()
                }
            }
        }
    }

    // -- candidates and the pad's own keys ----------------------------------------------
    Grid {
        id: candidates
        objectName: "handwritingCandidates"
        anchors { left: square.right; right: parent.right; top: parent.top; margins: 16 * pad.u; leftMargin: 24 * pad.u }
        columns: 5
        spacing: 12 * pad.u
        readonly property real cell: (width - 4 * spacing) / 5
        Repeater {
            model: pad.hw.candidates
            delegate: Rectangle {
                id: cand
                required property string modelData
                required property int index
                objectName: "handwritingCandidate-" + index
                width: candidates.cell
                // Two rows, clear of the pad's own keys below them.
                height: Math.min(candidates.cell, (pad.height - padKeys.height - 72 * pad.u) / 2)
                radius: 12 * pad.u
                color: press.pressed ? "#5A6B73" : (index === 0 ? "#455A64" : "#37474F")
                Text {
                    anchors.centerIn: parent
                    text: cand.modelData
                    color: "#FFFFFF"
                    font.pixelSize: 72 * pad.u
                }
                TapHandler {
                    id: press
                    onTapped: {
                        const text = pad.hw.pick(cand.index)
                        if (text !== "")
                            pad.chosen(text)
                    }
                }
            }
        }
    }
    Row {
        id: padKeys
        anchors { left: candidates.left; bottom: parent.bottom; bottomMargin: 16 * pad.u }
        spacing: 16 * pad.u
        TouchButton {
            objectName: "handwritingClear"
            u: pad.u; pal: pad.pal
            text: qsTr("重写")
            onTapped: pad.hw.clear()
        }
        TouchButton {
            objectName: "handwritingBackspace"
            u: pad.u; pal: pad.pal
            text: qsTr("⌫ 删除")
            onTapped: pad.backspace()
        }
    }
}
