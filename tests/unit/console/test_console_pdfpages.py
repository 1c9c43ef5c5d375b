"""PDF attachments previewed page by page: rendered in a child process to bounded PNGs, and a
file the renderer cannot take (malformed, slow) is one PreviewError, never a crash or a hang."""

from __future__ import annotations

import struct
import zlib

import pytest
from pdf_support import make_pdf

from kiosk.store import pdfpages

pytest.importorskip("pypdfium2")


def decode(png: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and RGB rows of a PNG as :func:`pdfpages.png` writes it (filter 0 rows)."""
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = struct.unpack(">II", png[16:24])
    start = png.index(b"IDAT") + 4
    length = struct.unpack(">I", png[start - 8 : start - 4])[0]
    raw = zlib.decompress(png[start : start + length])
    stride = 1 + width * 3
    return width, height, [raw[y * stride + 1 : (y + 1) * stride] for y in range(height)]


def test_pages_are_counted_and_rendered_as_they_are(tmp_path):
    previews = pdfpages.Previews()
    data = make_pdf([(595, 842), (842, 595), (595, 842)])
    assert previews.pages("a" * 64, data) == 3
    width, height, rows = decode(previews.page_png("a" * 64, data, 2))
    assert (width, height) == (pdfpages.WIDTH, round(pdfpages.WIDTH * 595 / 842))
    # The blue square fills the lower left quarter: blue there, white at the top right.
    assert rows[-2][3:6] == b"\x00\x00\xff" and rows[1][-3:] == b"\xff\xff\xff"
    with pytest.raises(pdfpages.PreviewError, match="has 3 pages"):
        previews.page_png("a" * 64, data, 4)
    with pytest.raises(pdfpages.PreviewError, match="first 30 pages"):
        previews.page_png("a" * 64, data, pdfpages.MAX_PAGES + 1)


def test_an_extreme_page_is_rendered_within_bounds():
    previews = pdfpages.Previews()
    data = make_pdf([(14400, 20), (20, 14400)])
    width, height, _ = decode(previews.page_png("b" * 64, data, 1))
    assert width == pdfpages.WIDTH and height <= 2
    width, height, _ = decode(previews.page_png("b" * 64, data, 2))
    assert height == pdfpages.MAX_HEIGHT and width <= 5


def test_hostile_files_are_one_error(monkeypatch):
    previews = pdfpages.Previews()
    with pytest.raises(pdfpages.PreviewError, match="not previewable"):
        previews.pages("c" * 64, b"%PDF-1.7\n" + b"\x00garbage" * 100)
    with pytest.raises(pdfpages.PreviewError, match="not previewable"):
        previews.page_png("d" * 64, make_pdf([(595, 842)])[:200], 1)  # cut short
    monkeypatch.setattr(pdfpages, "TIMEOUT", 0.01)  # a renderer that does not finish in time
    with pytest.raises(pdfpages.PreviewError, match="too long"):
        previews.pages("e" * 64, make_pdf([(595, 842)]))
