"""The kiosk and the store install apart: each part's requirements, and each part running
with the other's stack missing.

The requirements are read from the metadata pip builds from pyproject.toml (what it would
install). Running "without" a stack is simulated in a fresh interpreter by
an import hook that refuses its modules, as an environment without them would: installing
each part into a fresh virtual environment would take minutes and the network.
"""

from __future__ import annotations

import email.parser
import os
import re
import shutil
import subprocess
import sys
import textwrap
import tomllib
import zipfile
from importlib.metadata import packages_distributions
from importlib.util import find_spec
from pathlib import Path

import pytest

from kiosk import extras, paths

SERVER_STACK = {"fastapi", "uvicorn", "alembic", "psycopg"}
QT = {"pyside6-essentials", "pyside6-addons"}


def _name(requirement: str) -> str:
    return re.split(r"[\s;\[<>=!~]", requirement, maxsplit=1)[0].lower().replace("_", "-")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel pip builds from this tree, as ``pip install .`` would: in an isolated
    environment with the build backend pyproject.toml asks for. Built from a copy, so
    that no earlier build's leftovers in the checkout can slip into it."""
    source = tmp_path_factory.mktemp("source") / "tree"
    shutil.copytree(
        paths.PROJECT_ROOT,
        source,
        ignore=shutil.ignore_patterns(".*", "build", "dist", "*.egg-info", "__pycache__", "out", "mutants"),
    )
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--quiet",
            "--disable-pip-version-check",
            "-w",
            str(out),
            ".",
        ],
        cwd=source,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    (built,) = out.glob("*.whl")
    return built


@pytest.fixture(scope="module")
def requirements(wheel) -> dict[str, set[str]]:
    """Requirement names by extra ("" for the base), from the built wheel's metadata."""
    with zipfile.ZipFile(wheel) as archive:
        (name,) = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
        metadata = email.parser.Parser().parsestr(archive.read(name).decode("utf-8"))
    found: dict[str, set[str]] = {}
    for requirement in metadata.get_all("Requires-Dist") or []:
        extra = re.search(r"""extra\s*==\s*["']([^"']+)["']""", requirement)
        found.setdefault(extra.group(1) if extra else "", set()).add(_name(requirement))
    return found


def test_the_kiosk_part_brings_no_server_stack(requirements):
    kiosk = requirements[""] | requirements["kiosk"]
    assert QT <= kiosk
    assert not kiosk & SERVER_STACK


def test_the_store_part_brings_no_qt(requirements):
    store = requirements[""] | requirements["store"]
    assert SERVER_STACK <= store
    assert not {name for name in store if name.startswith(("pyside6", "shiboken6"))}


def _modules_of(names: set[str]) -> set[str]:
    """The import names the installed distributions ``names`` provide."""
    return {
        module
        for module, dists in packages_distributions().items()
        if any(_name(d) in names for d in dists) and not module.startswith("_")
    }


def _hook(blocked: set[str]) -> str:
    """Python that makes importing any of ``blocked`` fail, as if it were not installed."""
    return textwrap.dedent(f"""
        import sys
        from importlib.abc import MetaPathFinder
        BLOCKED = {sorted(blocked)!r}
        class Missing(MetaPathFinder):
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] in BLOCKED:
                    raise ModuleNotFoundError(f"No module named {{name!r}}", name=name)
                return None
        sys.meta_path.insert(0, Missing())
        import importlib.util
        _find = importlib.util.find_spec
        importlib.util.find_spec = lambda name, *a: None if name.split(".")[0] in BLOCKED else _find(name, *a)
    """)


