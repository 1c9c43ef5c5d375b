"""The accounts page (admins only): every account, and the changes an admin makes to them —
create, role, disable, enable, reset password — each audited by :mod:`kiosk.store.accounts`."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Form, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import select

from kiosk.store import accounts, audit, staff, workflow
from kiosk.store.console import sessions, web
from kiosk.store.console.sessions import Person, require
from kiosk.store.models import User

router = web.console_router()
web.register_page("/admin/accounts", "账号", "添加账号，修改角色，停用账号，重设密码。", ("admin",))
web.add_translations(
    {
        "账号": "Accounts",
        "添加账号，修改角色，停用账号，重设密码。": "Add accounts, change roles, disable accounts, reset passwords.",
        "添加账号": "Add an account",
        "名称": "Name",
        "公钥（审核人和管理员的签名密钥，可选）": "Public key (approvers' and admins' signing key, optional)",
        "添加": "Add",
        "状态": "Status",
        "创建时间": "Created",
        "已停用": "disabled",
        "正常": "active",
        "修改角色": "Change role",
        "停用": "Disable",
        "启用": "Enable",
        "新密码": "New password",
        "重设密码": "Reset password",
        "签名密钥": "Signing key",
        "有": "yes",
        "无": "none",
        "已完成。": "Done.",
        "操作": "Actions",
    }
)
ROLES = {"author": "作者", "approver": "审核人", "admin": "管理员", "supervisor": "监督员"}
_NAME = Annotated[str, Form(max_length=64)]
_PASSWORD = Annotated[str, Form(max_length=accounts.PASSWORD_LENGTH[1])]


def _page(request: Request, person: Person, status_code: int = 200, error: str | None = None) -> Response:
    ctx = web.console(request)
    with ctx.store.db.read() as session:
        people = session.scalars(select(User).order_by(User.name)).all()
    return web.render(
        request,
        "accounts.html",
        status_code=status_code,
        title="账号",
        people=people,
        roles=ROLES,
        error=error,
        done=request.query_params.get("done") == "1",
    )


@router.get("/accounts", summary="Console: accounts (admins)")
def accounts_page(request: Request, person: Person = Depends(require("admin"))) -> Response:
    return _page(request, person)


def _change(request: Request, person: Person, change) -> Response:
    ctx = web.console(request)
    try:
        with audit.origin(f"web:{sessions.address(request)}"), ctx.store.db.write() as session:
            actor = staff.user(session, person.name)
            change(session, actor, ctx.store.clock.now())
    except workflow.WorkflowError as exc:
        return _page(request, person, status_code=409, error=str(exc))
    return RedirectResponse(web.PREFIX + "/accounts?done=1", status_code=303)


@router.post("/accounts", summary="Console: add an account (admins)")
def create_account(
    request: Request,
    name: _NAME = "",
    role: Annotated[str, Form(max_length=16)] = "author",
    password: _PASSWORD = "",
    public_key: Annotated[str, Form(max_length=64)] = "",
    person: Person = Depends(require("admin")),
) -> Response:
    key = public_key.strip() or None
    if key is not None:
        from kiosk import signing

        try:
            signing.public_key(key)
        except signing.SigningError:
            return _page(request, person, status_code=400, error="not an Ed25519 public key (base64 of 32 bytes)")
    return _change(
        request, person, lambda s, actor, now: accounts.create(s, actor, name.strip(), role, password, now, key)
    )


@router.post("/accounts/{name}/role", summary="Console: change an account's role (admins)")
def change_role(
    request: Request,
    name: str,
    role: Annotated[str, Form(max_length=16)] = "",
    person: Person = Depends(require("admin")),
) -> Response:
    return _change(request, person, lambda s, actor, now: accounts.set_role(s, actor, name, role, now))


@router.post("/accounts/{name}/disable", summary="Console: disable an account (admins)")
def disable_account(request: Request, name: str, person: Person = Depends(require("admin"))) -> Response:
    return _change(request, person, lambda s, actor, now: accounts.disable(s, actor, name, now))


@router.post("/accounts/{name}/enable", summary="Console: enable a disabled account (admins)")
def enable_account(request: Request, name: str, person: Person = Depends(require("admin"))) -> Response:
    return _change(request, person, lambda s, actor, now: accounts.enable(s, actor, name, now))


@router.post("/accounts/{name}/password", summary="Console: reset an account's password (admins)")
def reset_password(
    request: Request, name: str, password: _PASSWORD = "", person: Person = Depends(require("admin"))
) -> Response:
    return _change(request, person, lambda s, actor, now: accounts.reset_password(s, actor, name, password, now))
