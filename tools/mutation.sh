#!/usr/bin/env bash
# Mutation testing with mutmut 3 (configured in pyproject.toml, [tool.mutmut]).
#
#   tools/mutation.sh            # every configured module; prints the score per module
#   JOBS=4 tools/mutation.sh     # more mutants at once (default 2)
#   MODULES="kiosk/outbox.py kiosk/feed.py" tools/mutation.sh   # mutate only these files
#   tools/mutation.sh 'kiosk.feed*'   # only these mutants (mutmut's name patterns)
#
# Runs niced, in a scratch copy of the tracked files (mutmut writes its mutants/ folder
# next to the code), and keeps that copy so `mutmut results` / `mutmut show NAME` can be
# run in it afterwards; its path is printed at the end.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
python="${PYTHON:-$root/.venv/bin/python}"
work="${MUTATION_DIR:-$(mktemp -d -t kiosk-mutation.XXXXXX)}"
mkdir -p "$work"
"$python" -c "import mutmut" 2>/dev/null || { echo "mutmut is not installed: $python -m pip install -e '.[mutation]'" >&2; exit 2; }
git -C "$root" ls-files -z --cached --others --exclude-standard | (cd "$root" && tar --null -T - -cf -) | tar -xf - -C "$work"
cd "$work"
if [ -n "${MODULES:-}" ]; then
  # Narrow the copy's only_mutate: mutmut otherwise builds and checks every configured module
  # even when a name pattern selects the mutants of one.
  "$python" - $MODULES <<'PY'
import re, sys
from pathlib import Path
project = Path("pyproject.toml")
listed = ", ".join(f'"{m}"' for m in sys.argv[1:])
text, n = re.subn(r"^only_mutate = \[[^\]]*\]", f"only_mutate = [{listed}]", project.read_text(), flags=re.M)
if n != 1:
    sys.exit("pyproject.toml has no only_mutate list to narrow")
project.write_text(text)
PY
fi
# The copy's own code must be what the tests import (mutmut puts mutants/ first on sys.path).
unset PYTHONPATH
nice -n 10 "$python" -m mutmut run --max-children "${JOBS:-2}" "$@" > mutmut-run.log 2>&1 || { tail -20 mutmut-run.log >&2; exit 1; }
"$python" "$root/tools/mutation_score.py" mutants
echo "mutants and results: $work (mutmut results / mutmut show NAME there)"
