"""Every rule a feedback record must keep, each at its edge, with the exact words people read.

``validate`` runs on the kiosk (with its configured limits) and at the store (``from_wire``,
with the store's ceilings). Each broken rule names its field and says why in a sentence
shown to a visitor or an administrator, so the sentences are part of what is tested.
"""

from __future__ import annotations

import dataclasses

import pytest
from support import NOW

from kiosk import feedback as fb

GOOD = fb.new("opinion", text="窗口太少，需要增加", now=NOW)  # nine characters
LIMITS = fb.Limits(5, 20)


def broken(**change) -> fb.Feedback:
    return dataclasses.replace(GOOD, **change)


REFUSED = [
    # (change, field, the exact message)
    ({"id": "not-a-uuid"}, "id", "id must be a UUID made by the kiosk"),
    ({"id": None}, "id", "id must be a UUID made by the kiosk"),
    ({"kind": "complaint"}, "kind", "unknown kind 'complaint' (one of suggestion, opinion, question, praise, rating)"),
    (
        {"rating": "great"},
        "rating",
        "unknown rating 'great' (one of very-satisfied, satisfied, fair, dissatisfied, very-dissatisfied)",
    ),
    ({"kind": "rating", "text": ""}, "rating", "a rating needs one of the five levels"),
    ({"text": 5}, "text", "text must be a string"),
    (
        {"text": "看\u202e这里的文字"},
        "text",
        "the text contains a bidirectional-override character (U+202E); remove it",
    ),
    ({"text": "看\x07这里的文字"}, "text", "the text contains a control character (U+0007); remove it"),
    ({"text": "看\u2028这里的文字"}, "text", "the text contains a control character (U+2028); remove it"),
    ({"text": "四个字啊"}, "text", "please write at least 5 characters"),
    ({"text": "   "}, "text", "please write your feedback"),
    ({"text": "字" * 21}, "text", "the text is 21 characters long; at most 20 are accepted"),
    ({"item_id": "hall-hours"}, "item", "an item reference needs both its id and its revision"),
    ({"item_revision": 2}, "item", "an item reference needs both its id and its revision"),
    ({"item_id": "有空格 的id", "item_revision": 1}, "item", "the item id is not one this store issues"),
    ({"item_id": "x" * 81, "item_revision": 1}, "item", "the item id is not one this store issues"),
    ({"item_id": 7, "item_revision": 1}, "item", "the item id is not one this store issues"),
    ({"item_id": "hall-hours", "item_revision": 0}, "item", "the item revision must be a positive whole number"),
    ({"item_id": "hall-hours", "item_revision": True}, "item", "the item revision must be a positive whole number"),
    ({"item_id": "hall-hours", "item_revision": 1.0}, "item", "the item revision must be a positive whole number"),
    ({"consent": 1}, "consent", "consent must be true or false"),
    ({"phone": "13800000000"}, "consent", "contact data is accepted only with the visitor's consent"),
    ({"name": "张三"}, "consent", "contact data is accepted only with the visitor's consent"),
    ({"consent": True, "name": 5}, "name", "the name must be a string"),
    ({"consent": True, "phone": None}, "phone", "the telephone number must be a string"),
    (
        {"consent": True, "name": "张\u202e三"},
        "name",
        "the name contains a bidirectional-override character (U+202E); remove it",
    ),
    (
        {"consent": True, "phone": "138\x00000"},
        "phone",
        "the telephone number contains a control character (U+0000); remove it",
    ),
    ({"consent": True, "name": "名" * 41}, "name", "the name may have at most 40 characters"),
    (
        {"consent": True, "phone": "1234"},
        "phone",
        "the telephone number may hold digits, spaces, '-' and a leading '+' (5 to 24)",
    ),
    (
        {"consent": True, "phone": "+" + "1" * 25},
        "phone",
        "the telephone number may hold digits, spaces, '-' and a leading '+' (5 to 24)",
    ),
    (
        {"consent": True, "phone": "12345x"},
        "phone",
        "the telephone number may hold digits, spaces, '-' and a leading '+' (5 to 24)",
    ),
    ({"created_at": "yesterday"}, "created_at", "created_at must be an ISO 8601 instant"),
    ({"created_at": None}, "created_at", "created_at must be an ISO 8601 instant"),
    ({"created_at": "2026-11-26T14:00:00"}, "created_at", "created_at needs a UTC offset"),
]


