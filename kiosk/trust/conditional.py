"""How a poll with nothing new stays one small request: a conditional GET of the timestamp.

The store tags ``timestamp.json`` with an ``ETag`` made from its bytes and answers 304 to a
kiosk that already holds those bytes. The 304 itself proves nothing: the kiosk then uses
the signed timestamp it holds, which python-tuf verifies again — its signature and, above
all, its expiry. So a 304 says "nothing new" only while the kiosk's own signed statement
is valid; a proxy answering 304 forever gains no more than replaying that statement.

Every answer for the timestamp also carries the store's newest root version
(``Root-Version``). With it the kiosk skips its probe for the next root when there is none:
a hint, no more trusted than the probe's 404 it replaces (anyone on the path could forge
either); a root the hint names is still downloaded and verified along the root chain.
"""

from __future__ import annotations

import hashlib

ROOT_HEADER = "Root-Version"


def etag(data: bytes) -> str:
    """The strong entity tag of one timestamp file (any proxy or CDN can revalidate with it)."""
    return '"' + hashlib.sha256(data).hexdigest()[:16] + '"'
