"""The administrator's overlay on the touch screen: a hidden gesture, a PIN pad, a status
panel and the actions staff need at the kiosk (sync now, screenshots, restart, exit)."""

from kiosk.qt.admin.actions import AdminActions
from kiosk.qt.admin.overlay import AdminOverlay

__all__ = ["AdminActions", "AdminOverlay"]
