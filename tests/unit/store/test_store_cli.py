"""The ``kiosk-store`` command's contract for people: one clear line and status 1 (2 for usage)."""

from __future__ import annotations

import pytest
from store_support import PASSWORD_ENV, item_file

from kiosk.store.cli import main


@pytest.fixture
def run(tmp_path, capsys, monkeypatch):
    for name, value in PASSWORD_ENV.items():
        monkeypatch.setenv(name, value)

    def run(*args: str) -> tuple[int, str, str]:
        status = main(["--data", str(tmp_path / "data"), "--keys", str(tmp_path / "keys"), *args])
        out, err = capsys.readouterr()
        return status, out, err

    return run


def test_commands_before_init_say_what_to_do(run):
    status, out, err = run("item", "list")
    assert status == 1 and out == ""
    assert err.count("\n") == 1 and "holds no store; run: kiosk-store --data" in err


def test_usage_errors_are_status_2(run, capsys):
    with pytest.raises(SystemExit) as exit_info:
        run("item", "approve", "x")  # --as missing
    assert exit_info.value.code == 2
    assert "the following arguments are required: --as" in capsys.readouterr().err


def test_refusals_are_one_line(run, tmp_path):
    assert run("init")[0] == 0
    status, _, err = run("init")
    assert status == 1 and "already holds a store key" in err
    assert run("user", "add", "dan", "--role", "admin")[0] == 0
    assert run("user", "add", "bob", "--role", "approver", "--as", "dan")[0] == 0
    path = item_file(tmp_path, "own", "自己写的")
    status, item_id, said = run("item", "add", str(path), "--as", "bob")
    assert status == 0 and item_id.strip().startswith("item-")
    assert said == f"item {item_id.strip()}: revision 1 added as a draft\n"
    run("item", "submit", item_id.strip(), "--as", "bob")
    status, out, err = run("item", "approve", item_id.strip(), "--as", "bob")
    assert status == 1 and out == "" and err.count("\n") == 1
    assert err.startswith("kiosk-store: bob wrote revision 1")
    status, _, err = run("item", "add", str(tmp_path / "missing.md"), "--as", "bob")
    assert status == 1 and err.count("\n") == 1 and "cannot read" in err


def test_an_unreachable_database_is_one_line(run):
    status, _, err = run("--database-url", "postgresql+psycopg://nobody:x@127.0.0.1:1/none", "item", "list")
    assert status == 1 and err.count("\n") == 1 and err.startswith("kiosk-store: cannot use the database")


def test_publish_later_and_cancel_from_the_command_line(run, tmp_path):
    from datetime import datetime, timedelta
    from zoneinfo import ZoneInfo

    run("init")
    run("user", "add", "dan", "--role", "admin")
    for name, role in (("alice", "author"), ("bob", "approver")):
        run("user", "add", name, "--role", role, "--as", "dan")
    item_id = run("item", "add", str(item_file(tmp_path, "later", "以后公开")), "--as", "alice")[1].strip()
    run("item", "submit", item_id, "--as", "alice")
    run("item", "approve", item_id, "--as", "bob")
    later = (datetime.now(ZoneInfo("Asia/Shanghai")) + timedelta(days=30)).strftime("%Y-%m-%d %H:%M")
    status, out, err = run("item", "publish", item_id, "--at", later, "--as", "dan")
    assert (status, out.strip()) == (0, item_id)
    assert err == f"item {item_id}: revision 1 signed and scheduled: it goes live at {later} (office time)\n"
    listed = run("item", "list")[1]
    assert "r1 scheduled" in listed and "not in feed" in listed
    status, _, err = run("item", "publish", item_id, "--cancel", "--as", "dan")
    assert status == 0 and "no longer scheduled" in err
    assert "r1 approved" in run("item", "list")[1]
    status, _, err = run("item", "publish", item_id, "--at", "2020-01-01", "--as", "dan")
    assert status == 1 and "that time has passed" in err and err.count("\n") == 1
    with pytest.raises(SystemExit):
        run("item", "publish", item_id, "--at", "next monday", "--as", "dan")
