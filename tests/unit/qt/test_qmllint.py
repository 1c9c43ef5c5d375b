"""qmllint checks every QML file against the view models' real types, and fails on a warning.

The type information comes from the live classes (tools/qmltypes.py), so a binding to a
property, signal or slot the view model does not have — a typo, a rename on one side
only — fails here instead of on a visitor's screen.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kiosk import paths

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "tools"))

import qmltypes  # noqa: E402

QMLLINT = Path(sys.executable).parent / "pyside6-qmllint"
QML_FILES = sorted(paths.SCREENS_DIR.rglob("*.qml"))


@pytest.fixture(scope="module")
def import_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("qml-import")
    qmltypes.write(out)
    return out


def lint(import_dir: Path, files: list[Path], cwd: Path = paths.SCREENS_DIR) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(QMLLINT), "--max-warnings", "0", "-I", str(import_dir), *map(str, files)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_every_screen_passes_qmllint(import_dir):
    assert QML_FILES, "no QML files found"
    result = lint(import_dir, QML_FILES)
    report = (result.stdout + result.stderr).strip()
    assert result.returncode == 0 and "Warning" not in report, report


def test_the_type_information_names_the_view_models(import_dir):
    text = (import_dir / "Kiosk" / "kiosk.qmltypes").read_text(encoding="utf-8")
    for name in ("TouchScreen", "SessionViewModel", "ListingViewModel", "FeedbackViewModel", "SignageViewModel"):
        assert f'"Kiosk/{name} 1.0"' in text
    # An object property keeps its declared class, not Qt's QObject*.
    assert 'name: "session"\n            type: "SessionViewModel"' in text


@pytest.mark.parametrize(
    ("file_name", "good", "typo"),
    [
        ("touch/HomePage.qml", "page.screen.openCategory(key)", "page.screen.openCategorie(key)"),
        ("touch/ItemPage.qml", "reader.screen.item.title", "reader.screen.item.titel"),
        ("Signage.qml", "vm.unitName", "vm.unitNam"),
        ("Touch.qml", "case SessionViewModel.Search:", "case SessionViewModel.Serch:"),
    ],
)
def test_a_typo_in_a_binding_fails(import_dir, tmp_path, file_name, good, typo):
    # A copy of the screens with one binding broken: qmllint must say so.
    copy = tmp_path / "screens"
    subprocess.run(["cp", "-r", str(paths.SCREENS_DIR), str(copy)], check=True)
    target = copy / file_name
    text = target.read_text(encoding="utf-8")
    assert good in text
    target.write_text(text.replace(good, typo, 1), encoding="utf-8")
    result = lint(import_dir, [target], cwd=copy)
    assert result.returncode != 0
    assert typo.split("(")[0].rsplit(".", 1)[-1] in result.stdout + result.stderr
