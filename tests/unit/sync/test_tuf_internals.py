"""The parts of python-tuf's ngclient that the kiosk uses beyond its public API.

:mod:`kiosk.sync.tuf_client` names them; each test here fails by name when a python-tuf
release changes one, so an upgrade is a loud test failure, never a kiosk that silently
stops checking the root's bounds or reads the wrong clock.
"""

from __future__ import annotations

import inspect
from datetime import UTC, datetime, timedelta

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from securesystemslib.signer import CryptoSigner, SSlibKey
from tuf.api import exceptions
from tuf.api.metadata import Metadata, Root
from tuf.ngclient import Updater
from tuf.ngclient._internal.trusted_metadata_set import TrustedMetadataSet
from tuf.ngclient.config import EnvelopeType

from kiosk.sync.tuf_client import KioskUpdater


def signed_root(expires: datetime) -> bytes:
    key = Ed25519PrivateKey.generate()
    signer = CryptoSigner(key, SSlibKey.from_crypto(key.public_key()))
    root = Root(version=1, expires=expires, consistent_snapshot=True)
    for role in ("root", "timestamp", "snapshot", "targets"):
        root.add_key(signer.public_key, role)
    md = Metadata(root)
    md.sign(signer)
    return md.to_bytes()


def test_the_trusted_set_s_reference_time_is_the_clock_of_every_expiry_check():
    now = datetime.now(UTC)
    trusted = TrustedMetadataSet(signed_root(now + timedelta(days=1)), EnvelopeType.METADATA)
    assert isinstance(trusted.reference_time, datetime), "TrustedMetadataSet.reference_time is gone"
    trusted.reference_time = now + timedelta(days=2)  # what KioskUpdater does with the kiosk's clock
    with pytest.raises(exceptions.ExpiredMetadataError):
        trusted.update_timestamp(b"{}")


def test_the_trusted_set_exposes_the_verified_roles():
    for role in ("root", "timestamp", "snapshot", "targets"):
        assert isinstance(getattr(TrustedMetadataSet, role, None), property), f"TrustedMetadataSet.{role} is gone"
    assert "_trusted_set" in inspect.getsource(Updater.__init__), "Updater._trusted_set is gone"


def test_every_verified_file_passes_through_persist_metadata_before_it_is_kept():
    params = list(inspect.signature(Updater._persist_metadata).parameters)
    assert params == ["self", "rolename", "data"], f"Updater._persist_metadata changed: {params}"
    for loader in (Updater._load_timestamp, Updater._load_snapshot, Updater._load_targets):
        assert "self._persist_metadata(" in inspect.getsource(loader), (
            f"{loader.__name__} no longer keeps files through _persist_metadata: the root's bounds would go unchecked"
        )
    assert KioskUpdater._persist_metadata is not Updater._persist_metadata


def test_one_bin_loads_by_name():
    params = list(inspect.signature(Updater._load_targets).parameters)
    assert params == ["self", "role", "parent_role"], f"Updater._load_targets changed: {params}"
