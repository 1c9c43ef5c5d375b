"""Tests of loading the kiosk's configuration file (kiosk.config.load).

Every kind of bad input must give a ConfigError whose message is one line that starts
with the file's path, names the key and says what was expected; the command line prints
exactly that line. Good files, partial files and the shipped file load.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk import config, paths
from kiosk.catalog import default_catalog
from kiosk.config import ConfigError, ScreenConfig

KEY = "A" * 43 + "="  # the shape of a base64 Ed25519 public key


def write(tmp_path: Path, text: str, name: str = "kiosk.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def load_error(path: Path) -> str:
    with pytest.raises(ConfigError) as caught:
        config.load(path)
    message = str(caught.value)
    assert "\n" not in message and "\r" not in message, f"message is not one line: {message!r}"
    assert message.startswith(f"{path}: "), message
    return message


# -- good files ------------------------------------------------------------------------


def test_an_empty_file_gives_the_defaults(tmp_path):
    path = write(tmp_path, "")
    loaded = config.load(path)
    assert loaded.language == "zh_CN"
    assert loaded.timezone == "Asia/Shanghai"
    assert loaded.idle_timeout == 90.0
    assert loaded.screens == (ScreenConfig(role="touch", screen=0), ScreenConfig(role="signage", screen=1))
    assert loaded.store.url == "" and not loaded.uses_store
    assert (loaded.signage.min_dwell, loaded.signage.max_dwell) == (8.0, 30.0)
    assert loaded.catalog == default_catalog()
    assert loaded.source == path
    # The default state folder follows $XDG_STATE_HOME, which the test set-up points away
    # from the developer's own.
    assert loaded.state_dir == paths.default_state_dir()
    assert loaded.cache_file == loaded.state_dir / "cache.sqlite3"


def test_a_file_with_a_few_keys_keeps_the_other_defaults(tmp_path):
    path = write(tmp_path, 'language = "en"\n[signage]\nmax_dwell = 45\n[store]\nurl = "https://store.example"\n')
    loaded = config.load(path)
    assert loaded.language == "en"
    assert loaded.signage.max_dwell == 45.0
    assert loaded.signage.min_dwell == 8.0
    assert loaded.store.url == "https://store.example" and loaded.uses_store
    assert loaded.idle_timeout == 90.0
    assert loaded.timezone == "Asia/Shanghai"


def test_every_section_loads(tmp_path):
    path = write(
        tmp_path,
        f"""
state_dir = "/var/lib/lobby-kiosk"
timezone = "Europe/Berlin"
idle_timeout = 120

[[screens]]
role = "signage"
screen = "LED-1"
region = [0, 0, 1536, 768]

[store]
url = "http://127.0.0.1:8080"
store_key = "{KEY}"
approver_keys = ["{KEY}", "{"B" * 43}="]
device_token = "token"
poll_interval = 30

[contact]
email = "gongkai@example.gov.cn"
telephone = "0931-12345678"

[[categories]]
key = "only-one"
name_zh = "唯一类别"
color = "#123ABC"

