"""The LED display's rotation planner: properties over whole plans, urgent items, pages.

Plans are computed with :func:`kiosk.planner.plan`, which runs the planner from one
slide's end to the next: a day of schedule costs milliseconds, no clock involved.
"""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import NOW, make_item

from kiosk import rules
from kiosk.config import SignageConfig
from kiosk.content import Audience, Cadence, Priority
from kiosk.planner import Planner, PlanSettings, plan, reading_text

CATEGORIES = ("central-work", "political-study", "organisation", "conduct", "institutions")
SETTINGS = PlanSettings.of(SignageConfig(urgent_interval=300), category_order=CATEGORIES)
HOUR = timedelta(hours=1)


def item_strategy():
    """Items whose windows open and close around the plan, some internal, some urgent."""
    offset = st.integers(min_value=-48, max_value=30).map(lambda h: NOW + timedelta(hours=h, minutes=7))
    return st.builds(
        lambda n, category, audience, urgent, start, length, body: make_item(
            f"i{n}",
            category=category,
            audience=audience,
            priority=Priority.URGENT if urgent else Priority.NORMAL,
            cadence=Cadence.AD_HOC if urgent else Cadence.ROUTINE,
            published_at=NOW - timedelta(days=n % 20),
            public_from=start,
            expires_at=start + timedelta(hours=length) if length else None,
            body="正文。" * body,
        ),
        n=st.integers(0, 10_000),
        category=st.sampled_from(CATEGORIES),
        audience=st.sampled_from([Audience.PUBLIC, Audience.PUBLIC, Audience.PUBLIC, Audience.INTERNAL]),
        urgent=st.sampled_from([False, False, False, True]),
        start=offset,
        length=st.integers(0, 30),
        body=st.integers(0, 400),
    )


items_strategy = st.lists(item_strategy(), min_size=1, max_size=12, unique_by=lambda i: i.id)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(items_strategy)
def test_a_day_of_plan_shows_only_displayable_items_and_all_of_them(items):
    slides = plan(items, SETTINGS, NOW, NOW + timedelta(hours=24))
    for slide in slides:
        if slide.item is not None:
            # Never anything the display rule refuses at the instant it is on screen.
            assert rules.may_show(slide.item, slide.start)
            assert slide.item.expires_at is None or slide.end <= slide.item.expires_at
    shown = {s.item.id for s in slides if s.item is not None}
    for item in items:
        # Anything displayable for at least an hour (long enough for a full turn of the
        # rotation at these sizes) appears.
        start = max(NOW, item.public_from or NOW)
        end = min(NOW + timedelta(hours=24), item.expires_at or NOW + timedelta(days=2))
        if item.audience is Audience.PUBLIC and end - start >= HOUR:
            assert item.id in shown, item


@settings(max_examples=60, deadline=None)
@given(items_strategy)
def test_dwell_stays_within_bounds_unless_cut_short(items):
    for slide in plan(items, SETTINGS, NOW, NOW + timedelta(hours=6)):
        length = (slide.end - slide.start).total_seconds()
        assert length > 0
        if slide.item is not None:
            assert length <= SETTINGS.max_dwell


@settings(max_examples=60, deadline=None)
@given(items_strategy)
def test_no_item_twice_in_a_row_when_another_is_displayable(items):
    slides = plan(items, SETTINGS, NOW, NOW + timedelta(hours=6))
    for before, after in zip(slides, slides[1:], strict=False):
        if before.item is None or after.item is None or before.item.id != after.item.id:
            continue
        if after.page > 1:
            continue  # the next page of the same item, not a repeat
        others = [i for i in rules.displayable(items, after.start) if i.id != after.item.id]
        assert not others, f"{after.item.id} repeated while {[i.id for i in others]} waited"


def test_urgent_item_appears_within_a_second_and_then_at_its_interval():
    routine = [make_item(f"r{n}", category=c) for n, c in enumerate(CATEGORIES)]
    arrival = NOW + timedelta(minutes=3, seconds=2)
    urgent = make_item(
        "urgent",
        priority=Priority.URGENT,
        cadence=Cadence.AD_HOC,
        public_from=arrival,
        expires_at=arrival + timedelta(minutes=30),
    )
    slides = plan(routine + [urgent], SETTINGS, NOW, NOW + HOUR)
    starts = [s.start for s in slides if s.item is not None and s.item.id == "urgent"]
    assert starts[0] - arrival <= timedelta(seconds=1)
    gaps = [b - a for a, b in zip(starts, starts[1:], strict=False)]
    assert gaps and all(
        SETTINGS.urgent_interval <= g <= SETTINGS.urgent_interval + timedelta(seconds=SETTINGS.max_dwell) for g in gaps
    )
    assert starts[-1] < arrival + timedelta(minutes=30)


def test_urgent_arrival_cuts_the_current_slide():
    planner = Planner(SETTINGS)
    planner.set_items([make_item("a"), make_item("b", category="conduct")], NOW)
    planner.next(NOW)
    urgent = make_item("u", priority=Priority.URGENT, cadence=Cadence.AD_HOC)
    assert planner.set_items([make_item("a"), make_item("b", category="conduct"), urgent], NOW + timedelta(seconds=2))
    slide = planner.next(NOW + timedelta(seconds=2))
    assert (slide.item.id, slide.reason) == ("u", "urgent")


