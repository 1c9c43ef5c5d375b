"""``python -m benchmarks.child FUNCTION JSON``: run one Qt row family's child side.

FUNCTION is ``module:function`` inside this package; JSON its arguments. Prints the
function's list of raw rounds as one JSON line on stdout (progress goes to stderr).
"""

from __future__ import annotations

import importlib
import json
import sys


def main() -> int:
    module, function = sys.argv[1].split(":")
    args = json.loads(sys.argv[2])
    out = getattr(importlib.import_module(f"benchmarks.{module}"), function)(args)
    print("RESULT " + json.dumps(out), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
