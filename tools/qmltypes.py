"""Type information of the ``Kiosk`` QML module, so ``qmllint`` can check every binding.

    python tools/qmltypes.py OUT_DIR

Writes ``OUT_DIR/Kiosk/{qmldir,kiosk.qmltypes}``; then
``pyside6-qmllint -I OUT_DIR screens/*.qml`` checks the screens against the view models.

PySide6's own ``pyside6-metaobjectdump`` reads Python source and knows only literal
``Property(...)`` calls; the view models declare theirs through
:func:`kiosk.qt.props.qt_property`. So this reads each registered class's live
``QMetaObject`` instead — what QML really sees — writes it in moc's JSON form, and hands
that to ``pyside6-qmltyperegistrar`` like a C++ build would.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6 import QtCore
from PySide6.QtCore import QByteArray, QMetaMethod, QMetaObject, QObject

from kiosk.qt import props, qml_module

#: moc's JSON revision that Qt 6's qmltyperegistrar reads.
REVISION = 69
#: Qt's own modules whose types the view models use (QObject, QAbstractListModel…).
FOREIGN = ("qt6core_metatypes.json", "qt6gui_metatypes.json", "qt6qml_metatypes.json")
#: Python type names as Qt's meta-object system spells them, for QML's type checker.
_TYPES = {"PyObject": "QVariant", "QString": "QString", "double": "double", "int": "int", "bool": "bool"}


def _type(name: str) -> str:
    name = _TYPES.get(name, name)
    return name.replace("*", "")  # moc writes object types without the pointer


def _text(value: str | bytes | bytearray | memoryview | QByteArray) -> str:
    """Qt's names as str. The stubs type Qt's ``const char*`` returns as bytes, which the
    binding gives as str; ``QByteArray`` ones really are byte arrays."""
    if isinstance(value, str):
        return value
    return bytes(value.data() if isinstance(value, QByteArray) else value).decode()


def _arguments(method: QMetaMethod) -> list[dict[str, str]]:
    names = [_text(n) for n in method.parameterNames()]
    types = [_text(t) for t in method.parameterTypes()]
    return [{"name": n or f"arg{i}", "type": _type(t)} for i, (n, t) in enumerate(zip(names, types, strict=False))]


def _own_class(cls: type[QObject], element: bool) -> dict[str, Any]:
    meta: QMetaObject = cls.staticMetaObject  # type: ignore[attr-defined]  # not in PySide6's stubs
    superclass = meta.superClass()
    properties = []
    for i in range(meta.propertyOffset(), meta.propertyCount()):
        prop = meta.property(i)
        name = _text(prop.name())
        declared = props.DECLARED.get(id(getattr(cls, name, None)))
        kind = declared.__name__ if declared is not None else _type(_text(prop.typeName()))
        entry: dict[str, Any] = {
            "name": name,
            "type": kind,
            "read": name,
            "index": i - meta.propertyOffset(),
            "constant": prop.isConstant(),
            "final": True,
        }
        if prop.hasNotifySignal():
            entry["notify"] = _text(prop.notifySignal().name())
        properties.append(entry)
    signals: list[dict[str, Any]] = []
    slots: list[dict[str, Any]] = []
    for i in range(meta.methodOffset(), meta.methodCount()):
        method = meta.method(i)
        method_name = _text(method.name())
        method_entry: dict[str, Any] = {
            "access": "public",
            "name": method_name,
            "arguments": _arguments(method),
            "returnType": _type(_text(method.typeName()) or "void"),
        }
        if method.methodType() == QMetaMethod.MethodType.Signal:
            signals.append(method_entry)
        elif method.methodType() == QMetaMethod.MethodType.Slot and not method_name.startswith("_"):
            slots.append(method_entry)
    enums = []
    for i in range(meta.enumeratorOffset(), meta.enumeratorCount()):
        enum = meta.enumerator(i)
        enums.append(
            {
                "name": _text(enum.name()),
                "isClass": False,
                "isFlag": enum.isFlag(),
                "type": "int",
                "values": [_text(enum.key(k)) for k in range(enum.keyCount())],
            }
        )
    infos = [
        {"name": "QML.Element", "value": "auto" if element else "anonymous"},
        {"name": "QML.Creatable", "value": "false"},
        {"name": "QML.UncreatableReason", "value": "made by the kiosk, not by QML"},
    ]
    return {
        "className": meta.className(),
        "qualifiedClassName": meta.className(),
        "object": True,
        "classInfos": infos,
        "superClasses": [{"access": "public", "name": superclass.className()}],
        "properties": properties,
        "signals": signals,
        "slots": slots,
        "enums": enums,
        "inputFile": f"{cls.__module__}.py",
    }


def metatypes() -> list[dict[str, Any]]:
    classes = [_own_class(cls, True) for cls in qml_module.TYPES]
    classes += [_own_class(cls, False) for cls in qml_module.HELPER_TYPES]
    return [{"classes": classes, "outputRevision": REVISION, "inputFile": "kiosk/qt/qml_module.py"}]


def write(out_dir: Path) -> Path:
    """Write the module's type information under ``out_dir``; returns the module's folder."""
    module = out_dir / qml_module.URI
    module.mkdir(parents=True, exist_ok=True)
    source = module / "kiosk_metatypes.json"
    source.write_text(json.dumps(metatypes(), indent=1), encoding="utf-8")
    qt_metatypes = Path(QtCore.__file__).parent / "Qt" / "metatypes"
    foreign = ",".join(str(qt_metatypes / f) for f in FOREIGN if (qt_metatypes / f).is_file())
    registrar = Path(sys.executable).parent / "pyside6-qmltyperegistrar"
    subprocess.run(
        [
            str(registrar),
            "--generate-qmltypes",
            str(module / "kiosk.qmltypes"),
            "-o",
            os.devnull,
            "--import-name",
            qml_module.URI,
            "--major-version",
            str(qml_module.MAJOR),
            "--minor-version",
            str(qml_module.MINOR),
            f"--foreign-types={foreign}",
            str(source),
        ],
        check=True,
    )
    (module / "qmldir").write_text(f"module {qml_module.URI}\ntypeinfo kiosk.qmltypes\n", encoding="utf-8")
    return module


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__.splitlines()[2].strip())
    print(write(Path(sys.argv[1])))
