"""The demo pack's pictures and PDFs come from tools/demo_media.py, byte for byte.

The generator is run as the README says (a subprocess, offscreen), into a scratch folder,
and every file it writes must equal the one committed under assets/demo/media: the media
are reproducible from the repository alone, and a change to the drawing code that alters
them shows here instead of in a spurious diff.
"""

from __future__ import annotations

import subprocess
import sys

from e2e_support import assert_clean_stderr, kiosk_env

from kiosk import paths

MEDIA = paths.PROJECT_ROOT / "assets" / "demo" / "media"


def test_the_generator_writes_exactly_the_committed_media(tmp_path):
    out = tmp_path / "media"
    result = subprocess.run(
        [sys.executable, str(paths.PROJECT_ROOT / "tools" / "demo_media.py"), "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
        env=kiosk_env(),
    )
    assert result.returncode == 0, result.stderr
    assert_clean_stderr(result.stderr)
    written = sorted(p.name for p in out.iterdir())
    committed = sorted(p.name for p in MEDIA.iterdir() if p.suffix in (".png", ".pdf"))
    assert written == committed
    differ = [name for name in written if (out / name).read_bytes() != (MEDIA / name).read_bytes()]
    assert not differ, f"regenerated differently: {differ}"
