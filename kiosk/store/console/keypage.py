"""The signing-key page of approvers and admins: make a key in this browser and register its
public half, or import the key file the command line wrote (both in ``static/js/signing.js``).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from kiosk.store.console import labels, signatures, web
from kiosk.store.console.itemdata import account, act
from kiosk.store.console.sessions import Person, require

router = web.console_router()
web.register_page("/admin/keys", "签名密钥", "在浏览器中创建或导入你的签名密钥", ("approver", "admin"))


def _page(request: Request, person: Person, error: str | None = None, status_code: int = 200) -> Response:
    with web.console(request).store.db.read() as session:
        actor = account(session, person)
        status = signatures.key_status(session, actor)
        public_key = actor.public_key
    return labels.render(
        request,
        "keys.html",
        status_code=status_code,
        title="签名密钥",
        status=status,
        public_key=public_key,
        error=error,
    )


@router.get("/keys", summary="Console: the person's signing key")
def keys_page(request: Request, person: Person = Depends(require("approver", "admin"))) -> Response:
    return _page(request, person)


@router.post("/keys", summary="Console: register the public half of a key made in the browser")
def register(
    request: Request,
    person: Person = Depends(require("approver", "admin")),
    public_key: Annotated[str, Form(max_length=64)] = "",
    proof: Annotated[str, Form(max_length=128)] = "",
) -> Response:
    try:
        act(request, lambda s, now: signatures.register_key(s, account(s, person), public_key, proof))
    except signatures.SignatureRefused as exc:
        return _page(request, person, str(exc), 400)
    return RedirectResponse("/admin/keys", status_code=303)
