"""The table the runner prints: row, measured, floor, ratio, target, verdict."""

from __future__ import annotations

from benchmarks.core import Result


def figure(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "s" and value < 1:
        return f"{value * 1000:.1f} ms"
    if unit == "B":
        return f"{value:,.0f} B"
    if unit == "MB":
        return f"{value:.1f} MB"
    return f"{value:,.1f} {unit}" if value >= 100 else f"{value:.3g} {unit}"


def verdict(result: Result) -> str:
    if result.measured is None:
        return "not measured"
    return {True: "ok", False: "MISS", None: "—"}[result.ok]


def table(results: list[Result]) -> str:
    header = ("row", "measured", "floor", "ratio", "target", "verdict")
    rows = [
        (
            r.name,
            figure(r.measured, r.unit),
            figure(r.floor, r.unit),
            f"{r.ratio:.2f}×" if r.ratio is not None else "—",
            r.target,
            verdict(r),
        )
        for r in results
    ]
    widths = [max(len(h), *(len(row[i]) for row in rows)) if rows else len(h) for i, h in enumerate(header)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in rows]
    notes = [f"  {r.name}: {' '.join(x for x in (r.spread, r.note) if x)}" for r in results if r.spread or r.note]
    return "\n".join(lines + (["", "spread (fastest–slowest round) and notes:", *notes] if notes else []))
