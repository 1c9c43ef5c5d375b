"""The feedback record's rules: characters as visitors count them, hostile characters,
contact data only with consent, reference codes; and the outbox's durability rules."""

from __future__ import annotations

from datetime import timedelta

import pytest
from support import NOW

from kiosk import feedback as fb
from kiosk.outbox import Outbox, RateLimit, RateLimited


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("党务公开", 4),
        ("e\u0301", 1),
        ("👩\u200d👩\u200d👧", 1),
        ("🇨🇳🇺🇸", 2),
        ("👍🏽", 1),
        ("a\r\nb", 3),
        ("\u1100\u1161\u11a8", 1),
        ("♥\ufe0f", 1),
        ("", 0),
        # Unicode's rules beyond the old approximation: an Indic conjunct (virama between
        # consonants) and a prepended mark are one character each.
        ("क्षि", 1),
        ("नमस्ते", 3),
        ("\u0600\u0661", 1),
    ],
)
def test_characters_are_counted_as_visitors_see_them(text, count):
    assert fb.graphemes(text) == count


def test_clean_strips_controls_and_bidi_and_says_so():
    assert fb.clean("好\u202e的\x00\x1b") == ("好的", True)
    assert fb.clean("第一行\r\n第二行\t完") == ("第一行\n第二行 完", False)


def test_validate_names_the_field_and_the_reason():
    good = fb.new("opinion", text="窗口太少，需要增加", now=NOW)
    assert fb.validate(good, fb.Limits(5, 500)) is good
    cases = {
        "text": fb.new("opinion", text="短", now=NOW),
        "consent": fb.Feedback(**{**good.to_wire(), "name": "张三"}),
        "rating": fb.new("rating", now=NOW),
        "phone": fb.new("opinion", text="窗口太少，需要增加", consent=True, phone="abc", now=NOW),
        "created_at": fb.Feedback(**{**good.to_wire(), "created_at": "yesterday"}),
    }
    for field, record in cases.items():
        with pytest.raises(fb.FeedbackInvalid) as caught:
            fb.validate(record, fb.Limits(5, 500))
        assert caught.value.field == field
    with pytest.raises(fb.FeedbackInvalid, match="at most 10"):
        fb.validate(fb.new("opinion", text="字" * 11, now=NOW), fb.Limits(5, 10))
    with pytest.raises(fb.FeedbackInvalid, match="bidirectional"):
        fb.validate(fb.new("opinion", text="看\u2067这里的文字", now=NOW))


def test_no_contact_without_consent_and_short_references():
    record = fb.new("question", text="什么时候办理？", name="李四", phone="13800000000", now=NOW)
    assert (record.name, record.phone, record.consent) == ("", "", False)
    code = record.reference
    assert len(code) == 7 and code[3] == "-" and not set(code) & set("01OI")
    assert fb.reference_code(record.id) == code


def test_follow_up_rule():
    assert fb.new("rating", rating="dissatisfied", now=NOW).needs_follow_up
    assert not fb.new("rating", rating="fair", now=NOW).needs_follow_up
    assert fb.new("opinion", text="x" * 5, now=NOW).needs_follow_up
    assert not fb.new("praise", text="x" * 5, now=NOW).needs_follow_up
    assert fb.add_working_days(NOW, 5).weekday() == NOW.weekday()  # a week later, same weekday


def test_outbox_rate_limit_counts_from_committed_submissions(tmp_path):
    outbox = Outbox(tmp_path / "outbox.sqlite3")
    limit = RateLimit(min_interval=30, per_hour=3)
    try:
        outbox.submit(fb.new("opinion", text="第一条意见内容", now=NOW), NOW, limit)
        with pytest.raises(RateLimited) as caught:
            outbox.submit(fb.new("opinion", text="第二条意见内容", now=NOW), NOW + timedelta(seconds=10), limit)
        assert round(caught.value.retry_in) == 20 and "20 seconds" in str(caught.value)
        for minutes in (1, 2):
            outbox.submit(fb.new("opinion", text="又一条意见内容", now=NOW), NOW + timedelta(minutes=minutes), limit)
        # Three in the hour: the fourth waits until the first is an hour old.
        assert outbox.retry_in(NOW + timedelta(minutes=10), limit) == pytest.approx(50 * 60)
        assert outbox.retry_in(NOW + timedelta(minutes=61), limit) == 0
        assert outbox.counts() == {"pending": 3, "rejected": 0}
    finally:
        outbox.close()


def test_outbox_keeps_rejected_entries_aside_and_forgets_acknowledged_ones(tmp_path):
    path = tmp_path / "outbox.sqlite3"
    outbox = Outbox(path)
    try:
        kept = fb.new("opinion", text="被拒绝的那一条", consent=True, phone="13911112222", now=NOW)
        gone = fb.new("opinion", text="已上传的那一条", consent=True, name="孙八访客", now=NOW)
        for r in (kept, gone):
            outbox.submit(r, NOW)
        outbox.rejected(kept.id, "HTTP 422: bad")
        assert [e.id for e in outbox.pending()] == [gone.id]
        outbox.acknowledged(gone.id)
        assert outbox.counts() == {"pending": 0, "rejected": 1}
        listing = outbox.listing()
        assert listing[0]["has_contact"] and "13911112222" not in repr(listing) and "text" not in listing[0]
        data = b"".join(p.read_bytes() for p in tmp_path.iterdir())
        assert "孙八访客".encode() not in data and "已上传的那一条".encode() not in data
        assert b"13911112222" in data  # set aside, not deleted
    finally:
        outbox.close()


def test_the_store_accepts_whatever_a_kiosk_may_be_configured_to_accept():
    """The store's limits are the configuration's widest bounds: a kiosk set to min_length = 1
    sends a one-character text, and the store must not refuse it for good."""
    from kiosk.config import FeedbackConfig
    from kiosk.schema import bounds

    lowest, _ = bounds(FeedbackConfig, "min_length")
    _, highest = bounds(FeedbackConfig, "max_length")
    assert (fb.STORE_LIMITS.min_length, fb.STORE_LIMITS.max_length) == (lowest, highest)
    record = fb.new("opinion", text="好", now=NOW)
    assert fb.validate(record, FeedbackConfig(min_length=1)) is record
    assert fb.from_wire(record.to_wire()) == record


def test_the_kiosk_configuration_is_the_rule_the_form_and_outbox_check(tmp_path):
    from kiosk.config import FeedbackConfig

    config = FeedbackConfig(min_length=8, max_length=20, min_interval=0, per_hour=1)
    with pytest.raises(fb.FeedbackInvalid, match="at least 8"):
        fb.validate(fb.new("opinion", text="七个字的意见呀", now=NOW), config)
    outbox = Outbox(tmp_path / "outbox.sqlite3")
    try:
        outbox.submit(fb.new("opinion", text="第一条意见内容", now=NOW), NOW, config)
        with pytest.raises(RateLimited):
            outbox.submit(fb.new("opinion", text="第二条意见内容", now=NOW), NOW + timedelta(minutes=5), config)
    finally:
        outbox.close()
