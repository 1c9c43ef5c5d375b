"""Which installable part brings which modules, and the one line to show when one is missing.

The kiosk (``pip install ".[kiosk]"``) and the store (``pip install ".[store]"``) install
apart; the base is the plain core they share. A command that meets a module of a part that
is not installed says which part to install, in one line, instead of a traceback.
tests/unit/test_packaging.py checks these lists against the extras in pyproject.toml.
"""

from __future__ import annotations

import importlib.util

#: The top-level modules each extra installs, beyond the base.
MODULES: dict[str, tuple[str, ...]] = {
    "kiosk": ("PySide6", "shiboken6", "opencc", "pypinyin", "requests", "urllib3", "apscheduler", "segno"),
    "store": (
        "fastapi",
        "starlette",
        "uvicorn",
        "alembic",
        "psycopg",
        "jinja2",
        "multipart",
        "python_multipart",
        "pypdfium2",
        "pypdfium2_raw",
        "pypdfium2_cfg",
        "pypdfium2_cli",
        "fpdf",
    ),
}


def install_line(module: str, extra: str) -> str:
    return f'{module} is not installed: it comes with the {extra} part (pip install ".[{extra}]")'


def missing_line(exc: BaseException) -> str | None:
    """The line for an import that failed because a part is not installed; None for any other error."""
    if not isinstance(exc, ModuleNotFoundError) or not exc.name:
        return None
    top = exc.name.split(".")[0]
    extra = next((extra for extra, modules in MODULES.items() if top in modules), None)
    return install_line(top, extra) if extra is not None else None


def first_missing(extra: str) -> str | None:
    """The first module of ``extra`` that cannot be found (without importing any), or None."""
    for module in MODULES[extra]:
        try:
            if importlib.util.find_spec(module) is None:
                return module
        except (ImportError, ValueError):  # a finder that refuses it, a broken install
            return module
    return None
