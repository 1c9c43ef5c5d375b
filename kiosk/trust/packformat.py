"""The pack format: ``<name> <length>\\n<bytes>\\n``, record after record.

Document packs name each record by its sha256; the metadata pack by its file name.

Shared by the store, which writes packs, and the kiosk, which reads them. A pack is a
transport convenience: every record is checked against a verified bin by the reader.
"""

from __future__ import annotations

from collections.abc import Iterator


def record(name: str, data: bytes) -> bytes:
    return f"{name} {len(data)}\n".encode("ascii") + data + b"\n"


def parse(data: bytes) -> Iterator[tuple[str, bytes]]:
    """``(name, bytes)`` for each record of a pack; stops at the first malformed one."""
    at = 0
    while at < len(data):
        head_end = data.find(b"\n", at, at + 100)
        if head_end < 0:
            return
        try:
            sha, length_text = data[at:head_end].decode("ascii").split(" ")
            length = int(length_text)
        except ValueError:
            return
        start, end = head_end + 1, head_end + 1 + length
        if length < 0 or end >= len(data) + 1 or data[end : end + 1] != b"\n":
            return
        yield sha, data[start:end]
        at = end + 1
