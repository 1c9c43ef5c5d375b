"""Stored text made safe to print on an administrator's terminal.

Heartbeats, item titles and visitors' feedback are written by others. Printed raw, an
escape sequence in them (``\\x1b[2J`` clears the screen; others retitle the window, move
the cursor or fake earlier lines) or a bidirectional override acts on the terminal instead
of being read. Every command-line listing shows such characters as escapes instead:
C0 and C1 controls (tab and newline too: a listing is one line per record, its fields
separated by tabs), DEL, bidirectional embeddings, overrides, isolates and marks, and the
line and paragraph separators. JSON output is escaped the same way (still valid JSON).
"""

from __future__ import annotations

import json
import re

_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(value) -> str:
    """``value`` as text with every unsafe character written as an escape (``\\x1b``)."""
    return _UNSAFE.sub(_escape, "" if value is None else str(value))


# json.dumps escapes every C0 control inside strings; the newlines it leaves are its own
# indentation. The rest of the unsafe characters it would write raw.
_UNSAFE_IN_JSON = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")


def _json_escape(match: re.Match) -> str:
    return f"\\u{ord(match.group()):04x}"


def dumps(value) -> str:
    """JSON for people's terminals: non-ASCII letters kept, unsafe characters as ``\\uXXXX``."""
    # What json leaves raw (C1, DEL, bidi) appears only inside strings, where \uXXXX means
    # the same character.
    return _UNSAFE_IN_JSON.sub(_json_escape, json.dumps(value, ensure_ascii=False, indent=2))
