"""One-tap ratings on the home page and on item pages, on the real QML and the
real outbox: what a tap records, the in-place thank-you, the optional reason of a low
rating, the rate limit, the idle reset."""

from __future__ import annotations

from datetime import timedelta

import pytest
from qt_support import find, find_or_none, tap, window_of
from support import NOW, make_item

from kiosk.outbox import Outbox, decode

ITEMS = [
    make_item("cw-1", title="民生实事推进情况", body="第一项已完成。", revision=3, revised_at=NOW - timedelta(days=2)),
    make_item("cw-2", title="年度重点工作安排", published_at=NOW - timedelta(days=3)),
]


def records(config) -> list[dict]:
    outbox = Outbox(config.outbox_file)
    try:
        return [decode(entry) for entry in outbox.pending()]
    finally:
        outbox.close()


def enter(qtbot, kiosk):
    window = window_of(kiosk, "touch")
    vm = kiosk.view_models[0]
    vm.start()
    qtbot.waitUntil(lambda: find_or_none(window, "homeRating") is not None)
    return window, vm


def open_item(qtbot, window, vm, item_id):
    vm.openCategory("central-work")
    vm.openItem(item_id)
    qtbot.waitUntil(lambda: find_or_none(window, "itemRating") is not None)
    page = find(window, "itemPage")
    # The rating sits under the text: scroll to it, as a visitor would.
    page.setProperty("contentY", max(0, page.property("contentHeight") - page.height()))
    qtbot.waitUntil(lambda: find(window, "rating-satisfied").property("visible"))


def test_home_rating_records_one_general_rating_and_thanks_in_place(qtbot, start_kiosk, kiosk_config):
    kiosk = start_kiosk(ITEMS)
    window, vm = enter(qtbot, kiosk)
    fvm = vm.property("feedback")

    tap(qtbot, window, find(window, "rating-very-satisfied"))
    qtbot.waitUntil(lambda: fvm.property("ratingNotice") == "thanks")
    assert vm.page_name == "home"  # answered where it was given
    assert find(window, "ratingNotice").property("visible")
    assert "感谢" in find(window, "ratingNotice").property("text")
    assert not find(window, "ratingButtons").property("visible")
    [record] = records(kiosk_config)
    assert (record["kind"], record["rating"], record["item_id"], record["item_revision"], record["text"]) == (
        "rating",
        "very-satisfied",
        None,
        None,
        "",
    )

    # The view model's timer ends the thank-you (here at once; no sleeping).
    fvm.dismissNotice()
    qtbot.waitUntil(lambda: find(window, "ratingButtons").property("visible"))
    assert not find(window, "ratingNotice").property("visible")
    assert fvm.property("state") == "form"  # the opinion box's form was not touched


def test_the_thank_you_goes_by_itself(qtbot, start_kiosk):
    from kiosk.qt import feedback as feedback_module

    kiosk = start_kiosk(ITEMS)
    window, vm = enter(qtbot, kiosk)
    fvm = vm.property("feedback")
    fvm.quick.timer.setInterval(50)  # the real NOTICE_MS is a few seconds
    assert feedback_module.NOTICE_MS >= 2000
    tap(qtbot, window, find(window, "rating-fair"))
    qtbot.waitUntil(lambda: fvm.property("ratingNotice") == "thanks")
    qtbot.waitUntil(lambda: fvm.property("ratingNotice") == "")
    assert find(window, "ratingButtons").property("visible")


def test_a_second_rating_too_soon_says_when_to_try_again(qtbot, start_kiosk, kiosk_config, clock):
    kiosk = start_kiosk(ITEMS)
    window, vm = enter(qtbot, kiosk)
    fvm = vm.property("feedback")
    tap(qtbot, window, find(window, "rating-satisfied"))
    qtbot.waitUntil(lambda: fvm.property("ratingNotice") == "thanks")
    fvm.dismissNotice()
    clock.advance(timedelta(seconds=10))  # the default limit: one per 30 s
    qtbot.waitUntil(lambda: find(window, "ratingButtons").property("visible"))
    tap(qtbot, window, find(window, "rating-satisfied"))
    qtbot.waitUntil(lambda: fvm.property("ratingNotice") == "limited")
    assert fvm.property("ratingRetryIn") == 20
    assert "20 秒后再试" in find(window, "ratingNotice").property("text")
    assert len(records(kiosk_config)) == 1


def test_item_rating_carries_the_item_and_its_revision(qtbot, start_kiosk, kiosk_config):
    kiosk = start_kiosk(ITEMS)
    window, vm = enter(qtbot, kiosk)
    open_item(qtbot, window, vm, "cw-1")
    fvm = vm.property("feedback")

    tap(qtbot, window, find(window, "rating-satisfied"))
    qtbot.waitUntil(lambda: fvm.property("ratingNotice") == "thanks")
    assert vm.page_name == "item"
    [record] = records(kiosk_config)
    assert (record["kind"], record["rating"], record["item_id"], record["item_revision"]) == (
        "rating",
        "satisfied",
        "cw-1",
        3,
    )
    # Another item: the previous item's thank-you does not follow the visitor there.
    vm.openItem("cw-2")
    assert fvm.property("ratingNotice") == ""


