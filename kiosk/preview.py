"""``kiosk plan``: the LED display's planned rotation, for administrators and tests."""

from __future__ import annotations

from datetime import datetime, timedelta

from kiosk import paging, planner, schedule
from kiosk.config import Config
from kiosk.content import Item


def plan_settings(config: Config, page_chars: int | None = None) -> planner.PlanSettings:
    """The planner's settings from the kiosk configuration."""
    s, tz = config.signage, config.timezone
    settings = planner.PlanSettings(
        min_dwell=s.min_dwell,
        max_dwell=s.max_dwell,
        chars_per_second=s.chars_per_second,
        urgent_interval=timedelta(seconds=s.urgent_interval),
        new_badge=timedelta(hours=s.new_badge_hours),
        recent=timedelta(days=s.recent_days),
        recent_weight=s.recent_weight,
        max_pages=s.max_pages,
        hours=schedule.WeeklySchedule(s.hours, tz),
        dayparts=schedule.WeeklySchedule(s.dayparts, tz, always_on_when_empty=False),
        category_order=tuple(c.key for c in config.catalog.categories),
    )
    if page_chars is not None:
        from dataclasses import replace

        settings = replace(settings, page_chars=page_chars)
    return settings


def plan_entries(items: list[Item], config: Config, start: datetime, hours: float,
                 page_chars: int | None = None) -> list[dict]:
    """One JSON-ready entry per slide: start, item_id, page, pages, reason (and end)."""
    if page_chars is None:
        signage = next((sc for sc in config.screens if sc.role == "signage"), None)
        width, height = (signage.region[2:] if signage and signage.region else (1920, 1080))
        page_chars = paging.signage_page_capacity(width, height, config.signage.min_font_px)
    settings = plan_settings(config, page_chars)
    slides = planner.plan(items, settings, start, start + timedelta(hours=hours))
    return [
        {
            "start": slide.start.isoformat(),
            "end": slide.end.isoformat(),
            "item_id": slide.item.id if slide.item else None,
            "page": slide.page,
            "pages": slide.pages,
            "reason": slide.reason,
        }
        for slide in slides
    ]
