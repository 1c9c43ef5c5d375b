"""The opinion form's draft: cleaning as typed, consent guarding contact details, the record."""

from __future__ import annotations

from datetime import UTC, datetime

from kiosk.config import FeedbackConfig
from kiosk.qt.feedback.draft import Draft

NOW = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)


def test_an_unknown_kind_changes_nothing():
    draft = Draft()
    assert not draft.set_kind("rating-bomb")
    assert draft.kind == "suggestion"
    assert draft.set_kind("question") and draft.kind == "question"
    assert not draft.set_kind("question")  # no change, no change signal


def test_typed_text_is_cleaned_and_the_stripping_reported():
    draft = Draft()
    assert draft.set_typed("text", "办事\u202e指南") == (True, True)
    assert draft.text == "办事指南"
    # The same text again, already clean: nothing changed, nothing stripped.
    assert draft.set_typed("text", "办事指南") == (False, False)


def test_withdrawn_consent_erases_contact_details_and_none_reach_the_record():
    draft = Draft(text="窗口排队时间太长，希望增加窗口。")
    draft.set_consent(True)
    draft.set_typed("name", "张三")
    draft.set_typed("phone", "13800000000")
    assert draft.record(None, NOW).phone == "13800000000"
    assert draft.set_consent(False)
    assert (draft.name, draft.phone) == ("", "")
    record = draft.record(("item-1", 3, "标题"), NOW)
    assert (record.name, record.phone, record.consent) == ("", "", False)
    assert (record.item_id, record.item_revision) == ("item-1", 3)


def test_the_problem_is_the_forms_own_words():
    config = FeedbackConfig()
    assert Draft(text="短").problem(config)
    assert Draft(text="窗口排队时间太长，希望增加窗口。").problem(config) == ""