@pytest.mark.parametrize("choice", ["skip", "reason", "typed"])
def test_low_item_rating_invites_a_reason_and_never_forces_it(qtbot, start_kiosk, kiosk_config, choice):
    kiosk = start_kiosk(ITEMS)
    window, vm = enter(qtbot, kiosk)
    open_item(qtbot, window, vm, "cw-1")
    fvm = vm.property("feedback")

    tap(qtbot, window, find(window, "rating-dissatisfied"))
    qtbot.waitUntil(lambda: vm.page_name == "feedback" and fvm.property("state") == "reason")
    qtbot.waitUntil(lambda: find_or_none(window, "feedbackReason") is not None)
    assert find(window, "feedbackReason").property("visible")
    assert records(kiosk_config) == []  # nothing is sent before the visitor decides
    if choice == "skip":
        tap(qtbot, window, find(window, "feedbackSkipReason"))
        expected = ""
    elif choice == "reason":
        expected = fvm.property("reasons")[0]
        tap(qtbot, window, find(window, "reason-0"))
    else:
        expected = "字太小看不清"
        find(window, "feedbackReasonText").setProperty("text", expected)
        tap(qtbot, window, find(window, "feedbackSendReason"))
    qtbot.waitUntil(lambda: fvm.property("state") == "thanks")
    assert find(window, "feedbackFollowUp").property("visible")  # a low rating is answered
    [record] = records(kiosk_config)
    assert (record["rating"], record["item_id"], record["item_revision"], record["text"]) == (
        "dissatisfied",
        "cw-1",
        3,
        expected,
    )

    vm.back()  # back to the item it was about
    assert vm.page_name == "item"
    vm.openFeedback()  # a new visit to the opinion box starts with an empty form
    assert fvm.property("state") == "form"


def test_cancelling_a_low_rating_returns_where_it_was_given_and_sends_nothing(qtbot, start_kiosk, kiosk_config):
    kiosk = start_kiosk(ITEMS)
    window, vm = enter(qtbot, kiosk)
    fvm = vm.property("feedback")
    tap(qtbot, window, find(window, "rating-very-dissatisfied"))
    qtbot.waitUntil(lambda: fvm.property("state") == "reason")
    qtbot.waitUntil(lambda: find_or_none(window, "feedbackCancelRating") is not None)
    tap(qtbot, window, find(window, "feedbackCancelRating"))
    qtbot.waitUntil(lambda: vm.page_name == "home")
    assert fvm.property("state") == "form" and fvm.property("pendingRating") == ""

    # Leaving by the header's back button drops it too.
    open_item(qtbot, window, vm, "cw-1")
    tap(qtbot, window, find(window, "rating-dissatisfied"))
    qtbot.waitUntil(lambda: vm.page_name == "feedback")
    vm.back()
    assert vm.page_name == "item" and fvm.property("state") == "form"
    assert records(kiosk_config) == []


def test_idle_reset_clears_a_waiting_low_rating(qtbot, start_kiosk, kiosk_config):
    kiosk = start_kiosk(ITEMS)
    window, vm = enter(qtbot, kiosk)
    open_item(qtbot, window, vm, "cw-1")
    fvm = vm.property("feedback")
    tap(qtbot, window, find(window, "rating-very-dissatisfied"))
    qtbot.waitUntil(lambda: fvm.property("state") == "reason")

    vm.reset()  # what the idle timeout calls
    assert vm.page_name == "attract"
    assert (fvm.property("state"), fvm.property("pendingRating"), fvm.property("aboutTitle")) == ("form", "", "")
    vm.start()
    qtbot.waitUntil(lambda: find_or_none(window, "homeRating") is not None)
    assert find(window, "ratingButtons").property("visible")
    assert records(kiosk_config) == []


def test_idle_reset_ends_the_thank_you(qtbot, start_kiosk):
    kiosk = start_kiosk(ITEMS)
    window, vm = enter(qtbot, kiosk)
    fvm = vm.property("feedback")
    tap(qtbot, window, find(window, "rating-satisfied"))
    qtbot.waitUntil(lambda: fvm.property("ratingNotice") == "thanks")
    vm.reset()
    assert fvm.property("ratingNotice") == ""


@pytest.mark.parametrize("text_size", [0, 2])
def test_rating_rows_are_large_and_fit_the_screen(qtbot, start_kiosk, text_size):
    kiosk = start_kiosk(ITEMS)
    window, vm = enter(qtbot, kiosk)
    vm.session.setTextSize(text_size)
    scale = min(window.width() / 1920, window.height() / 1080)

    def check(page_name: str) -> None:
        page = find(window, page_name)
        for key in ("very-satisfied", "satisfied", "fair", "dissatisfied", "very-dissatisfied"):
            button = find(window, f"rating-{key}")
            assert button.height() / scale >= 96, key
            bottom_right = button.mapToItem(page, button.width(), button.height())
            assert bottom_right.x() <= page.width() + 0.5, key
            if page_name == "homePage":  # home does not scroll: the row is on the screen
                assert bottom_right.y() <= page.height() + 0.5, key

    qtbot.waitUntil(lambda: find(window, "rating-satisfied").height() > 0)
    check("homePage")
    open_item(qtbot, window, vm, "cw-1")
    check("itemPage")


def test_opinion_box_is_there_without_published_channels(qtbot, start_kiosk):
    kiosk = start_kiosk(ITEMS)
    window, vm = enter(qtbot, kiosk)
    assert find(window, "feedbackButton").property("visible")
    tap(qtbot, window, find(window, "feedbackButton"))
    qtbot.waitUntil(lambda: vm.page_name == "feedback")
    qtbot.waitUntil(lambda: find_or_none(window, "feedbackSubmit") is not None)
    assert find_or_none(window, "contact-email") is None and find_or_none(window, "contact-telephone") is None
