"""The store's enrolled kiosks, as administrator actions: enrolling one (its token, kept
only as a hash, and the ``[store]`` table a kiosk is configured with), revoking one, listing
them.

A part of :class:`kiosk.store.service.Store` (which inherits it), kept in a module of its
own. Enrolling and revoking are an admin's, checked here so the command line and the
console refuse alike, and each is audited inside its own transaction.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from kiosk.clock import Clock
from kiosk.store import audit, devices, staff, workflow
from kiosk.store.db import Database
from kiosk.store.models import Setting

URL_SETTING = "url"
DEFAULT_URL = "http://127.0.0.1:8470"


class FleetAdmin:
    """Enrolment and revocation; the database, clock and trust metadata are the Store's."""

    db: Database
    data_dir: Path
    clock: Clock

    # The Store's own (and RootAdmin's), declared so this part type-checks on its own.
    def check_initialised(self) -> str:
        raise NotImplementedError

    def build_trust(self) -> dict[str, int]:
        raise NotImplementedError

    def enroll(self, name: str, url: str | None = None, by: str | None = None) -> str:
        """Enroll a device (or give a revoked one a new token); the [store] TOML table for its
        configuration. ``by``: the acting admin (the command line's ``--as``, the console's
        account), already authenticated; None only for the trusted Python API (the demo,
        tests). Audited either way, in the enrolment's own transaction."""
        from kiosk.store import trust_repo

        store_key = self.check_initialised()
        with self.db.read() as session:
            _device_admin(session, by)  # refused before the trust metadata is rebuilt for nothing
            v2 = trust_repo.has_root(session)
        if v2:  # the snapshot the kiosk pins as its floor is the feed as it is now, signed
            self.build_trust()
        with self.db.write() as session:
            _device_admin(session, by)
            again = devices.was_enrolled(session, name)
            token = devices.enroll(session, name, self.clock.now())
            detail = {"url": url or "", "new_token_for_revoked": again}
            audit.record(session, by or "-", "device.enroll", name, detail, self.clock.now())
            approvers = staff.approver_keys(session)
            stored_url = session.get(Setting, URL_SETTING)
            pin = devices.v2_pin(session) if v2 else None
        return devices.store_table(
            url or (stored_url.value if stored_url else DEFAULT_URL), store_key, approvers, token, root=pin
        )

    def revoke(self, name: str, by: str | None = None) -> None:
        """Revoke a device's token at once; ``by`` as for :meth:`enroll`, audited alike."""
        with self.db.write() as session:
            _device_admin(session, by)
            devices.revoke(session, name, self.clock.now())
            audit.record(session, by or "-", "device.revoke", name, {}, self.clock.now())

    def devices(self) -> list[dict]:
        with self.db.read() as session:
            return devices.list_devices(session)


def _device_admin(session: Session, by: str | None) -> None:
    """Only an admin enrolls and revokes kiosks: a device token lets its holder read the feed
    and send feedback in the office's name."""
    if by is None:
        return
    actor = staff.user(session, by)
    if actor.disabled_at is not None:
        raise workflow.WorkflowError(f"{by} is disabled")
    if actor.role != "admin":
        raise workflow.WorkflowError(f"{by} is an {actor.role}: only an admin may enroll or revoke kiosks")
