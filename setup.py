"""Build step: an installed kiosk carries its files (the metadata is in pyproject.toml).

``config/``, ``screens/`` and ``assets/`` sit beside the package in a checkout, where an
editable install reads them (kiosk/paths.py). A wheel has no "beside": the build copies
what the programs read at run time into the package, under ``kiosk/share/``, and
kiosk/paths.py looks there first. Files for people, not programs (the README's
screenshots, the translation sources and their update script) stay out.
"""

from __future__ import annotations

import fnmatch
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
#: The folders shipped inside the package, and what in them is not.
SHARED = ("config", "screens", "assets")
LEFT_OUT = ("assets/screenshots/*", "assets/translations/*.ts", "assets/translations/update.sh")


def shared_files() -> list[Path]:
    """The files shipped, relative to the checkout."""
    found = []
    for folder in SHARED:
        for path in sorted((ROOT / folder).rglob("*")):
            relative = path.relative_to(ROOT)
            if path.is_file() and not any(fnmatch.fnmatch(relative.as_posix(), p) for p in LEFT_OUT):
                found.append(relative)
    return found


class BuildWithSharedFiles(build_py):
    def run(self) -> None:
        super().run()
        if self.editable_mode:  # an editable install reads them from the checkout
            return
        target = Path(self.build_lib) / "kiosk" / "share"
        for relative in shared_files():
            destination = target / relative
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(ROOT / relative, destination)


setup(cmdclass={"build_py": BuildWithSharedFiles})