@pytest.mark.parametrize(
    ("change", "field", "message"), REFUSED, ids=[f"{f}-{n}" for n, (_, f, _) in enumerate(REFUSED)]
)
def test_each_broken_rule_names_its_field_and_says_why(change, field, message):
    with pytest.raises(fb.FeedbackInvalid) as caught:
        fb.validate(broken(**change), LIMITS)
    assert (caught.value.field, str(caught.value)) == (field, message)


ACCEPTED = [
    {},
    {"text": "五个字正好"},  # exactly the minimum
    {"text": "字" * 20},  # exactly the maximum
    {"text": "  五个字正好  "},  # counted without the surrounding spaces
    {"text": "多行\n的意见内容"},  # a line break is typed, not hostile
    {"kind": "rating", "rating": "fair", "text": ""},  # a rating needs no text
    {"kind": "praise", "rating": "very-satisfied"},
    {"item_id": "hall-hours", "item_revision": 1},
    {"item_id": "x" * 80, "item_revision": 3},
    {"consent": True, "name": "名" * 40, "phone": "+86 931-1234567"},
    {"consent": True, "phone": "12345"},
    {"consent": True, "phone": "+" + "1" * 24},
    {"consent": True},  # consent without contact data
    {"created_at": "2026-11-26T14:00:00+08:00"},
]


@pytest.mark.parametrize("change", ACCEPTED, ids=[f"edge-{n}" for n in range(len(ACCEPTED))])
def test_records_at_the_edges_are_accepted(change):
    record = broken(**change)
    assert fb.validate(record, LIMITS) is record


def test_the_store_validates_with_its_own_ceilings():
    long = broken(text="字" * fb.TEXT_CEILING)
    assert fb.validate(long) is long
    with pytest.raises(fb.FeedbackInvalid, match=f"at most {fb.TEXT_CEILING} are accepted"):
        fb.validate(broken(text="字" * (fb.TEXT_CEILING + 1)))
    # The store's floor is the lowest a kiosk may be configured to (one character), not the
    # default minimum: it must accept whatever a kiosk may accept.
    assert fb.validate(broken(text="字")) is not None
    with pytest.raises(fb.FeedbackInvalid):
        fb.validate(broken(text=""))


# -- from the wire ---------------------------------------------------------------------


def test_a_record_comes_back_from_its_wire_form():
    record = broken(consent=True, name="张三", phone="13800000000", item_id="hall-hours", item_revision=2)
    assert fb.from_wire(record.to_wire()) == record
    assert fb.from_wire({"id": GOOD.id, "kind": "opinion", "text": GOOD.text, "created_at": GOOD.created_at}) == GOOD


WIRE_REFUSED = [
    (["not", "an", "object"], "body", "the body must be a JSON object"),
    ({**GOOD.to_wire(), "zz_extra": 1, "aa_extra": 2}, "aa_extra", "unknown field 'aa_extra'"),
    ({k: v for k, v in GOOD.to_wire().items() if k != "id"}, "id", "id is missing"),
    ({k: v for k, v in GOOD.to_wire().items() if k != "kind"}, "kind", "kind is missing"),
    ({k: v for k, v in GOOD.to_wire().items() if k != "created_at"}, "created_at", "created_at is missing"),
    ({**GOOD.to_wire(), "id": 5}, "id", "id must be a string"),
    ({**GOOD.to_wire(), "kind": None}, "kind", "kind must be a string"),
    ({**GOOD.to_wire(), "text": ["a"]}, "text", "text must be a string"),
    ({**GOOD.to_wire(), "name": 1}, "name", "name must be a string"),
    ({**GOOD.to_wire(), "phone": 1}, "phone", "phone must be a string"),
    ({**GOOD.to_wire(), "created_at": 0}, "created_at", "created_at must be a string"),
    (
        {**GOOD.to_wire(), "rating": "great"},
        "rating",
        "unknown rating 'great' (one of very-satisfied, satisfied, fair, dissatisfied, very-dissatisfied)",
    ),
]


@pytest.mark.parametrize(
    ("data", "field", "message"), WIRE_REFUSED, ids=[f"{f}-{n}" for n, (_, f, _) in enumerate(WIRE_REFUSED)]
)
def test_an_upload_body_breaking_a_rule_is_refused(data, field, message):
    with pytest.raises(fb.FeedbackInvalid) as caught:
        fb.from_wire(data)
    assert (caught.value.field, str(caught.value)) == (field, message)


def test_without_contact_drops_the_name_and_the_phone():
    record = broken(consent=True, name="张三", phone="13800000000")
    assert fb.without_contact(record) == broken(consent=True)
    assert fb.without_contact(GOOD) == GOOD
