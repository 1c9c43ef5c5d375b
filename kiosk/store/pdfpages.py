"""PDF attachments previewed page by page: each page rendered to a PNG, away from the store.

An attachment is untrusted bytes, and a PDF renderer is a large C library: a hostile file
may make it crash, loop or swallow memory. So no PDF is opened in the store's process.
Each request runs ``python -m kiosk.store.pdfpages`` as a child with the bytes on its
stdin, a wall-clock timeout, a CPU-time limit and an address-space limit; whatever goes
wrong there is one :class:`PreviewError` here, and the page says "no preview". PDFium
(through pypdfium2) renders: the renderer Chromium uses, maintained by Google, wheels with
no system dependency. Pages beyond :data:`MAX_PAGES` are not previewed (the file is still
downloadable whole), and a page is rendered :data:`WIDTH` pixels wide, its height bounded
by :data:`MAX_HEIGHT`. The PNG is written here with zlib, so nothing else is needed.
"""

from __future__ import annotations

import contextlib
import resource
import struct
import subprocess
import sys
import threading
import zlib
from collections import OrderedDict

MAX_PAGES = 30
WIDTH = 900
MAX_HEIGHT = 4 * WIDTH
TIMEOUT = 10.0
CPU_SECONDS = 10
MEMORY_BYTES = 768 * 1024 * 1024
#: Rendered pages (and page counts) kept in memory, by attachment hash and page.
CACHE_ENTRIES = 64


class PreviewError(RuntimeError):
    """The PDF could not be previewed (malformed, too demanding, or no renderer installed)."""


def available() -> bool:
    try:
        import pypdfium2  # noqa: F401
    except ImportError:
        return False
    return True


def _limits() -> None:
    # Set by the child on itself, first thing: a preexec_fn is unsafe in a threaded server.
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))


def _child(data: bytes, *args: str) -> bytes:
    try:
        done = subprocess.run(
            [sys.executable, "-m", "kiosk.store.pdfpages", *args],
            input=data,
            capture_output=True,
            timeout=TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise PreviewError("rendering took too long") from None
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise PreviewError(reason[-1][:200] if reason else f"the renderer ended with status {done.returncode}")
    return done.stdout


class Previews:
    """Page counts and page images of PDF attachments, rendered in a child and kept a while."""

    def __init__(self) -> None:
        self._cache: OrderedDict[tuple[str, int], bytes | int] = OrderedDict()
        self._lock = threading.Lock()

    def _cached(self, key: tuple[str, int], make):
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        value = make()
        with self._lock:
            self._cache[key] = value
            while len(self._cache) > CACHE_ENTRIES:
                self._cache.popitem(last=False)
        return value

    def pages(self, sha256: str, data: bytes) -> int:
        """How many pages are previewed (at most :data:`MAX_PAGES`); raises :class:`PreviewError`."""
        return int(self._cached((sha256, 0), lambda: min(int(_child(data, "count")), MAX_PAGES)))

    def page_png(self, sha256: str, data: bytes, page: int) -> bytes:
        """Page ``page`` (from 1) as PNG bytes; raises :class:`PreviewError`."""
        if not 1 <= page <= MAX_PAGES:
            raise PreviewError(f"only the first {MAX_PAGES} pages are previewed")
        return bytes(self._cached((sha256, page), lambda: _child(data, "render", str(page))))


def png(width: int, height: int, rgb: bytes, stride: int) -> bytes:
    """An 8-bit RGB PNG of rows ``stride`` bytes apart in ``rgb``."""
    rows = b"".join(b"\x00" + rgb[y * stride : y * stride + width * 3] for y in range(height))

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 6)) + chunk(b"IEND", b"")


def _render(data: bytes, page_number: int) -> bytes:
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    document = pdfium.PdfDocument(data)
    if not 1 <= page_number <= len(document):
        raise PreviewError(f"the document has {len(document)} pages")
    page = document[page_number - 1]
    width, height = page.get_size()
    if width <= 0 or height <= 0:
        raise PreviewError("the page has no size")
    scale = min(WIDTH / width, MAX_HEIGHT / height)
    bitmap = page.render(scale=scale, may_draw_forms=False, force_bitmap_format=raw.FPDFBitmap_BGR, rev_byteorder=True)
    return png(bitmap.width, bitmap.height, bytes(bitmap.buffer), bitmap.stride)


def main(argv: list[str]) -> int:
    """The child: the PDF on stdin; ``count`` prints the page count, ``render N`` writes page N's PNG."""
    _limits()
    data = sys.stdin.buffer.read()
    try:
        import pypdfium2 as pdfium

        if argv[:1] == ["count"]:
            sys.stdout.write(str(len(pdfium.PdfDocument(data))))
        elif len(argv) == 2 and argv[0] == "render":
            sys.stdout.buffer.write(_render(data, int(argv[1])))
        else:
            raise PreviewError("usage: count | render N")
    except ImportError:
        print("no PDF renderer installed (pypdfium2)", file=sys.stderr)
        return 3
    except Exception as exc:  # anything the file provokes is one line for the parent
        with contextlib.suppress(Exception):
            print(f"not previewable: {' '.join(str(exc).split())[:160]}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
