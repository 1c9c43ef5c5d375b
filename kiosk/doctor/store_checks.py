"""``kiosk doctor``'s checks of the store: reachable, the clock agrees, the device token
is accepted, and the root of trust the kiosk pins is the one the store serves."""

from __future__ import annotations

import base64
import binascii
import email.utils
import hashlib
import json
import time
from typing import TYPE_CHECKING

from kiosk import feed, signing
from kiosk.config import Config
from kiosk.doctor.result import PROBE_TIMEOUT, Result, short_error

if TYPE_CHECKING:
    # For the annotations only: the checks import it when a store is configured.
    import requests

#: Feed windows and expiry are judged by the kiosk's clock: beyond this, items show late or early.
MAX_CLOCK_SKEW = 60.0


def check_store(config: Config) -> list[Result]:
    """Reachable, the clock against its Date header, the device token, the pinned store key."""
    if not config.uses_store:
        return [Result("store", "ok", "no store configured: the kiosk shows the bundled demo pack")]
    import requests  # only when a store is configured

    url = config.store.url.rstrip("/")
    session = requests.Session()
    session.trust_env = True
    try:
        sent = time.time()
        health = session.get(url + "/v1/health", timeout=min(config.store.timeout, PROBE_TIMEOUT))
        received = time.time()
    except requests.RequestException as exc:
        return [
            Result(
                "store",
                "fail",
                f"cannot reach {url}: {short_error(exc)}",
                "check the network, the proxy and [store] url",
            )
        ]
    if health.status_code != 200:
        return [Result("store", "fail", f"{url}/v1/health answered {health.status_code}", "check [store] url")]
    results = [Result("store", "ok", f"{url} answers")]
    results.append(_clock_result(health.headers.get("Date"), (sent + received) / 2))
    results.extend(_token_result(session, url, health, config))
    session.close()
    return results


def _clock_result(date_header: str | None, local: float) -> Result:
    try:
        remote = email.utils.parsedate_to_datetime(date_header).timestamp() if date_header else None
    except (TypeError, ValueError):
        remote = None
    if remote is None:
        return Result("clock", "warn", "the store sent no usable Date header: the clock cannot be compared")
    skew = local - remote
    # The header has whole seconds: a skew under the bound plus one second is no skew.
    if abs(skew) > MAX_CLOCK_SKEW + 1:
        way = "ahead of" if skew > 0 else "behind"
        return Result(
            "clock",
            "fail",
            f"this clock is {abs(skew):.0f} s {way} the store's (items would appear and expire at the wrong time)",
            "enable time sync: timedatectl set-ntp true (systemd-timesyncd or chrony)",
        )
    return Result("clock", "ok", f"within {MAX_CLOCK_SKEW:.0f} s of the store's ({skew:+.0f} s)")


def _token_result(session: requests.Session, url: str, health: requests.Response, config: Config) -> list[Result]:
    """The device token accepted, and the feed signed by the store key pinned in [store]."""
    import requests

    if not config.store.device_token:
        return [
            Result(
                "token",
                "fail",
                "no device token configured",
                "kiosk-store device enroll NAME on the store, then paste [store] device_token",
            )
        ]
    try:
        answer = session.get(
            url + "/v1/feed/snapshot",
            timeout=min(config.store.timeout, PROBE_TIMEOUT),
            headers={"Authorization": f"Bearer {config.store.device_token}"},
            stream=True,
        )
        # At most one byte more than a feed may have: a hostile answer costs bounded memory.
        body = answer.raw.read(feed.MAX_FEED_BYTES + 1, decode_content=True) if answer.status_code == 200 else b""
        answer.close()
    except requests.RequestException as exc:
        return [Result("token", "fail", f"the token check failed: {short_error(exc)}", "check the network")]
    if answer.status_code in (401, 403):
        return [
            Result(
                "token",
                "fail",
                f"the store refused this kiosk's device token ({answer.status_code})",
                "enroll the kiosk again (kiosk-store device enroll NAME) and paste the new token",
            )
        ]
    if answer.status_code != 200:
        return [
            Result(
                "token",
                "fail",
                f"the store answered {answer.status_code} to the token check",
                "look at the store's log",
            )
        ]
    accepted = Result("token", "ok", "the store accepts this kiosk's device token")
    if config.store.root_version > 0:  # protocol v2: trust is rooted in the pinned root, not a key
        return [accepted, _root_result(session, url, config)]
    return [accepted, _trust_result(body, config)]


def _root_result(session: requests.Session, url: str, config: Config) -> Result:
    """The store's root of the pinned version is the one this kiosk was enrolled with (its sha256)."""
    import requests

    from kiosk.sync.tuf_client import METADATA_LIMIT as ROOT_LIMIT  # the sync's own bound on metadata

    version = config.store.root_version
    try:
        answer = session.get(
            f"{url}/v2/metadata/{version}.root.json",
            timeout=min(config.store.timeout, PROBE_TIMEOUT),
            headers={"Authorization": f"Bearer {config.store.device_token}"},
            stream=True,
        )
        body = answer.raw.read(ROOT_LIMIT + 1, decode_content=True) if answer.status_code == 200 else b""
        answer.close()
    except requests.RequestException as exc:
        return Result("trust", "fail", f"the root check failed: {short_error(exc)}", "check the network")
    if answer.status_code != 200:
        return Result(
            "trust",
            "fail",
            f"the store has no root version {version} ({answer.status_code})",
            "check [store] url and root_version against the store's enrolment",
        )
    if len(body) > ROOT_LIMIT or hashlib.sha256(body).hexdigest() != config.store.root_sha256:
        return Result(
            "trust",
            "fail",
            f"the store's root version {version} is not the root this kiosk was enrolled with (sha256 differs)",
            "enrol the kiosk again (kiosk-store device enroll NAME) and paste [store] root_version and root_sha256; "
            "if they are the office's, [store] url points at another server",
        )
    return Result("trust", "ok", f"the store's root version {version} is the pinned root")


def _trust_result(envelope: bytes, config: Config) -> Result:
    fix = (
        "paste the store's public key into [store] store_key (kiosk-store device enroll prints it); "
        "if it is already the store's, [store] url points at another server"
    )
    try:
        outer = json.loads(envelope)
        payload = base64.b64decode(outer["payload"], validate=True)
        signature = str(outer["signature"])
    except (ValueError, KeyError, TypeError, binascii.Error):
        return Result("trust", "fail", "the store's feed is not a signed envelope", "check [store] url")
    if not signing.verify(config.store.store_key, payload, signature):
        return Result("trust", "fail", "the store's feed is not signed by the pinned store key", fix)
    return Result("trust", "ok", "the feed is signed by the pinned store key")
