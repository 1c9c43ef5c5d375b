"""Handwritten Chinese characters recognised from strokes: a small ctypes binding of our own.

This is the kiosk's own minimal binding to the C library of Zinnia (Debian: ``libzinnia0``)
— not a published Python package — covering only what the handwriting pad needs: open a
model, classify one character. The model is Tegaki's Simplified Chinese one (Debian:
``tegaki-zinnia-simplified-chinese``, 6,763 characters).

A character is a list of strokes in the order they were written; a stroke is the list of
points the finger passed, in pad coordinates (``width`` × ``height``). Zinnia compares
stroke order and direction, so a character is recognised when drawn the way people write it.

Plain Python: no Qt. Classifying takes a few milliseconds; the touch screen calls it from
its background runner, so :class:`Recognizer` serialises calls with a lock.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

#: Where Debian's package puts the model.
DEFAULT_MODEL = Path("/usr/share/tegaki/models/zinnia/handwriting-zh_CN.model")
LIBRARY = "zinnia"
#: What one character may hold: a finger scribbling for minutes is cut, never grows memory.
MAX_STROKES = 40
MAX_POINTS_PER_STROKE = 400
#: Candidates asked of the library at most.
MAX_CANDIDATES = 20

Point = tuple[float, float]


class HandwritingUnavailable(RuntimeError):
    """The library or the model is missing (the message says which, and the package)."""


@dataclass(frozen=True)
class Candidate:
    character: str
    score: float


def _load_library(name: str | None = None) -> ctypes.CDLL:
    found = name or ctypes.util.find_library(LIBRARY)
    if not found:
        raise HandwritingUnavailable("libzinnia.so.0 is missing (on Debian: apt-get install libzinnia0)")
    try:
        lib = ctypes.CDLL(found)
    except OSError as exc:
        raise HandwritingUnavailable(f"cannot load {found}: {exc}") from exc
    p, size, c_int, c_float, c_str = ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int, ctypes.c_float, ctypes.c_char_p
    # Every function is declared: ctypes would otherwise pass and return C ints, cutting
    # pointers to 32 bits on a 64-bit machine.
    signatures = {
        "zinnia_recognizer_new": (p, []),
        "zinnia_recognizer_destroy": (None, [p]),
        "zinnia_recognizer_open": (c_int, [p, c_str]),
        "zinnia_recognizer_strerror": (c_str, [p]),
        "zinnia_recognizer_classify": (p, [p, p, size]),
        "zinnia_character_new": (p, []),
        "zinnia_character_destroy": (None, [p]),
        "zinnia_character_clear": (None, [p]),
        "zinnia_character_set_width": (None, [p, size]),
        "zinnia_character_set_height": (None, [p, size]),
        "zinnia_character_add": (c_int, [p, size, c_int, c_int]),
        "zinnia_result_size": (size, [p]),
        "zinnia_result_value": (c_str, [p, size]),
        "zinnia_result_score": (c_float, [p, size]),
        "zinnia_result_destroy": (None, [p]),
    }
    for function, (restype, argtypes) in signatures.items():
        fn = getattr(lib, function)
        fn.restype = restype
        fn.argtypes = argtypes
    return lib


class Recognizer:
    """One opened model; :meth:`classify` may be called from any one thread at a time."""

    def __init__(self, model: Path = DEFAULT_MODEL, *, library: str | None = None) -> None:
        model = Path(model)
        if not model.is_file():
            raise HandwritingUnavailable(
                f"no handwriting model at {model} (on Debian: apt-get install tegaki-zinnia-simplified-chinese)"
            )
        self._lib = _load_library(library)
        self._lock = threading.Lock()
        self._recognizer = self._lib.zinnia_recognizer_new()
        self._character = self._lib.zinnia_character_new()
        if not self._recognizer or not self._character:
            self.close()
            raise HandwritingUnavailable("zinnia: out of memory")
        # zinnia_recognizer_open returns 1 on success, 0 on failure.
        if self._lib.zinnia_recognizer_open(self._recognizer, str(model).encode()) != 1:
            reason = (self._lib.zinnia_recognizer_strerror(self._recognizer) or b"").decode(errors="replace")
            self.close()
            raise HandwritingUnavailable(f"cannot open the handwriting model {model}: {reason}")

    def classify(self, strokes: Sequence[Sequence[Point]], width: float, height: float, n: int = 10) -> list[Candidate]:
        """The ``n`` likeliest characters for ``strokes``, best first (none for no strokes)."""
        drawn = [stroke[:MAX_POINTS_PER_STROKE] for stroke in strokes[:MAX_STROKES] if len(stroke) > 0]
        if not drawn or width < 1 or height < 1:
            return []
        n = max(1, min(int(n), MAX_CANDIDATES))
        with self._lock:
            if not self._recognizer:
                return []
            lib, character = self._lib, self._character
            lib.zinnia_character_clear(character)
            lib.zinnia_character_set_width(character, int(width))
            lib.zinnia_character_set_height(character, int(height))
            for number, stroke in enumerate(drawn):
                for x, y in stroke:
                    # Points outside the pad (a finger sliding off it) are held to its edge.
                    px = min(max(int(x), 0), int(width))
                    py = min(max(int(y), 0), int(height))
                    lib.zinnia_character_add(character, number, px, py)
            result = lib.zinnia_recognizer_classify(self._recognizer, character, n)
            if not result:
                return []
            try:
                return [
                    Candidate(
                        lib.zinnia_result_value(result, i).decode("utf-8", "replace"),
                        lib.zinnia_result_score(result, i),
                    )
                    for i in range(min(lib.zinnia_result_size(result), n))
                ]
            finally:
                lib.zinnia_result_destroy(result)

    def close(self) -> None:
        with self._lock:
            if self._character:
                self._lib.zinnia_character_destroy(self._character)
                self._character = None
            if self._recognizer:
                self._lib.zinnia_recognizer_destroy(self._recognizer)
                self._recognizer = None

    def __enter__(self) -> Recognizer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
