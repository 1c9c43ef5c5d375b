"""``kiosk-store serve``: the protocol and the web console over HTTP."""

from __future__ import annotations

import dataclasses
import socket

from kiosk.store.accounts import AccountPolicy
from kiosk.store.cli.common import EXIT_OK, Parser
from kiosk.store.db import DatabaseError, upgrade
from kiosk.store.limits import ServeLimits
from kiosk.store.workflow import WorkflowError


def add(commands, common: Parser) -> None:
    serve = commands.add_parser("serve", parents=[common], help="serve the protocol and the console over HTTP")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8470, help="0 picks a free port")
    serve.add_argument(
        "--behind-tls-proxy",
        action="store_true",
        help="a TLS proxy in front forwards to this store: console cookies are Secure, and the "
        "client's address is the last X-Forwarded-For hop",
    )
    # Every bound of the serving process and of console sessions, declared once each.
    for holder in (ServeLimits, AccountPolicy):
        for limit in dataclasses.fields(holder):
            serve.add_argument(
                "--" + limit.name.replace("_", "-"),
                type=type(limit.default),
                default=limit.default,
                metavar="N",
                help=f"{limit.metadata['help']} (default %(default)s)",
            )


def serve(store, args) -> int:
    try:
        limits = ServeLimits(**{f.name: getattr(args, f.name) for f in dataclasses.fields(ServeLimits)})
        policy = AccountPolicy(**{f.name: getattr(args, f.name) for f in dataclasses.fields(AccountPolicy)})
    except ValueError as exc:
        raise WorkflowError(f"--{exc}") from None
    return run(
        store,
        args.host,
        args.port,
        limits.feedback_burst,
        limits.feedback_rate,
        limits,
        limits.poll_interval or None,
        policy,
        args.behind_tls_proxy,
    )


def run(
    store,
    host: str,
    port: int,
    burst: float = 100.0,
    rate: float = 5.0,
    limits: ServeLimits | None = None,
    poll_interval: float | None = None,
    policy: AccountPolicy | None = None,
    behind_tls_proxy: bool = False,
) -> int:
    import uvicorn

    from kiosk.store import http11
    from kiosk.store.server import FloodGuard, create_app

    limits = limits or ServeLimits()
    upgrade(store.db, store.data_dir)
    store.check_initialised()
    if store.has_root():
        from kiosk.store import trust_versions

        with store.db.read() as session:  # a restored database must not serve until confirmed
            trust_versions.check_not_restored(session, store.data_dir)
    app = create_app(
        store,
        poll_interval=poll_interval,
        flood_guard=FloodGuard(burst=burst, rate=rate),
        limits=limits,
        policy=policy,
        behind_tls_proxy=behind_tls_proxy,
    )
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        sock = socket.create_server((host, port), family=family)
    except OSError as exc:
        raise DatabaseError(f"cannot listen on {host}:{port}: {exc.strerror}") from None
    # Accepted connections inherit it: without it every reused keep-alive connection stalls
    # ~40 ms per answer (Nagle's algorithm against the client's delayed ACK).
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    bound_port = sock.getsockname()[1]
    shown_host = f"[{host}]" if family == socket.AF_INET6 else host

    class Server(uvicorn.Server):
        async def startup(self, sockets=None) -> None:
            await super().startup(sockets)
            if self.started:  # tests read the port from this line
                print(f"listening on http://{shown_host}:{bound_port}", flush=True)

    # uvicorn's own bounds where it has them (idle keep-alive, head size, connections); the
    # header deadline is our protocol's (uvicorn has none), the rest is in the app's guards.
    config = uvicorn.Config(
        app,
        log_level="warning",
        server_header=False,
        timeout_graceful_shutdown=2,
        access_log=False,
        http=http11.protocol(limits.header_timeout),
        timeout_keep_alive=limits.keep_alive,
        h11_max_incomplete_event_size=limits.header_bytes,
        limit_concurrency=limits.max_connections,
    )
    with sock:
        Server(config).run(sockets=[sock])
    return EXIT_OK
