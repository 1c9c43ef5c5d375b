"""The Zinnia binding with the real library and model: known characters come back on top."""

from __future__ import annotations

import pytest
from handwriting_support import CHARACTERS, points

from kiosk import handwriting
from kiosk.handwriting import HandwritingUnavailable, Recognizer


@pytest.fixture(scope="module")
def recognizer():
    with Recognizer() as rec:
        yield rec


@pytest.mark.parametrize("character", sorted(CHARACTERS))
def test_known_characters_are_among_the_first_five(recognizer, character):
    strokes = [points(path, 300) for path in CHARACTERS[character]]
    found = [c.character for c in recognizer.classify(strokes, 300, 300, 10)]
    assert len(found) == 10
    assert character in found[:5], found


def test_nothing_drawn_gives_no_candidates(recognizer):
    assert recognizer.classify([], 300, 300) == []
    assert recognizer.classify([[]], 300, 300) == []
    assert recognizer.classify([[(1, 1)]], 0, 300) == []


class Spy:
    """The real library, with a record of every point handed to it."""

    def __init__(self, lib):
        self._lib = lib
        self.added = []

    def zinnia_character_add(self, character, stroke, x, y):
        self.added.append((stroke, x, y))
        return self._lib.zinnia_character_add(character, stroke, x, y)

    def __getattr__(self, name):
        return getattr(self._lib, name)


def test_hostile_strokes_are_bounded_and_clamped():
    # Hundreds of strokes of thousands of points, far outside the pad: what reaches the
    # library is cut to the bounds and held to the pad's edge, and the answer stays short.
    with Recognizer() as rec:
        rec._lib = spy = Spy(rec._lib)
        wild = [[(x * 1e6, -x * 1e6) for x in range(1000)] for _ in range(100)]
        found = rec.classify(wild, 300, 300, 10_000)
    assert 0 < len(found) <= handwriting.MAX_CANDIDATES
    assert len(spy.added) == handwriting.MAX_STROKES * handwriting.MAX_POINTS_PER_STROKE
    assert {stroke for stroke, _, _ in spy.added} == set(range(handwriting.MAX_STROKES))
    assert all(0 <= x <= 300 and 0 <= y <= 300 for _, x, y in spy.added)


def test_missing_model_or_library_says_which_package(tmp_path):
    with pytest.raises(HandwritingUnavailable, match="tegaki-zinnia-simplified-chinese"):
        Recognizer(tmp_path / "nothing.model")
    with pytest.raises(HandwritingUnavailable, match="cannot load"):
        Recognizer(library=str(tmp_path / "libnothing.so"))
    bad = tmp_path / "bad.model"
    bad.write_bytes(b"not a model")
    with pytest.raises(HandwritingUnavailable, match="cannot open the handwriting model"):
        Recognizer(bad)


def test_closed_recognizer_answers_nothing():
    rec = Recognizer()
    rec.close()
    rec.close()
    assert rec.classify([points(CHARACTERS["十"][0], 300)], 300, 300) == []
