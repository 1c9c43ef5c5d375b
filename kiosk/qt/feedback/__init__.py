"""The opinion box: the feedback form, one-tap ratings, the thank-you page."""

from kiosk.qt.feedback.form import FeedbackViewModel, FormState
from kiosk.qt.feedback.quick import NOTICE_MS, QuickRatings
from kiosk.qt.feedback.texts import STRIPPED

__all__ = ["NOTICE_MS", "STRIPPED", "FeedbackViewModel", "FormState", "QuickRatings"]
