"""Known characters as strokes, drawn the way people write them (order and direction).

Coordinates are fractions of the pad (0..1, y downwards); :func:`points` spreads each
stroke into the many points a finger leaves.
"""

from __future__ import annotations

#: character -> strokes -> corners of the stroke's path.
CHARACTERS = {
    # 横, then 竖.
    "十": [[(0.15, 0.45), (0.85, 0.45)], [(0.5, 0.12), (0.5, 0.9)]],
    # 竖, 横折, 横: a small square.
    "口": [
        [(0.32, 0.3), (0.32, 0.72)],
        [(0.32, 0.3), (0.7, 0.3), (0.7, 0.72)],
        [(0.32, 0.7), (0.7, 0.7)],
    ],
    # 口 (flat and wide), then the 竖 through it.
    "中": [
        [(0.22, 0.32), (0.22, 0.62)],
        [(0.22, 0.32), (0.78, 0.32), (0.78, 0.62)],
        [(0.22, 0.6), (0.78, 0.6)],
        [(0.5, 0.1), (0.5, 0.92)],
    ],
}


def points(path, size: float, step: float = 0.02):
    """The finger's points along ``path`` on a ``size``-wide square, one every ``step``."""
    out = []
    for (x0, y0), (x1, y1) in zip(path, path[1:], strict=False):
        n = max(1, int(max(abs(x1 - x0), abs(y1 - y0)) / step))
        out.extend((size * (x0 + (x1 - x0) * i / n), size * (y0 + (y1 - y0) * i / n)) for i in range(n))
    out.append((size * path[-1][0], size * path[-1][1]))
    return out
