"""The store's root of trust, as administrator actions: the offline root key, the root
versions it signs, the online key's rotation, and the signed metadata the server serves.

A part of :class:`kiosk.store.service.Store` (which inherits it), kept in a module of its
own. As everywhere in the store, :mod:`kiosk.store.trust_repo` is imported inside each
action, so commands that need no signed metadata start without loading python-tuf.
"""

from __future__ import annotations

import os
from pathlib import Path

from kiosk import signing
from kiosk.clock import Clock
from kiosk.store import keys, trust_versions, workflow
from kiosk.store.db import Database
from kiosk.store.models import Setting

STORE_KEY_SETTING = "store_public_key"


class RootAdmin:
    """The root and the online key; the store's database, data folder and clock are the Store's."""

    db: Database
    data_dir: Path
    clock: Clock

    def has_root(self) -> bool:
        from kiosk.store import trust_repo

        with self.db.read() as session:
            return trust_repo.has_root(session)

    def init_root(self, root_key_file: Path, bounds: dict[str, int] | None = None) -> tuple[int, str]:
        """Make the offline root key (a new file) and sign the first root; the root pin."""
        from kiosk.store import trust_repo

        if self.has_root():
            raise workflow.WorkflowError(
                "this store already has a root; sign a new version with: kiosk-store root sign"
            )
        root_key = signing.generate()
        signing.save_private(root_key, Path(root_key_file))
        try:
            with self.db.write() as session:
                trust_repo.sign_root(
                    session,
                    [root_key],
                    None,
                    keys.load_store_key(self.data_dir),
                    self.clock.now(),
                    bounds=trust_repo.bounds_with(None, bounds or {}),
                )
        except BaseException:
            Path(root_key_file).unlink(missing_ok=True)
            raise
        return self.root_pin()

    def sign_root(
        self, root_key_file: Path, new_root_key_file: Path | None = None, bounds: dict[str, int] | None = None
    ) -> tuple[int, str]:
        """Sign the next root with the offline key: today's accounts and online key reach every kiosk."""
        from kiosk.store import trust_repo

        root_key = signing.load_private(Path(root_key_file))
        new_key = None
        if new_root_key_file is not None:
            new_key = signing.generate()
            signing.save_private(new_key, Path(new_root_key_file))
        with self.db.write() as session:
            if not trust_repo.has_root(session):
                raise workflow.WorkflowError("this store has no root yet: run kiosk-store root init --root-key FILE")
            trust_repo.sign_root(
                session,
                [root_key],
                new_key,
                keys.load_store_key(self.data_dir),
                self.clock.now(),
                bounds=trust_repo.bounds_with(session, bounds or {}) if bounds else None,
            )
        return self.root_pin()

    def rotate_store_key(self, root_key_file: Path) -> tuple[int, str]:
        """A new online key, announced by a new root (the old key file is kept as store.key.old)."""
        root_key = signing.load_private(Path(root_key_file))  # before anything changes
        path = keys.store_key_path(self.data_dir)
        old = path.with_name(path.name + ".old")
        old.unlink(missing_ok=True)
        os.replace(path, old)
        try:
            key = keys.create_store_key(self.data_dir)
        except BaseException:
            os.replace(old, path)
            raise
        from kiosk.store import trust_repo

        with self.db.write() as session:
            found = session.get(Setting, STORE_KEY_SETTING)
            if found is None:  # init writes it: a database without it belongs to no store
                raise workflow.WorkflowError("this database holds no store key setting: is it this store's?")
            found.value = signing.public_text(key)
            trust_repo.sign_root(session, [root_key], None, key, self.clock.now())
        return self.root_pin()

    def root_pin(self) -> tuple[int, str]:
        from kiosk.store import trust_repo

        with self.db.read() as session:
            return trust_repo.root_pin(session)

    def build_trust(self) -> dict[str, int]:
        """Sign whatever v2 metadata is due (called by the server); the current versions."""
        from kiosk.store import trust_repo

        now = self.clock.now()
        key = keys.load_store_key(self.data_dir)
        with self.db.read() as session:
            if not trust_repo.has_root(session):
                raise trust_versions.TrustError("no root")
            if not trust_repo.needs_build(session, trust_repo.signer(key).public_key.keyid, now):
                trust_versions.check_not_restored(session, self.data_dir)
                return {}
        with self.db.write() as session:
            versions = trust_repo.build(session, key, now, self.data_dir)
        trust_versions.record_issued(self.data_dir, versions)
        return versions

    def confirm_restore(self) -> dict[str, int]:
        with self.db.write() as session:
            return trust_versions.confirm_restore(session, self.data_dir)
