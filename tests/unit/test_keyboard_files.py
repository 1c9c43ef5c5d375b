"""The keyboard's folder under state_dir: prepared owner-only, emptied without following links.

kiosk.qt.keyboard imports no Qt: these run without a display. The typing session itself, with
the real keyboard, is tests/end2end/test_keyboard_privacy.py.
"""

from __future__ import annotations

import os
import stat

import pytest

from kiosk.qt import keyboard


@pytest.fixture
def loose_umask():
    previous = os.umask(0)
    try:
        yield
    finally:
        os.umask(previous)


def test_the_dictionary_file_is_prepared_owner_only_and_the_environment_points_there(
    tmp_path, monkeypatch, loose_umask
):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "elsewhere"))
    folder = keyboard.user_data_dir(tmp_path / "state")
    keyboard.confine_user_data(folder)
    assert os.environ["XDG_CONFIG_HOME"] == str(folder)
    dictionary = folder / keyboard.PINYIN_DICTIONARY
    # Empty: the decoder starts an empty dictionary in it (and warns only when it is missing).
    assert dictionary.read_bytes() == b""
    modes = {p.relative_to(tmp_path).as_posix(): stat.S_IMODE(p.stat().st_mode) for p in folder.rglob("*")}
    assert modes == {
        "state/keyboard/qtvirtualkeyboard": 0o700,
        "state/keyboard/qtvirtualkeyboard/pinyin": 0o700,
        "state/keyboard/qtvirtualkeyboard/pinyin/usr_dict.dat": 0o600,
    }


def test_forgetting_empties_the_folder_and_never_follows_a_link_out_of_it(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "elsewhere"))  # restored after the test
    state = tmp_path / "state"
    folder = keyboard.user_data_dir(state)
    keyboard.confine_user_data(folder)
    (folder / "qtvirtualkeyboard" / "pinyin" / "usr_dict.dat").write_bytes(b"learnt phrases")
    (folder / "stray.txt").write_text("x")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keep.txt").write_text("not the kiosk's")
    (folder / "link").symlink_to(outside, target_is_directory=True)

    keyboard.forget_user_data(state)

    # Only an empty dictionary is left (the decoder warns when it finds none).
    assert [p.relative_to(folder) for p in folder.rglob("*") if not p.is_dir()] == [keyboard.PINYIN_DICTIONARY]
    assert (folder / keyboard.PINYIN_DICTIONARY).stat().st_size == 0
    assert (outside / "keep.txt").read_text() == "not the kiosk's"


def test_forgetting_a_folder_that_was_never_made_is_nothing(tmp_path):
    keyboard.forget_user_data(tmp_path / "state")
    assert not (tmp_path / "state").exists()
