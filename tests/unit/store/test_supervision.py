"""The supervisor role in the store's API and on the command line: reads, remarks, and
changes nothing — every command acting as a person refuses a supervisor but the few
listed; a supervisor's reading of a feedback record has no contact data, and every reading
of contact data (by anyone else) is in the audit log."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from kiosk import feedback as fb
from kiosk.store import cli, staff, supervision
from kiosk.store.cli.common import PASSWORD_ENV
from kiosk.store.models import AuditEntry, Remark
from kiosk.store.workflow import WorkflowError

SECRET = "sue-password-1"


@pytest.fixture
def watched(store, files):
    """The unit store with a supervisor (sue), a published item and feedback with contact data."""
    store.add_user("sue", "supervisor", password=SECRET, by="dan")
    item_id = store.add_item(files.write(title="办事指南"), "alice")
    store.enroll("lobby-1")
    record = fb.new("opinion", text="请写明时限", consent=True, name="赵六", phone="13900002222", now=datetime.now(UTC))
    store.receive_feedback(1, record)
    return store, item_id, record


def actions(store, actor: str) -> list[str]:
    with store.db.read() as session:
        return [e.action for e in session.scalars(select(AuditEntry).where(AuditEntry.actor == actor))]


def test_the_workflow_refuses_a_supervisor(watched, files):
    store, item_id, record = watched
    for attempt in (
        lambda: store.add_item(files.write(title="监督员写的"), "sue"),
        lambda: store.edit_item(item_id, files.write(title="改"), "sue"),
        lambda: store.submit(item_id, "sue"),
        lambda: store.resolve_feedback(record.id, "sue", "已阅"),
        lambda: store.export_feedback("sue"),
        lambda: store.set_follow_up_days(5, "sue"),
        lambda: store.change_account("sue", "alice", "disable"),
    ):
        with pytest.raises(WorkflowError):
            attempt()
    assert store.feedback()[0]["status"] == "open"


def test_a_supervisor_reads_feedback_without_contact_and_others_readings_are_audited(watched):
    store, _, record = watched
    seen = store.feedback_record(record.reference, "sue")
    assert seen["text"] == "请写明时限" and "contact_name" not in seen and "contact_phone" not in seen
    assert "13900002222" not in json.dumps(seen, ensure_ascii=False)
    assert "feedback.read-contact" not in actions(store, "sue")
    assert store.feedback_record(record.reference, "dan")["contact_phone"] == "13900002222"
    assert actions(store, "dan").count("feedback.read-contact") == 1
    store.export_feedback("dan")
    assert "feedback.export" in actions(store, "dan")


def test_remarks_are_added_by_supervisors_and_admins_and_audited(watched):
    store, item_id, _ = watched
    with store.db.write() as session:
        supervision.add(session, staff.user(session, "sue"), f"item:{item_id}", "  时限写得不清楚  ", store.clock.now())
        with pytest.raises(WorkflowError, match="only an admin or supervisor may add remarks"):
            supervision.add(session, staff.user(session, "alice"), "", "作者不能", store.clock.now())
        for text in ("   ", "x" * (supervision.REMARK_LIMIT + 1), "控制\x1b[31m字符"):
            with pytest.raises(WorkflowError):
                supervision.add(session, staff.user(session, "sue"), "", text, store.clock.now())
    with store.db.read() as session:
        assert [(r.author, r.text) for r in session.scalars(select(Remark))] == [("sue", "时限写得不清楚")]
        listed = supervision.listing(session, f"item:{item_id}")
    assert [r["text"] for r in listed] == ["时限写得不清楚"]
    assert "remark.add" in actions(store, "sue")


def _dummy_argv(parser) -> list[str]:
    """Values for a command's required arguments, enough to get past parsing."""
    argv: list[str] = []
    for action in parser._actions:
        if not action.required and action.option_strings:
            continue
        value = str(action.choices[0]) if action.choices else ("3" if action.type is int else "x")
        if action.option_strings:
            if "--as" not in action.option_strings:
                argv += [action.option_strings[0], value]
        elif action.nargs not in (0, "?", "*"):
            argv.append(value)
    return argv


def acting_commands() -> list[tuple[str, str, list[str]]]:
    """Every (command, action) of kiosk-store that takes ``--as``, with arguments for it."""
    found = []
    top = next(a for a in cli.build_parser()._actions if getattr(a, "choices", None))
    for command, parser in top.choices.items():
        sub = next((a for a in parser._actions if getattr(a, "choices", None) and a.dest == "action"), None)
        for action, leaf in sub.choices.items() if sub else [("", parser)]:
            if any("--as" in a.option_strings for a in leaf._actions):
                found.append((command, action, _dummy_argv(leaf)))
    return found


def test_every_command_acting_as_a_person_refuses_a_supervisor(watched, tmp_path, monkeypatch, capsys):
    store, _, _ = watched
    commands = acting_commands()
    assert len(commands) >= 15  # item (many), feedback (4), user (several), remark add
    monkeypatch.setenv(PASSWORD_ENV, SECRET)
    before = len(actions(store, "sue"))
    for command, action, args in commands:
        if (command, action) in supervision.SUPERVISOR_COMMANDS:
            continue
        argv = ["--data", str(store.data_dir), "--keys", str(store.keys_dir), command, *([action] if action else [])]
        status = cli.main([*argv, *args, "--as", "sue"])
        err = capsys.readouterr().err
        assert status == 1 and "a supervisor reads and adds remarks only" in err, (command, action, args, err)
    # Each was only a sign-in: nothing done in sue's name.
    assert set(actions(store, "sue")[before:]) == {"sign-in"}
    argv = ["--data", str(store.data_dir), "--keys", str(store.keys_dir)]
    remark = ["remark", "add", "本季度按时公开率偏低", "--report", "2026-10-01..2026-12-31"]
    assert cli.main([*argv, *remark, "--as", "sue"]) == 0
    assert cli.main([*argv, "remark", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(r["author"], r["target"]) for r in listed] == [("sue", "report:2026-10-01..2026-12-31")]