def _run_without(blocked: set[str], code: str) -> subprocess.CompletedProcess:
    """``code`` in a fresh interpreter where importing any of ``blocked`` fails."""
    hook = _hook(blocked)
    return subprocess.run(
        [sys.executable, "-c", hook + textwrap.dedent(code)],
        cwd=paths.PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_the_store_runs_without_the_kiosk_part(requirements, tmp_path):
    only_kiosk = requirements["kiosk"] - requirements[""] - requirements["store"]
    blocked = _modules_of(only_kiosk) | {"PySide6", "shiboken6"}
    assert {"PySide6", "opencc", "requests"} <= blocked
    # A store made and its application built and asked for pages (straight through ASGI:
    # no HTTP client comes with the store part), so what the routers import when the
    # application is built is imported here too.
    result = _run_without(
        blocked,
        f"""
        import asyncio
        from pathlib import Path
        import kiosk.store.cli
        from kiosk.store.server import create_app
        from kiosk.store.service import open_store

        data = Path({str(tmp_path / "store")!r})
        assert kiosk.store.cli.main(["--data", str(data), "init"]) == 0
        app = create_app(open_store(data, None, None))

        async def status(path):
            scope = {{"type": "http", "asgi": {{"version": "3.0"}}, "http_version": "1.1", "method": "GET",
                      "scheme": "http", "path": path, "raw_path": path.encode(), "query_string": b"",
                      "root_path": "", "headers": [(b"host", b"store")], "client": ("127.0.0.1", 1),
                      "server": ("store", 80)}}
            sent = []
            async def receive():
                return {{"type": "http.request", "body": b"", "more_body": False}}
            async def send(message):
                sent.append(message)
            await app(scope, receive, send)
            return sent[0]["status"]

        assert asyncio.run(status("/admin/signin")) == 200
        assert asyncio.run(status("/v1/feed/snapshot")) == 401  # a device token is needed
        assert not [m for m in sys.modules if m.split(".")[0] in BLOCKED or m.startswith("kiosk.qt")]
        kiosk.store.cli.main(["--version"])
    """,
    )
    assert result.returncode == 0, result.stderr


def test_the_kiosk_runs_without_the_store_part(requirements, tmp_path):
    only_store = requirements["store"] - requirements[""] - requirements["kiosk"]
    blocked = _modules_of(only_store)
    assert SERVER_STACK <= blocked
    config = tmp_path / "kiosk.toml"
    config.write_text(f'state_dir = "{tmp_path / "state"}"\n', encoding="utf-8")
    result = _run_without(
        blocked,
        f"""
        from kiosk import cli, demo_store
        assert cli.main(["items", "--json", "--config", {str(config)!r}]) == 0
        assert cli.main(["status", "--json", "--config", {str(config)!r}]) == 0
        assert cli.main(["plan", "--hours", "1", "--json", "--config", {str(config)!r}]) == 0
        try:
            demo_store.start({str(tmp_path / "state")!r})
        except demo_store.DemoStoreError as exc:
            print("DEMO:", exc, file=sys.stderr)
        assert not [m for m in sys.modules if m.split(".")[0] in BLOCKED or m.startswith("kiosk.store.server")]
    """,
    )
    assert result.returncode == 0, result.stderr
    assert '"id"' in result.stdout, "the items of the demo pack"
    demo_line = next(line for line in result.stderr.splitlines() if line.startswith("DEMO:"))
    assert "needs the store part, which is not installed" in demo_line and 'pip install ".[store]"' in demo_line


@pytest.mark.parametrize("extra", sorted(extras.MODULES))
def test_the_extras_modules_are_the_extras_own(requirements, extra):
    """kiosk.extras names the modules each part brings: those its distributions install."""
    others = set().union(*(names for name, names in requirements.items() if name != extra))
    installed = {m for m in _modules_of(requirements[extra] - others) if m.isidentifier() and find_spec(m)}
    assert installed
    assert installed <= set(extras.MODULES[extra])


def _script(name: str, blocked: set[str], *args: str, tmp_path) -> subprocess.CompletedProcess:
    """The console script ``name`` as pyproject.toml declares it, in a fresh interpreter where
    importing any of ``blocked`` fails. The blocking sitecustomize on PYTHONPATH stands in for
    an environment where that part was never installed."""
    with open(paths.PROJECT_ROOT / "pyproject.toml", "rb") as f:
        module, function = tomllib.load(f)["project"]["scripts"][name].split(":")
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(_hook(blocked), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(hook), str(paths.PROJECT_ROOT)]), "HOME": str(tmp_path)}
    code = f"import sys; from {module} import {function}; sys.argv[0] = {name!r}; sys.exit({function}())"
    return subprocess.run(
        [sys.executable, "-c", code, *args], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120
    )


def test_the_store_without_its_part_says_what_to_install(tmp_path):
    result = _script("kiosk-store", {"fastapi"}, "--data", str(tmp_path / "store"), "init", tmp_path=tmp_path)
    assert result.returncode == 1
    assert (
        result.stderr
        == 'kiosk-store: fastapi is not installed: it comes with the store part (pip install ".[store]")\n'
    )
    assert not (tmp_path / "store").exists()


def test_the_kiosk_without_its_part_says_what_to_install(tmp_path):
    result = _script("kiosk", set(extras.MODULES["kiosk"]), "status", "--json", tmp_path=tmp_path)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert 'is not installed: it comes with the kiosk part (pip install ".[kiosk]")' in result.stderr


def test_a_kiosk_command_meeting_a_missing_module_says_what_to_install(tmp_path):
    # Only the Chinese conversion missing: the command line starts, the screens' import fails.
    config = tmp_path / "kiosk.toml"
    config.write_text(f'state_dir = "{tmp_path / "state"}"\n', encoding="utf-8")
    result = _script(
        "kiosk", {"opencc"}, "demo", "--embedded", "--offscreen", "--config", str(config), tmp_path=tmp_path
    )
    assert result.returncode == 1
    assert result.stderr == 'kiosk: opencc is not installed: it comes with the kiosk part (pip install ".[kiosk]")\n'


def test_the_wheel_carries_the_files_the_programs_read(wheel):
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    shipped = {n.removeprefix("kiosk/share/") for n in names if n.startswith("kiosk/share/")}
    for wanted in (
        "config/kiosk.toml",
        "config/catalog.toml",
        "config/lobby-kiosk.service",
        "screens/Touch.qml",
        "screens/Signage.qml",
        "screens/touch/ItemPage.qml",
        "screens/components/qmldir",
        "assets/translations/kiosk_en.qm",
        "assets/demo/items/cd-001-discipline-inspection.md",
    ):
        assert wanted in shipped, wanted
    assert any(n.startswith("assets/demo/media/") for n in shipped)
    assert not any(n.startswith("assets/screenshots/") or n.endswith(".ts") for n in shipped)
    assert "kiosk/store/migrations/script.py.mako" in names


def test_an_installed_kiosk_finds_its_files(wheel, tmp_path):
    """Installed from the wheel (unpacked where an install puts it), away from any checkout,
    the kiosk finds its configuration, screens and demo pack: the demo draws both screens."""
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    env = {
        **os.environ,
        "PYTHONPATH": str(site),
        "HOME": str(tmp_path),
        "XDG_STATE_HOME": str(tmp_path / "state"),
    }
    where = subprocess.run(
        [sys.executable, "-c", "import kiosk.paths as p; print(p.__file__); print(p.FILES_ROOT)"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout.split()
    assert where == [str(site / "kiosk" / "paths.py"), str(site / "kiosk" / "share")]
    shots = tmp_path / "shots"
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "demo", "--embedded", "--offscreen", "--screenshot", str(shots)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in shots.iterdir()) == ["signage.png", "touch.png"]
    assert "imported the demo pack" in result.stdout
