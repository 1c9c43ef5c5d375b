"""Simplified and Traditional Chinese: the touch screen's 简/繁 switch (OpenCC).

Content is authored in Simplified Chinese; a visitor who reads Traditional switches the
screen, and both the content and the interface are converted for display. Queries go
the other way, so a Traditional query finds Simplified text.
"""

from __future__ import annotations

import threading
from functools import cache

import opencc

_lock = threading.Lock()


@cache
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def _convert(config: str, text: str) -> str:
    if not text or text.isascii():
        return text
    # One converter object per direction, shared: OpenCC's converter is not documented
    # as thread-safe, and searches run in a worker.
    with _lock:
        converted: str = _converter(config).convert(text)
        return converted


def to_traditional(text: str) -> str:
    """``市政府党务公开`` → ``市政府黨務公開``."""
    return _convert("s2t", text)


def to_simplified(text: str) -> str:
    """``市政府黨務公開`` → ``市政府党务公开``."""
    return _convert("t2s", text)


def for_display(text: str, traditional: bool) -> str:
    """``text`` as the visitor chose to read it."""
    return to_traditional(text) if traditional else text
