"""What one ``kiosk doctor`` check found, and the helpers every check uses."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from typing import Any

#: Seconds each outside program or request may take.
PROBE_TIMEOUT = 20.0


@dataclass(frozen=True)
class Result:
    name: str
    status: str  # "ok", "warn", "fail"
    message: str
    fix: str = ""

    def line(self) -> str:
        text = f"{self.status.upper():<4} {self.name}: {self.message}"
        return f"{text}; to mend: {self.fix}" if self.fix and self.status != "ok" else text


def run_tool(command: list[str], env: dict[str, Any] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, timeout=PROBE_TIMEOUT, env=env)


def short_error(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text if len(text) <= 160 else text[:160] + "…"