[[units]]
key = "unit-a"
name_zh = "单位甲"
""",
    )
    loaded = config.load(path)
    assert loaded.state_dir == Path("/var/lib/lobby-kiosk")
    assert loaded.screens == (ScreenConfig(role="signage", screen="LED-1", region=(0, 0, 1536, 768)),)
    assert loaded.store.approver_keys == (KEY, "B" * 43 + "=")
    assert loaded.store.poll_interval == 30.0
    assert loaded.contact.telephone == "0931-12345678"
    assert [c.key for c in loaded.catalog.categories] == ["only-one"]
    assert [u.key for u in loaded.catalog.units] == ["unit-a"]


def test_relative_state_dir_resolves_against_the_config_folder(tmp_path, monkeypatch):
    folder = tmp_path / "etc" / "kiosk"
    folder.mkdir(parents=True)
    path = write(folder, 'state_dir = "../state"\n')
    monkeypatch.chdir(tmp_path)  # not where the file is
    assert config.load(path).state_dir == tmp_path / "etc" / "state"
    relative = Path("etc/kiosk/kiosk.toml")
    assert config.load(relative).state_dir == tmp_path / "etc" / "state"


def test_the_shipped_configuration_loads():
    loaded = config.load(paths.DEFAULT_CONFIG_FILE)
    assert loaded.timezone == "Asia/Shanghai"
    assert [s.role for s in loaded.screens] == ["touch", "signage"]
    assert loaded.contact.email
    assert config.load() == loaded  # the default path


# -- bad files: what the message says ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # unknown keys, at the top and nested
        (
            "idle_timeot = 5\n",
            "idle_timeot: unknown key (known keys here: admin, care_idle_timeout, categories, contact, feedback,",
        ),
        ('[store]\nurll = "http://x"\n', "store.urll: unknown key (known keys here: approver_keys,"),
        ('[[screens]]\nrole = "touch"\nregoin = [0, 0, 1, 1]\n', "screens[0].regoin: unknown key"),
        ("[signag]\nmin_dwell = 1\n", "signag: unknown key"),
        # wrong types
        ('idle_timeout = "x"\n', 'idle_timeout: expected a number, got a string "x"'),
        ("idle_timeout = true\n", "idle_timeout: expected a number, got a boolean true"),
        ('screens = "x"\n', 'screens: expected a list, got a string "x"'),
        ("store = 5\n", "store: expected a table, got a whole number 5"),
        (
            '[[screens]]\nrole = "touch"\nscreen = true\n',
            "screens[0].screen: expected a string or a whole number, got a boolean true",
        ),
        ("state_dir = 3\n", "state_dir: expected a path (a non-empty string), got a whole number 3"),
        # bad values
        ('language = "fr"\n', 'language: expected one of "zh_CN", "en", got a string "fr"'),
        ('[[screens]]\nrole = "tv"\n', 'screens[0].role: expected one of "signage", "touch", got a string "tv"'),
        ("[[screens]]\nscreen = 0\n", "screens[0].role: missing (this key is required)"),
        ("screens = []\n", "screens: expected at least one [[screens]] table, got a list []"),
        (
            '[[screens]]\nrole = "signage"\nregion = [0, 0, -5, 10]\n',
            "screens[0].region: expected [x, y, width, height] with x, y >= 0 and a positive size, "
            "got a list [0, 0, -5, 10]",
        ),
        (
            '[[screens]]\nrole = "signage"\nregion = [-1, 0, 5, 10]\n',
            "screens[0].region: expected [x, y, width, height]",
        ),
        (
            '[[screens]]\nrole = "signage"\nregion = [0, 0, 5]\n',
            "screens[0].region: expected a list of 4 values, got 3",
        ),
        (
            '[[screens]]\nrole = "signage"\nregion = [0, 0, 5, "x"]\n',
            'screens[0].region[3]: expected a whole number, got a string "x"',
        ),
        (
            'timezone = "Mars/Base"\n',
            'timezone: expected an IANA time zone such as "Asia/Shanghai", got a string "Mars/Base"',
        ),
        ('timezone = "../../etc/passwd"\n', "timezone: expected an IANA time zone"),
        ("idle_timeout = 5\n", "idle_timeout: expected seconds between 10 and 3600, got a whole number 5"),
        ('[store]\nurl = "ftp://x"\n', 'store.url: expected an http:// or https:// URL, got a string "ftp://x"'),
        (
            '[store]\nstore_key = "abc"\n',
            'store.store_key: expected an Ed25519 public key in base64 (44 characters), got a string "abc"',
        ),
        ('[store]\nstore_key = "' + "A" * 44 + '"\n', "store.store_key: expected an Ed25519 public key"),
        ('[store]\napprover_keys = ["x"]\n', "store.approver_keys: expected Ed25519 public keys in base64"),
        (
            "[store]\npoll_interval = 1\n",
            "store.poll_interval: expected seconds between 5 and 86400, got a whole number 1",
        ),
        ("[store]\nmin_snapshot_version = -1\n", "store.min_snapshot_version: expected a snapshot version (0 to 2^53"),
        (
            "[signage]\nmin_dwell = 20\nmax_dwell = 10\n",
            "signage: max_dwell (10.0) must not be less than min_dwell (20.0)",
        ),
        ("[signage]\nmin_dwell = 0\n", "signage.min_dwell: expected seconds between 1 and 600, got a whole number 0"),
        (
            '[[categories]]\nkey = "Bad Key"\nname_zh = "x"\n',
            'categories[0].key: expected a key of lowercase letters, digits and hyphens, got a string "Bad Key"',
        ),
        (
            '[[categories]]\nkey = "a"\nname_zh = ""\n',
            'categories[0].name_zh: expected a non-empty name, got a string ""',
        ),
        (
            '[[categories]]\nkey = "a"\nname_zh = "x"\ncolor = "red"\n',
            'categories[0].color: expected a colour like "#C62828"',
        ),
        ('[[units]]\nname_zh = "x"\n', "units[0].key: missing (this key is required)"),
    ],
)
def test_each_bad_value_gives_one_line_naming_file_key_and_expectation(tmp_path, text, expected):
    path = write(tmp_path, text)
    message = load_error(path)
    assert message.startswith(f"{path}: {expected}"), message


@pytest.mark.parametrize("kind", ["categories", "units"])
def test_duplicate_catalogue_keys_are_refused(tmp_path, kind):
    path = write(tmp_path, f'[[{kind}]]\nkey = "same"\nname_zh = "甲"\n[[{kind}]]\nkey = "same"\nname_zh = "乙"\n')
    message = load_error(path)
    assert f": {kind}" in message
    assert "unique keys" in message


@pytest.mark.parametrize(
    "text",
    [
        'language = "x\\ny"\n',  # a value holding a line break
        'timezone = "Asia/\\nShanghai"\n',
        '"idle\\ntimeout" = 5\n',  # a key holding a line break
    ],
)
def test_a_line_break_inside_a_value_or_key_keeps_the_message_on_one_line(tmp_path, text):
    load_error(write(tmp_path, text))


def test_invalid_toml(tmp_path):
    path = write(tmp_path, "idle_timeout = \n")
    message = load_error(path)
    assert message.startswith(f"{path}: not valid TOML (")
    assert "line 1" in message


def test_a_duplicated_toml_key_is_invalid_toml(tmp_path):
    message = load_error(write(tmp_path, "idle_timeout = 20\nidle_timeout = 30\n"))
    assert "not valid TOML" in message


def test_not_utf8(tmp_path):
    path = tmp_path / "kiosk.toml"
    path.write_bytes(b'language = "' + "中文".encode("gb18030") + b'"\n')
    assert load_error(path) == f"{path}: not valid TOML (the file is not UTF-8 text)"


def test_a_missing_file(tmp_path):
    path = tmp_path / "nope.toml"
    assert load_error(path) == f"{path}: no such file"


def test_a_directory(tmp_path):
    assert load_error(tmp_path) == f"{tmp_path}: is a directory, expected a TOML file"


def test_a_path_under_a_file(tmp_path):
    parent = write(tmp_path, "", name="plain-file")
    path = parent / "kiosk.toml"
    message = load_error(path)
    assert message.startswith(f"{path}: cannot read this file (")
    assert "Not a directory" in message


def test_from_table_without_a_source_names_the_configuration():
    with pytest.raises(ConfigError, match=r"^<configuration>: idle_timeout: expected"):
        config.from_table({"idle_timeout": "x"})
