"""Key files and device tokens.

The store key (signs every feed version) lives in the data directory as ``store.key``.
Approver keys live outside it, one ``NAME.key`` per approver in the keys directory
(default ``$XDG_CONFIG_HOME/lobby-kiosk/keys``): the store holds only their public
halves, so a compromised store cannot approve anything. All private key files are
written owner-only by :func:`kiosk.signing.save_private`.

Device tokens are 32 random bytes; the store keeps only their sha256.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk import signing

STORE_KEY_FILE = "store.key"
#: Account names become key file names: keep them to characters safe in a path.
NAME = re.compile(r"[a-z0-9][a-z0-9._-]{0,63}")


def default_keys_dir() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "lobby-kiosk" / "keys"


def store_key_path(data_dir: Path) -> Path:
    return Path(data_dir) / STORE_KEY_FILE


def create_store_key(data_dir: Path) -> Ed25519PrivateKey:
    key = signing.generate()
    signing.save_private(key, store_key_path(data_dir))
    return key


def load_store_key(data_dir: Path) -> Ed25519PrivateKey:
    return signing.load_private(store_key_path(data_dir))


def approver_key_path(keys_dir: Path, name: str) -> Path:
    return Path(keys_dir) / f"{name}.key"


def create_approver_key(keys_dir: Path, name: str) -> Ed25519PrivateKey:
    path = approver_key_path(keys_dir, name)
    if path.exists():
        raise signing.SigningError(
            f"{path}: a key file for {name} already exists; move it away or use another --keys directory"
        )
    key = signing.generate()
    signing.save_private(key, path)
    return key


def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()
