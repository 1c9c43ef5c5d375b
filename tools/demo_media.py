"""Generate the pictures and PDFs used by the bundled demo content pack.

The demo items in ``assets/demo/items/`` refer to attachments in ``assets/demo/media/``.
Those files are drawn here with Qt alone (QImage/QPainter for PNG, QPdfWriter for PDF)
instead of being checked in from elsewhere, so that every byte of the demo pack is
fictional, written for this project, and can be regenerated on any machine that has
PySide6 and the "Noto Sans CJK SC" font (Debian package ``fonts-noto-cjk``).

Run from the repository root::

    .venv/bin/python tools/demo_media.py

The output is deterministic: the same inputs give the same bytes, so regenerating does
not produce spurious changes (PDF timestamps, document ids and Qt's hash seed are pinned,
see :func:`_pin_pdf_metadata`).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from demo_charts import dues_chart, leadership_chart, livelihood_chart, study_timeline
from demo_drawing import check_font, ensure_app, output_dir, set_output_dir
from demo_pdfs import disclosure_catalogue, hall_guide
from demo_pictures import hall_floor_plan, reading_poster, shelter_building

# --------------------------------------------------------------------------- main


def generate() -> list[Path]:
    """Write every demo media file and return their paths."""
    ensure_app()
    check_font()
    output_dir().mkdir(parents=True, exist_ok=True)
    plan = hall_floor_plan()
    outputs = [
        livelihood_chart(),
        plan,
        study_timeline(),
        leadership_chart(),
        reading_poster(),
        shelter_building(),
        dues_chart(),
        disclosure_catalogue(),
        hall_guide(plan),
    ]
    return outputs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Draw the demo pack's pictures and PDFs.")
    parser.add_argument("--out", type=Path, help="write into this folder instead of assets/demo/media")
    args = parser.parse_args(argv)
    if args.out is not None:
        set_output_dir(args.out)
    for path in generate():
        print(f"{path.stat().st_size:>9,} bytes  {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
