"""Content-addressed bytes as HTTP answers: immutable caching, and one byte range (RFC 9110 §14).

Item documents and assets never change under their sha256, so anything in front of the
store may keep them for a year. A kiosk resuming a large download asks for the rest with
``Range``; a range the store cannot serve exactly (several ranges, another unit) is
answered with the whole, which the standard allows, and a position of thousands of digits
is refused before ``int()`` sees it.
"""

from __future__ import annotations

import re

from fastapi import Request
from fastapi.responses import Response

IMMUTABLE = "public, max-age=31536000, immutable"
_RANGE = re.compile(r"bytes=([0-9]*)-([0-9]*)")
#: Positions longer than 18 digits are past any asset (and int() of 5,000 digits is refused).
_POSITION_DIGITS = 18


def ranged(data: bytes, media_type: str, sha256: str, request: Request) -> Response:
    """The whole of ``data``, or the one byte range asked for (RFC 9110 §14)."""
    etag = f'"{sha256}"'
    headers = {"ETag": etag, "Cache-Control": IMMUTABLE, "Accept-Ranges": "bytes"}
    asked = request.headers.get("range")
    if_range = request.headers.get("if-range")
    if asked is None or (if_range is not None and if_range.strip() != etag):
        return Response(data, media_type=media_type, headers=headers)
    match = _RANGE.fullmatch(asked.strip())
    if match is None or match.group(1) == match.group(2) == "":
        # Several ranges, or another unit: serving the whole is always allowed.
        return Response(data, media_type=media_type, headers=headers)
    size = len(data)
    first, last = match.group(1), match.group(2)
    if len(first) > _POSITION_DIGITS:  # a start beyond any asset
        return Response(status_code=416, headers={**headers, "Content-Range": f"bytes */{size}"})
    if len(last) > _POSITION_DIGITS:  # an end (or a suffix length) beyond the asset: up to its end
        last = str(size)
    if first == "":  # the last N bytes
        start, end = max(0, size - int(last)), size - 1
    else:
        start = int(first)
        end = min(int(last), size - 1) if last else size - 1
    if start >= size or start > end:
        return Response(status_code=416, headers={**headers, "Content-Range": f"bytes */{size}"})
    headers["Content-Range"] = f"bytes {start}-{end}/{size}"
    return Response(data[start : end + 1], status_code=206, media_type=media_type, headers=headers)
