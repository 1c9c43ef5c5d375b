"""``kiosk plan``: the LED display's planned rotation, for administrators and tests."""

from __future__ import annotations

from datetime import datetime, timedelta

from kiosk import planner, wall
from kiosk.config import Config
from kiosk.content import Item


def plan_settings(config: Config, layout: wall.WallLayout | None = None) -> planner.PlanSettings:
    """The planner's settings from the kiosk configuration."""
    return planner.PlanSettings.from_config(config, layout)


def plan_entries(items: list[Item], config: Config, start: datetime, hours: float) -> list[dict[str, object]]:
    """One JSON-ready entry per slide: start, item_id, page, pages, reason (and end)."""
    # Pages are cut for the wall's size: its region, or a 1080p output.
    signage = next((sc for sc in config.screens if sc.role == "signage"), None)
    width, height = signage.region[2:] if signage and signage.region else (1920, 1080)
    layout = wall.window_layout(width, height, config.signage.min_font_px, config.signage.max_pages)
    settings = plan_settings(config, layout)
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