def test_withdrawn_or_superseded_item_must_leave_at_once():
    planner = Planner(SETTINGS)
    planner.set_items([make_item("a"), make_item("b", category="conduct")], NOW)
    shown = planner.next(NOW).item.id
    other = "b" if shown == "a" else "a"
    assert planner.set_items([i for i in [make_item("a"), make_item("b", category="conduct")] if i.id != shown], NOW)
    planner.set_items([make_item("a"), make_item("b", category="conduct")], NOW)
    planner.current = None
    planner.next(NOW)
    revised = make_item(planner.current.item.id, revision=2, category=planner.current.item.category)
    assert planner.set_items([revised, make_item(other, category="conduct" if other == "b" else "central-work")], NOW)


def test_categories_take_turns_and_recent_items_come_up_more_often():
    old = NOW - timedelta(days=60)
    items = [
        make_item("cw-new", published_at=NOW - timedelta(days=1)),
        make_item("cw-old", published_at=old),
        make_item("cd-1", category="conduct", published_at=old),
        make_item("org-1", category="organisation", published_at=old),
    ]
    slides = plan(items, SETTINGS, NOW, NOW + 6 * HOUR)
    categories = [s.item.category for s in slides]
    # Turns: no category twice in a row (three categories have items).
    assert all(a != b for a, b in zip(categories, categories[1:], strict=False))
    counts = Counter(s.item.id for s in slides)
    assert counts["cw-new"] > 1.5 * counts["cw-old"]
    assert abs(counts["cd-1"] - counts["org-1"]) <= 1


def test_long_items_are_paged_with_their_own_dwell():
    long = make_item("long", summary="", body="这是一段很长的公开内容。" * 200)
    settings_ = PlanSettings.of(SignageConfig(max_pages=4), category_order=CATEGORIES)
    slides = plan([long, make_item("short", category="conduct")], settings_, NOW, NOW + timedelta(minutes=10))
    pages = [s for s in slides if s.item.id == "long"][:4]
    assert [(p.page, p.pages) for p in pages] == [(1, 4), (2, 4), (3, 4), (4, 4)]
    # Cut short: the last page says where to read the rest, instead of an ellipsis.
    assert pages[-1].lines[-1].style == "note" and "触摸屏" in pages[-1].lines[-1].text
    assert all(settings_.min_dwell <= (p.end - p.start).total_seconds() <= settings_.max_dwell for p in pages)


def test_new_badge_only_on_recent_ad_hoc_items():
    fresh = make_item("fresh", cadence=Cadence.AD_HOC, published_at=NOW - timedelta(hours=2))
    stale = make_item("stale", cadence=Cadence.AD_HOC, published_at=NOW - timedelta(days=10), category="conduct")
    routine = make_item("routine", published_at=NOW - timedelta(hours=1), category="organisation")
    slides = plan([fresh, stale, routine], SETTINGS, NOW, NOW + timedelta(minutes=5))
    badge = {s.item.id: s.new for s in slides}
    assert badge == {"fresh": True, "stale": False, "routine": False}


def test_reading_text_puts_the_summary_before_the_plain_body_block_by_block():
    item = make_item("x", summary="摘要一句。", body="## 标题\n\n- **要点**")
    assert reading_text(item) == "摘要一句。\n标题\n要点"


def test_pages_end_between_blocks():
    """With the old regex the body's blank line was folded into a space, and the page was
    cut inside the second paragraph."""
    item = make_item("x", summary="", body="一" * 150 + "。\n\n" + "二" * 60)
    settings_ = PlanSettings.of(SignageConfig(), category_order=CATEGORIES)
    slides = plan([item], settings_, NOW, NOW + timedelta(minutes=2))
    assert [s.text for s in slides[:2]] == ["一" * 150 + "。", "二" * 60]


def test_the_planner_takes_its_settings_from_the_configuration():
    from kiosk.config import from_table

    config = from_table(
        {
            "timezone": "Europe/Berlin",
            "signage": {"urgent_interval": 120, "new_badge_hours": 1, "recent_days": 3, "max_pages": 2},
        }
    )
    settings = PlanSettings.from_config(config)
    assert settings.signage is config.signage
    assert (settings.urgent_interval, settings.new_badge, settings.recent) == (
        timedelta(minutes=2),
        timedelta(hours=1),
        timedelta(days=3),
    )
    assert settings.max_pages == settings.layout.max_pages == 2
    assert settings.hours.tz == "Europe/Berlin"
    assert settings.category_order[0] == "central-work"


def test_what_the_planner_remembers_per_item_holds_only_current_items():
    """Months of items coming and going leave no memory of the ones that left."""
    planner = Planner(SETTINGS)
    steady = make_item("steady", category="conduct")
    when = NOW
    for n in range(2_000):
        passing = make_item(f"passing-{n}", category=CATEGORIES[n % len(CATEGORIES)])
        planner.set_items([steady, passing], when)
        for _ in range(2):
            slide = planner.next(when)
            when = slide.end
    assert set(planner._last_shown) <= {"steady", "passing-1999"}
    assert set(planner._credit) <= {"steady", "passing-1999"}
    assert "steady" in planner._last_shown
