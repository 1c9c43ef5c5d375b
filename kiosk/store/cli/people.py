"""``kiosk-store user``: accounts. Every change is an admin's (``--as ADMIN``, password
checked) and audited; only the store's first admin is made without one, while no admin
can sign in yet (an account made before passwords gets its first one with
``user password NAME`` the same way)."""

from __future__ import annotations

import sys

from kiosk.store.cli.common import EXIT_OK, Parser, actor_options, instant, line, new_password, print_json, said
from kiosk.store.staff import ROLES


def add(commands, common: Parser) -> None:
    admin = actor_options(required=True)
    maybe_admin = actor_options(required=False)
    user = commands.add_parser("user", parents=[common], help="accounts").add_subparsers(
        dest="action", required=True, metavar="ACTION", parser_class=Parser
    )
    user_add = user.add_parser(
        "add",
        parents=[common, maybe_admin],
        help="add an account (its password is asked for, or read from $KIOSK_STORE_NEW_PASSWORD)",
    )
    user_add.add_argument("name")
    user_add.add_argument("--role", required=True, choices=ROLES)
    user.add_parser("list", parents=[common], help="list accounts").add_argument("--json", action="store_true")
    user_retire = user.add_parser(
        "retire", parents=[common, admin], help="the account may no longer sign (what it signed stays)"
    )
    user_retire.add_argument("name")
    user_retire.add_argument(
        "--until", type=instant, metavar="INSTANT", help="its key expires then (ISO 8601 with offset) rather than now"
    )
    user.add_parser(
        "key", parents=[common, admin], help="a key pair for an approver or admin who has none yet"
    ).add_argument("name")
    role = user.add_parser("role", parents=[common, admin], help="change an account's role")
    role.add_argument("name")
    role.add_argument("role", choices=ROLES)
    user.add_parser("disable", parents=[common, admin], help="the account can no longer sign in").add_argument("name")
    user.add_parser("enable", parents=[common, admin], help="a disabled account may sign in again").add_argument("name")
    user.add_parser(
        "password",
        parents=[common, maybe_admin],
        help="set an account's password (an admin's, or your own with --as yourself)",
    ).add_argument("name")


def _user_add(store, args) -> int:
    key_file = store.add_user(args.name, args.role, password=new_password(args.name), by=args.actor)
    said(f"account {args.name} added ({args.role})")
    if key_file:
        print(f"{args.name}'s signing key: {key_file}", file=sys.stderr)
        if store.has_root():
            said("kiosks trust this key once the root is signed again: kiosk-store root sign --root-key FILE")
    return EXIT_OK


def _user_retire(store, args) -> int:
    store.retire_user(args.name, args.until, by=args.actor)
    said(f"account {args.name} retired")
    if store.has_root():
        said(
            "kiosks stop trusting new signatures of this account once the root is signed again: "
            "kiosk-store root sign --root-key FILE"
        )
    return EXIT_OK


def _user_key(store, args) -> int:
    print(f"{args.name}'s signing key: {store.add_key(args.name, by=args.actor)}", file=sys.stderr)
    return EXIT_OK


def _user_list(store, args) -> int:
    users = store.users()
    if args.json:
        print_json(users)
    else:
        for u in users:
            line(u["name"], u["role"], *([u["public_key"]] if u["public_key"] else []))
    return EXIT_OK


def _user_role(store, args) -> int:
    store.change_account(args.actor, args.name, "role", args.role)
    said(f"account {args.name} is now an {args.role}")
    return EXIT_OK


def _user_disable(store, args) -> int:
    store.change_account(args.actor, args.name, "disable")
    said(f"account {args.name} disabled; its console sessions have ended")
    return EXIT_OK


def _user_enable(store, args) -> int:
    store.change_account(args.actor, args.name, "enable")
    said(f"account {args.name} enabled")
    return EXIT_OK


def _user_password(store, args) -> int:
    password = new_password(args.name)
    if args.actor is None:
        store.bootstrap_password(args.name, password)
    else:
        store.change_account(args.actor, args.name, "password", password)
    said(f"password of {args.name} set; its console sessions have ended")
    return EXIT_OK


HANDLERS = {
    ("user", "add"): _user_add,
    ("user", "list"): _user_list,
    ("user", "retire"): _user_retire,
    ("user", "key"): _user_key,
    ("user", "role"): _user_role,
    ("user", "disable"): _user_disable,
    ("user", "enable"): _user_enable,
    ("user", "password"): _user_password,
}
