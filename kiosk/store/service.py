"""The store's Python API: each administrator action as one locked transaction.

Every workflow action and the feed re-evaluation that follows it commit together, so a
publication or a withdrawal and the feed version that carries it can never be seen apart,
whichever process (a command, a server) looks at the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy.exc import IntegrityError

from kiosk import feedback as fb
from kiosk import signing
from kiosk.catalog import Catalog, default_catalog
from kiosk.clock import Clock, SystemClock
from kiosk.itemfile import read as read_item_file
from kiosk.store import feedback as intake
from kiosk.store import feedstate, files, item_index, keys, staff, workflow
from kiosk.store.db import Database, DatabaseError, upgrade
from kiosk.store.fleet_admin import DEFAULT_URL, URL_SETTING, FleetAdmin
from kiosk.store.models import Setting
from kiosk.store.root_admin import STORE_KEY_SETTING, RootAdmin
from kiosk.store.usage_record import UsageRecord


@dataclass
class Store(RootAdmin, FleetAdmin, UsageRecord):
    db: Database
    data_dir: Path
    keys_dir: Path
    clock: Clock = SystemClock()
    catalog: Catalog | None = None

    # -- set-up -----------------------------------------------------------------------

    def init(self, url: str = DEFAULT_URL, history: int = feedstate.DEFAULT_HISTORY) -> str:
        """Create (or migrate) the database and the store key; the store's public key."""
        if keys.store_key_path(self.data_dir).exists():
            raise workflow.WorkflowError(f"{self.data_dir} already holds a store key: this store is initialised")
        files.private_dir(self.data_dir)
        upgrade(self.db, self.data_dir)
        with self.db.write() as session:
            if session.get(Setting, STORE_KEY_SETTING) is not None:
                raise workflow.WorkflowError(
                    "this database already belongs to a store (its key is not in this data directory)"
                )
            key = keys.create_store_key(self.data_dir)
            try:
                public = signing.public_text(key)
                session.add_all(
                    [
                        Setting(key=STORE_KEY_SETTING, value=public),
                        Setting(key=URL_SETTING, value=url),
                        Setting(key=feedstate.HISTORY_SETTING, value=str(history)),
                    ]
                )
                feedstate.reconcile(session, self.clock.now())
                session.flush()
            except BaseException:  # a key without its database would block the next init
                keys.store_key_path(self.data_dir).unlink(missing_ok=True)
                raise
        return public

    def setting(self, key: str) -> str | None:
        with self.db.read() as session:
            found = session.get(Setting, key)
            return found.value if found is not None else None

    def check_initialised(self) -> str:
        """The store's public key; raises when the database or the key file is not the store's."""
        public = self.setting(STORE_KEY_SETTING)
        if public is None:
            raise DatabaseError("the store's database is not initialised; run kiosk-store init")
        key = keys.load_store_key(self.data_dir)
        if signing.public_text(key) != public:
            raise DatabaseError(f"{keys.store_key_path(self.data_dir)} is not this database's store key")
        return public

    # -- accounts ---------------------------------------------------------------------

    def add_user(self, name: str, role: str, password: str | None = None, by: str | None = None) -> str | None:
        """Add an account; for an approver or an admin, write their key pair and return the key file path.

        With ``password`` the account can sign in, and ``by`` (an admin, already
        authenticated) is checked and audited; without one ``by`` may be None only for the
        store's first admin (see :func:`accounts.bootstrap_allowed`). Without ``password``
        (the trusted Python API: the demo, tests) the account cannot sign in.
        With a root (protocol v2), kiosks trust the new key once the root is signed again
        (:meth:`sign_root`, which needs the offline root key).
        """
        from kiosk.store import accounts

        now = self.clock.now()
        with self.db.write() as session:
            staff.check_new_user(session, name, role)
            actor = staff.user(session, by) if by else None
            if password is not None:
                if actor is None and not (accounts.bootstrap_allowed(session) and role == "admin"):
                    raise workflow.WorkflowError("only an admin may add accounts (give --as ADMIN)")
                if actor is not None:
                    accounts.require_admin(actor)
                accounts.check_password(password)
            public_key = None
            key_path = None
            if role in staff.SIGNERS:
                files.private_dir(self.keys_dir)
                public_key = signing.public_text(keys.create_approver_key(self.keys_dir, name))
                key_path = keys.approver_key_path(self.keys_dir, name)
            try:
                if password is None:
                    staff.add_user(session, name, role, now, public_key=public_key, by=by)
                else:
                    accounts.create(session, actor, name, role, password, now, public_key=public_key)
                session.flush()
            except BaseException:
                if key_path is not None:
                    key_path.unlink(missing_ok=True)
                raise
        return str(key_path) if key_path is not None else None

    def check_password(self, name: str, password: str, address: str, policy=None) -> None:
        """Raise :class:`accounts.SignInRefused` unless ``password`` is ``name``'s (failures counted, audited)."""
        from kiosk.store import accounts

        refused = None
        with self.db.write() as session:
            try:
                accounts.sign_in(session, name, password, address, policy or accounts.AccountPolicy(), self.clock.now())
            except accounts.SignInRefused as exc:
                refused = exc  # caught inside the transaction: the failure is counted and audited
        if refused is not None:
            raise refused

    def change_account(self, by: str, name: str, change: str, value: str = "") -> None:
        """An admin's account change: ``role`` (value: the role), ``disable``, ``enable``, ``password``."""
        from kiosk.store import accounts

        now = self.clock.now()
        with self.db.write() as session:
            actor = staff.user(session, by)
            if change == "role":
                accounts.set_role(session, actor, name, value, now)
            elif change == "disable":
                accounts.disable(session, actor, name, now)
            elif change == "enable":
                accounts.enable(session, actor, name, now)
            elif change == "password":
                accounts.reset_password(session, actor, name, value, now)
            else:
                raise ValueError(change)

    def bootstrap_password(self, name: str, password: str) -> None:
        """The first admin's password, while no admin can sign in (an account made before passwords)."""
        from kiosk.store import accounts

        with self.db.write() as session:
            accounts.reset_password(session, None, name, password, self.clock.now())

    def users(self) -> list[dict]:
        with self.db.read() as session:
            return staff.list_users(session)

    # -- items ------------------------------------------------------------------------

    def _read(self, path: Path):
        """An item file; times written without an offset are the office's (its time zone)."""
        with self.db.read() as session:
            zone = intake.office_zone(session)
        return read_item_file(Path(path), self.catalog or default_catalog(), zone)

    def add_item(self, path: Path, actor: str) -> str:
        source = self._read(path)
        return self._act(lambda s, now: workflow.add_item(s, source, staff.user(s, actor), now))

    def edit_item(self, item_id: str, path: Path, actor: str, after_feedback: str | None = None) -> int:
        source = self._read(path)
        return self._act(
            lambda s, now: workflow.edit_item(s, item_id, source, staff.user(s, actor), now, after_feedback)
        )

    def submit(self, item_id: str, actor: str) -> int:
        return self._act(lambda s, now: workflow.submit(s, item_id, staff.user(s, actor), now))

    def approve(self, item_id: str, actor: str) -> int:
        # The approver's private key is read here, in the approver's own process, and
        # used only to sign; the store keeps the signature and the public key.
        key_file = keys.approver_key_path(self.keys_dir, actor)

        def sign(data: bytes) -> str:  # called after the workflow checks, so their errors come first
            return signing.sign(signing.load_private(key_file), data)

        return self._act(lambda s, now: workflow.approve(s, item_id, staff.user(s, actor), sign, now))

    def _person_signer(self, actor: str):
        """The actor's own key, read in this (their) process; None when they have none (v1 only)."""
        key_file = keys.approver_key_path(self.keys_dir, actor)
        if not key_file.exists():
            if self.has_root():
                raise workflow.WorkflowError(
                    f"{actor}'s key file {key_file} is missing: publication and withdrawal "
                    "are signed with the admin's own key (use --keys DIR)"
                )
            return None

        def sign(data: bytes) -> str:
            return signing.sign(signing.load_private(key_file), data)

        return sign

    def publish(self, item_id: str, actor: str) -> int:
        signer = self._person_signer(actor)
        return self._act(lambda s, now: workflow.publish(s, item_id, staff.user(s, actor), now, signer))

    def schedule(self, item_id: str, actor: str, at: datetime) -> int:
        """Sign the publication now, dated ``at``; the revision goes live at that instant.

        ``at`` without an offset is office time (the store's time zone).
        """
        from kiosk.store import schedule

        if at.tzinfo is None:
            at = at.replace(tzinfo=self.office_zone())

        signer = self._person_signer(actor)
        return self._act(lambda s, now: schedule.schedule(s, item_id, staff.user(s, actor), at, now, signer))

    def office_zone(self):
        with self.db.read() as session:
            return intake.office_zone(session)

    def cancel_schedule(self, item_id: str, actor: str) -> int:
        from kiosk.store import schedule

        return self._act(lambda s, now: schedule.cancel(s, item_id, staff.user(s, actor), now))

    def withdraw(self, item_id: str, actor: str) -> int:
        signer = self._person_signer(actor)
        return self._act(lambda s, now: workflow.withdraw(s, item_id, staff.user(s, actor), now, signer))

    def sign_publications(self, actor: str) -> int:
        """Migration to v2: the admin signs publication statements for items published before."""
        from kiosk.store import trust_versions

        signer = self._person_signer(actor)
        if signer is None:
            raise workflow.WorkflowError(f"{actor} has no key file in {self.keys_dir}")
        with self.db.write() as session:
            count = workflow.sign_live_publications(session, staff.user(session, actor), signer, self.clock.now())
            built = session.get(Setting, trust_versions.BUILT_SETTING)
            if built is not None:
                built.value = ""  # the bins must list the new documents
        return count

    def add_key(self, name: str, by: str | None = None) -> str:
        """Give an approver or admin made before keys were needed a key pair; the key file."""
        from kiosk.store import accounts, audit

        with self.db.write() as session:
            if by is not None:
                accounts.require_admin(staff.user(session, by))
            user = staff.user(session, name)
            if user.role not in staff.SIGNERS or user.public_key:
                raise workflow.WorkflowError(
                    f"{name} is an {user.role}" + (" and already has a key" if user.public_key else "")
                )
            key = keys.create_approver_key(self.keys_dir, name)
            user.public_key = signing.public_text(key)
            audit.record(session, by or "-", "account.key", name, {"key": user.public_key}, self.clock.now())
        return str(keys.approver_key_path(self.keys_dir, name))

    def retire_user(self, name: str, at: datetime | None = None, by: str | None = None) -> None:
        """From ``at`` (default now) the account's key signs nothing kiosks accept (once the root is signed)."""
        from kiosk.store import accounts

        with self.db.write() as session:
            if by is not None:
                accounts.require_admin(staff.user(session, by))
            staff.retire_user(session, name, self.clock.now(), at, by=by)

    def items(self) -> list[dict]:
        self.refresh()
        with self.db.read() as session:
            listing = item_index.list_items(session)
            stats = intake.item_stats(session)
        empty = {"feedback": 0, "ratings": {k: 0 for k in fb.RATINGS}}
        for item in listing:
            item.update(stats.get(item["id"], empty))
        return listing

    def timeliness(self) -> list[dict]:
        """Every item's next disclosure due and whether it is late (:mod:`.timeliness_record`)."""
        from kiosk.store import timeliness_record

        with self.db.read() as session:
            return timeliness_record.rows(session, self.clock.now(), intake.office_zone(session))

    def _act(self, action):
        now = self.clock.now()
        with self.db.write() as session:
            result = action(session, now)
            feedstate.reconcile(session, now)
        return result

    def refresh(self) -> int:
        """Re-evaluate the feed now (a time boundary may have passed); the current version."""
        return feedstate.reconcile_if_due(self.db, self.clock.now())

    # -- feedback -------------------------------------------------------------------

    def receive_feedback(self, device_id: int, record: fb.Feedback) -> dict:
        """Store a kiosk's record once; raises :class:`intake.Conflict` for a reused id."""
        try:
            with self.db.plain() as session:
                return intake.receive(session, device_id, record, self.clock.now())
        except IntegrityError:
            # Two uploads of the same id raced (a kiosk retrying over a slow answer): the
            # other one stored it; answer as for a replay.
            with self.db.read() as session:
                existing = intake.find(session, record.id)
                if existing is None:
                    raise
                return intake.same_or_conflict(existing, device_id, fb.body_digest(record))

    def feedback(self, only: str | None = None) -> list[dict]:
        with self.db.read() as session:
            return intake.listing(session, self.clock.now(), only=only)

    def feedback_record(self, key: str, actor: str | None = None) -> dict:
        """One record with its contact details (a supervisor's: without); ``actor``'s reading of them is audited."""
        from kiosk.store import audit

        with self.db.write() as session:
            reader = staff.user(session, actor) if actor else None
            contact = reader is None or reader.role != staff.SUPERVISOR
            record = intake.show(session, key, self.clock.now(), contact=contact)
            if contact and record["has_contact"]:
                audit.record(session, actor or "-", "feedback.read-contact", record["id"], {}, self.clock.now())
            return record

    def resolve_feedback(self, key: str, actor: str, note: str) -> dict:
        from kiosk.store import audit

        with self.db.write() as session:
            staff.require(staff.user(session, actor), staff.WRITERS, "resolve feedback")
            done = intake.resolve(session, key, actor, note, self.clock.now())
            audit.record(session, actor, "feedback.resolve", done["id"], {"note": note[:500]}, self.clock.now())
            return done

    def export_feedback(self, actor: str | None = None) -> bytes:
        """Every record as CSV, contact details included: the export is audited."""
        from kiosk.store import audit

        with self.db.write() as session:
            if actor is not None:  # the export holds contact data: no supervisor's
                staff.require(staff.user(session, actor), staff.WRITERS, "export feedback")
            data = intake.export_csv(session, self.clock.now())
            audit.record(session, actor or "-", "feedback.export", "", {}, self.clock.now())
            return data

    def set_follow_up_days(self, days: int, actor: str | None = None) -> None:
        from kiosk.store import audit

        with self.db.write() as session:
            if actor is not None:
                staff.require(staff.user(session, actor), staff.WRITERS, "set the follow-up policy")
            intake.set_follow_up_days(session, days)
            audit.record(session, actor or "-", "feedback.policy", "", {"follow_up_days": days}, self.clock.now())

    def feed_version(self) -> int:
        with self.db.read() as session:
            return feedstate.current_version(session)


def open_store(data_dir: Path, database_url: str | None, keys_dir: Path | None, clock: Clock | None = None) -> Store:
    from kiosk.store.db import sqlite_url

    return Store(
        db=Database(database_url or sqlite_url(data_dir)),
        data_dir=Path(data_dir),
        keys_dir=Path(keys_dir) if keys_dir else keys.default_keys_dir(),
        clock=clock or SystemClock(),
    )
