"""The store's TUF metadata builder: files change only when what they say changes, the
timestamp is re-signed at half its lifetime, the root needs the root key, a restore is noticed."""

from __future__ import annotations

from datetime import timedelta

import pytest
from store_support import publish

from kiosk import signing
from kiosk.store import trust_repo, trust_versions
from kiosk.store.models import TrustMetadata


@pytest.fixture
def rooted(store, tmp_path):
    store.init_root(tmp_path / "offline" / "root.key")
    return store


def versions(store) -> dict[str, int]:
    with store.db.read() as session:
        return {
            role: version
            for role, version in session.query(TrustMetadata.role, TrustMetadata.version).order_by(
                TrustMetadata.version
            )
        }


def test_a_build_with_nothing_new_signs_nothing(rooted):
    first = rooted.build_trust()
    before = versions(rooted)
    assert rooted.build_trust() == {}
    assert versions(rooted) == before and first["timestamp"] == before["timestamp"]


def test_one_publication_re_signs_one_bin_the_snapshot_and_the_timestamp(rooted, files):
    rooted.build_trust()
    before = versions(rooted)
    publish(rooted, files.write(title="年度工作要点"))
    rooted.build_trust()
    after = versions(rooted)
    changed = sorted(role for role in after if after[role] != before.get(role))
    assert len([r for r in changed if r.startswith("bin-")]) == 1
    assert {"snapshot", "timestamp"} <= set(changed) and "targets" not in changed


def test_a_build_after_one_change_asks_the_database_a_few_times_not_once_per_bin(rooted, files):
    # The kiosks' next poll waits for this build: it reads the newest file of every role
    # in one query, not one of 256 round trips per bin.
    from sqlalchemy import event

    rooted.build_trust()
    publish(rooted, files.write(title="年度工作要点"))
    statements: list[str] = []
    engine = rooted.db.engine

    def count(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        rooted.build_trust()
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert len(list(trust_repo.succinct("_").get_roles())) == 256
    assert len(statements) < 40, statements


def test_the_timestamp_is_re_signed_at_half_its_lifetime(rooted, clock):
    rooted.build_trust()
    before = versions(rooted)
    clock.advance(timedelta(hours=2))
    assert rooted.build_trust() == {}
    clock.advance(timedelta(hours=1, seconds=1))
    rooted.build_trust()
    after = versions(rooted)
    assert after["timestamp"] == before["timestamp"] + 1 and after["snapshot"] == before["snapshot"]


def test_a_new_root_needs_the_root_key(rooted, tmp_path):
    stranger = tmp_path / "stranger.key"
    signing.save_private(signing.generate(), stranger)
    with pytest.raises(trust_repo.TrustError, match="not this store's root key"):
        rooted.sign_root(stranger)
    assert rooted.sign_root(tmp_path / "offline" / "root.key")[0] == 2


def test_a_database_older_than_what_was_issued_is_refused_until_confirmed(rooted):
    rooted.build_trust()
    signed = trust_versions.issued(rooted.data_dir)
    trust_versions.record_issued(rooted.data_dir, {"timestamp": signed["timestamp"] + 5})
    with pytest.raises(trust_versions.Restored, match="restored from a backup"):
        rooted.build_trust()
    rooted.confirm_restore()
    assert rooted.build_trust()["timestamp"] == signed["timestamp"] + 6


def test_the_root_sets_the_bounds_and_a_new_root_keeps_them_unless_told(store, tmp_path):
    from tuf.api.metadata import Metadata, Root

    from kiosk.trust import policy

    key = tmp_path / "offline" / "root.key"
    store.init_root(key, {"timestamp_lifetime": 3600, "max_version_step": 50})

    def bounds():
        with store.db.read() as session:
            return policy.from_root(Metadata[Root].from_bytes(trust_repo.metadata(session, "root", None)).signed).bounds

    assert bounds().timestamp_lifetime == timedelta(hours=1) and bounds().max_version_step == 50
    store.sign_root(key)
    assert bounds().timestamp_lifetime == timedelta(hours=1)
    store.sign_root(key, bounds={"max_version_step": 70})
    assert bounds().max_version_step == 70 and bounds().timestamp_lifetime == timedelta(hours=1)
    versions = store.build_trust()  # the store issues timestamps within the root's bound
    with store.db.read() as session:
        assert trust_repo.latest(session, "timestamp").expires == store.clock.now() + timedelta(hours=1)
    assert versions["timestamp"] == 1
