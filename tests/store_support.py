"""Helpers for tests of the central store: fresh PostgreSQL databases, the ``kiosk-store``
command as a subprocess, and a real ``serve`` process on a free loopback port.

PostgreSQL comes from ``KIOSK_TEST_PG_URL`` (default the role and database that
``.ci/setup`` creates). Each test gets a database of its own, dropped afterwards. With
no server reachable the PostgreSQL tests skip — except in CI (``CI`` set), where they fail.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import selectors
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

PG_URL = os.environ.get("KIOSK_TEST_PG_URL", "postgresql+psycopg://kiosk:kiosk@127.0.0.1:5432/kiosk_test")
KIOSK_STORE = str(Path(sys.executable).with_name("kiosk-store"))
BACKENDS = ["sqlite", "postgresql"]
#: Every test account's password: commands acting as someone read it from the environment,
#: and new accounts get it (the command line asks at a terminal; scripts use these variables).
TEST_PASSWORD = "test-password-1"
PASSWORD_ENV = {"KIOSK_STORE_PASSWORD": TEST_PASSWORD, "KIOSK_STORE_NEW_PASSWORD": TEST_PASSWORD}


def libpq_url(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


@contextlib.contextmanager
def fresh_pg_database() -> Iterator[str]:
    """A new, empty PostgreSQL database for one test; its SQLAlchemy URL."""
    import psycopg
    from sqlalchemy.engine import make_url

    try:
        admin = psycopg.connect(libpq_url(PG_URL), autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as exc:
        message = f"PostgreSQL at {make_url(PG_URL).render_as_string()} is not reachable: {' '.join(str(exc).split())}"
        if os.environ.get("CI"):
            pytest.fail(message + " (CI must run these tests: .ci/setup starts PostgreSQL)", pytrace=False)
        pytest.skip(message)
    name = f"kiosk_t_{secrets.token_hex(6)}"
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
        finally:
            for attempt in range(50):
                try:
                    admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                    break
                except psycopg.errors.InsufficientPrivilege:
                    # An autovacuum worker (a superuser's process, which FORCE may not end for
                    # us) is at work on it, after a test wrote much: it is gone within moments.
                    if attempt == 49:
                        raise
                    time.sleep(0.1)


@pytest.fixture(params=BACKENDS)
def database_url(request) -> Iterator[str | None]:
    """None (the SQLite file in the data directory) or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        yield None
    else:
        with fresh_pg_database() as url:
            yield url


class StoreCommand:
    """Runs ``kiosk-store`` as a subprocess against one data directory and database."""

    def __init__(self, data: Path, keys: Path, database_url: str | None) -> None:
        self.data = data
        self.keys = keys
        self.database_url = database_url

    def argv(self, *args: str) -> list[str]:
        argv = [KIOSK_STORE, "--data", str(self.data), "--keys", str(self.keys)]
        if self.database_url:
            argv += ["--database-url", self.database_url]
        return argv + list(args)

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        result = subprocess.run(
            self.argv(*args), capture_output=True, text=True, timeout=60, env={**os.environ, **PASSWORD_ENV}
        )
        if check and result.returncode != 0:
            raise AssertionError(f"kiosk-store {' '.join(args)} failed ({result.returncode}): {result.stderr}")
        return result

    def out(self, *args: str) -> str:
        return self.run(*args).stdout.strip()

    def add_people(self, *people: tuple[str, str]) -> None:
        """Accounts (name, role): the first admin listed is the store's first; it adds the others."""
        admin = next(name for name, role in people if role == "admin")
        self.run("user", "add", admin, "--role", "admin")
        for name, role in people:
            if name != admin:
                self.run("user", "add", name, "--role", role, "--as", admin)

    @contextlib.contextmanager
    def serve(self, *extra: str, timeout: float = 30.0, port: int = 0) -> Iterator[str]:
        """A real ``serve`` process on 127.0.0.1 (port 0: a free one); yields its base URL, stops it after."""
        process = subprocess.Popen(
            self.argv("serve", "--host", "127.0.0.1", "--port", str(port), *extra),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            line = read_line(process, timeout)
            assert line.startswith("listening on http://"), f"unexpected first line {line!r}"
            yield line.removeprefix("listening on ").strip()
        finally:
            stop(process)


def read_line(process: subprocess.Popen, timeout: float) -> str:
    """The next line the process writes to stdout, waiting at most ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    with selectors.DefaultSelector() as selector:
        selector.register(process.stdout, selectors.EVENT_READ)
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"no line from {process.args[0]} within {timeout} s")
            if selector.select(remaining):
                line = process.stdout.readline()
                if not line:
                    raise AssertionError(f"{process.args[0]} exited ({process.wait()}): {process.stderr.read()}")
                return line


def stop(process: subprocess.Popen) -> None:
    """End a process we started, politely first; always reaped."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    for stream in (process.stdout, process.stderr):
        if stream is not None:
            stream.close()


def item_file(folder: Path, name: str, title: str, **fields) -> Path:
    """A Markdown item file with YAML front matter; list values become YAML lists."""
    lines = [f"title: {title}", "category: central-work", "unit: party-group"]
    for key, value in fields.items():
        if isinstance(value, list):
            lines.append(f"{key}:")
            lines.extend(f"  - {v}" for v in value)
        else:
            lines.append(f"{key}: {value}")
    path = folder / f"{name}.md"
    path.write_text("---\n" + "\n".join(lines) + "\n---\n正文：" + title + "\n", encoding="utf-8")
    return path


def publish(store, path: Path, author: str = "alice", approver: str = "bob", admin: str = "dan") -> str:
    """Take an item file through the whole workflow; its id."""
    item_id = store.add_item(path, author)
    store.submit(item_id, author)
    store.approve(item_id, approver)
    store.publish(item_id, admin)
    return item_id


#: The passwords of the two people :func:`cli_with_people` makes.
ADMIN_PASSWORD = "admin-password-1"
ALICE_PASSWORD = "alice-password-1"


def cli_with_people(tmp_path: Path, capsys, monkeypatch):
    """``kiosk-store`` in this process, on a store with an admin (root) and an author (alice):
    ``run(*args, password=…, new=…)`` gives ``(status, stdout, stderr)``; ``password`` and ``new``
    are the acting person's and a new account's passwords, unset when None."""
    from kiosk.store.cli import main

    def run(*args: str, password: str | None = None, new: str | None = None) -> tuple[int, str, str]:
        for name, value in (("KIOSK_STORE_PASSWORD", password), ("KIOSK_STORE_NEW_PASSWORD", new)):
            if value is None:
                monkeypatch.delenv(name, raising=False)
            else:
                monkeypatch.setenv(name, value)
        status = main(["--data", str(tmp_path / "data"), "--keys", str(tmp_path / "keys"), *args])
        out, err = capsys.readouterr()
        return status, out, err

    assert run("init")[0] == 0
    assert run("user", "add", "root", "--role", "admin", new=ADMIN_PASSWORD)[0] == 0
    made = run("user", "add", "alice", "--role", "author", "--as", "root", password=ADMIN_PASSWORD, new=ALICE_PASSWORD)
    assert made[0] == 0
    return run
