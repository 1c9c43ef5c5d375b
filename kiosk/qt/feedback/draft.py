"""What a visitor has typed into the opinion form so far, and the record it becomes.

Plain state with the form's own rules: text cleaned as it is typed (control and format
characters out), contact details kept only behind the consent switch (withdrawing consent
erases them), the form's problem in the visitor's words. The view model owns one draft
per visit and clears it on the thank-you page and at the idle reset.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from kiosk import feedback as fb
from kiosk.config import FeedbackConfig
from kiosk.qt.feedback import texts

#: The fields a visitor types into, as the setters name them.
TYPED = ("text", "name", "phone")


@dataclass
class Draft:
    kind: str = "suggestion"
    text: str = ""
    consent: bool = False
    name: str = ""
    phone: str = ""

    def set_kind(self, kind: str) -> bool:
        """Choose the kind of opinion; whether anything changed (an unknown kind changes nothing)."""
        if kind not in fb.KINDS or kind == self.kind:
            return False
        self.kind = kind
        return True

    def set_typed(self, field: str, value: str) -> tuple[bool, bool]:
        """Set a typed field, cleaned: (whether it changed, whether characters were stripped)."""
        assert field in TYPED, field
        cleaned, stripped = fb.clean(value)
        if cleaned == getattr(self, field) and not stripped:
            return False, False
        setattr(self, field, cleaned)
        return True, stripped

    def set_consent(self, consent: bool) -> bool:
        if consent == self.consent:
            return False
        self.consent = consent
        if not consent:  # no contact data without consent: withdrawing it erases them
            self.name = self.phone = ""
        return True

    def problem(self, config: FeedbackConfig) -> str:
        """Why the form cannot be sent yet, in the visitor's words ("" when it can)."""
        return texts.form_problem(
            self.text, config.min_length, config.max_length, consent=self.consent, name=self.name, phone=self.phone
        )

    def record(self, about: tuple[str, int, str] | None, now: datetime) -> fb.Feedback:
        """The outbox record of this draft, about an item or (``about`` None) the office."""
        item_id, revision, _ = about or (None, None, "")
        return fb.new(
            self.kind,
            text=self.text.strip(),
            item_id=item_id,
            item_revision=revision,
            consent=self.consent,
            name=self.name.strip() if self.consent else "",
            phone=self.phone.strip() if self.consent else "",
            now=now,
        )
