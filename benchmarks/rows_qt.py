"""Rows driving Qt: start to first frame, taps, hostile bodies, signage frames and memory.

Each runs in child processes (:mod:`benchmarks.child`) on a copy of one cache of N items,
with the environment its renderer needs; figures come back as raw rounds.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from benchmarks import data
from benchmarks.core import Result, from_rounds, median, not_measured, progress

FAMILY = (
    "start to first frame",
    "start peak RSS",
    "tap to next screen",
    "hostile 5 MB body",
    "hostile 500 links and images",
    "signage frame p95 software",
    "signage frame p95 OpenGL llvmpipe",
    "RSS growth over rotations",
    "peak RSS over rotations",
)
TARGETS = {
    "start to first frame": ("≤ 2× floor", "s", {"ratio_max": 2}),
    "start peak RSS": ("≤ 300 MB", "MB", {"measured_max": 300}),
    "tap to next screen": ("p95 ≤ 50 ms", "ms", {"measured_max": 50}),
    "hostile 5 MB body": ("≤ 200 ms", "ms", {"measured_max": 200}),
    "hostile 500 links and images": ("≤ 200 ms", "ms", {"measured_max": 200}),
    "signage frame p95 software": ("p95 ≤ 8 ms (reported)", "ms", {"measured_max": 8}),
    "signage frame p95 OpenGL llvmpipe": ("p95 ≤ 8 ms", "ms", {"measured_max": 8}),
    "RSS growth over rotations": ("≤ 5 MB", "MB", {"measured_max": 5}),
    "peak RSS over rotations": ("≤ 300 MB", "MB", {"measured_max": 300}),
}
SOFTWARE = {"QT_QPA_PLATFORM": "offscreen", "QT_QUICK_BACKEND": "software", "QSG_RENDER_LOOP": "basic"}


def child_env(extra: dict[str, str]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "QSG_"))}
    env.update(KIOSK_SPEECH_ENGINE="none", **extra)
    env["PYTHONPATH"] = os.pathsep.join([str(data.ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    return env


def state_copy(ctx, name: str) -> Path:
    """A fresh kiosk state folder holding a copy of the shared N-item cache."""
    target = ctx.work / f"state-{name}-{time.monotonic_ns()}"
    shutil.copytree(ctx.cache_state(), target)
    return target


def child(function: str, args: dict, env: dict[str, str], timeout: float) -> list[dict]:
    argv = [sys.executable, "-m", "benchmarks.child", function, json.dumps(args)]
    done = subprocess.run(argv, env=child_env(env), capture_output=True, text=True, timeout=timeout)
    lines = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
    if done.returncode != 0 or not lines:
        tail = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise RuntimeError(f"{function} exited {done.returncode}: {tail[:160]}")
    return json.loads(lines[-1].removeprefix("RESULT "))


def judged(name: str, floors: list[float], measured: list[float], note: str = "") -> Result:
    target, unit, bound = TARGETS[name]
    return from_rounds(name, unit, target, floors, measured, note=note, **bound)


def from_child(raw: list[dict]) -> list[Result]:
    return [judged(r["name"], r["floor"], r["measured"], r.get("note", "")) for r in raw]


def start_rows(ctx) -> list[Result]:
    """Start to first painted frame of every window (touch and signage, demo layout, on
    the N-item cache), against the floor: an empty Qt Quick window started the same way
    (same interpreter, same environment, a fresh process); both timed by this process
    from starting the child to the child's line after its last first frame."""
    state = state_copy(ctx, "start")
    env = child_env(SOFTWARE)

    def once(*argv: str) -> tuple[float, float]:
        started = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-m", "benchmarks.qt_start", *argv], env=env, stdout=subprocess.PIPE, text=True
        )
        line = process.stdout.readline()
        seconds = time.perf_counter() - started
        process.wait(timeout=60)
        return seconds, json.loads(line)["peak_mb"]

    once("empty")  # both interpreters' files in the page cache before the first timed start
    once("kiosk", str(state))  # and the QML disk cache written, as on every start after the first
    floors, measured, peaks = [], [], []
    for n in range(ctx.rounds):
        progress(f"start: round {n + 1}/{ctx.rounds + 1}")
        floors.append(once("empty")[0])
        seconds, peak = once("kiosk", str(state))
        measured.append(seconds)
        peaks.append(peak)
    empty_peak = once("empty")[1]
    return [
        judged("start to first frame", floors, measured, f"{ctx.items} items cached, touch and signage"),
        judged("start peak RSS", [empty_peak], [median(peaks)], "floor: the empty window's peak"),
    ]


@contextlib.contextmanager
def xvfb():
    """An Xvfb display for the OpenGL path (the offscreen platform has no OpenGL)."""
    display = f":{90 + os.getpid() % 100}"
    server = subprocess.Popen(
        ["Xvfb", display, "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while not Path(f"/tmp/.X11-unix/X{display[1:]}").exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        yield display
    finally:
        server.terminate()
        server.wait(timeout=10)


def run(ctx) -> list[Result]:
    results: list[Result] = []
    rows_of = {
        "start": FAMILY[0:2],
        "taps": FAMILY[2:3],
        "hostile": FAMILY[3:5],
        "signage software": FAMILY[5:6],
        "signage OpenGL": FAMILY[6:7],
        "rotations": FAMILY[7:9],
    }
    families = [
        ("start", lambda: start_rows(ctx)),
        (
            "taps",
            lambda: from_child(
                child(
                    "qt_touch:taps",
                    {"state": str(state_copy(ctx, "taps")), "rounds": ctx.rounds + 1, "taps": 5},
                    SOFTWARE,
                    600,
                )
            ),
        ),
        (
            "hostile",
            lambda: from_child(
                child(
                    "qt_touch:hostile",
                    {"state": str(state_copy(ctx, "hostile")), "rounds": ctx.rounds + 1},
                    SOFTWARE,
                    600,
                )
            ),
        ),
        ("signage software", lambda: signage(ctx, "signage frame p95 software", SOFTWARE, True)),
        ("signage OpenGL", lambda: signage_gl(ctx)),
        ("rotations", lambda: rotation_rows(ctx)),
    ]
    for label, make in families:
        if ctx.wanted and not ctx.wanted & set(rows_of[label]):
            continue
        progress(f"qt: {label}")
        try:
            results += make()
        except Exception as exc:  # one broken child must not hide the other rows
            reason = f"{type(exc).__name__}: {exc}"
            results += [not_measured(n, TARGETS[n][1], TARGETS[n][0], reason) for n in rows_of[label]]
    return results


def signage(ctx, row: str, env: dict[str, str], offscreen: bool) -> list[Result]:
    args = {
        "state": str(state_copy(ctx, "signage")),
        "rounds": ctx.rounds + 1,
        "seconds": 1.0 if ctx.quick else 5.0,
        "offscreen": offscreen,
        "row": row,
    }
    return from_child(child("qt_signage:frames", args, env, 600))


def signage_gl(ctx) -> list[Result]:
    name = "signage frame p95 OpenGL llvmpipe"
    if shutil.which("Xvfb") is None:
        return [not_measured(name, "ms", TARGETS[name][0], "no Xvfb on this machine")]
    with xvfb() as display:
        env = {
            "DISPLAY": display,
            "QT_QPA_PLATFORM": "xcb",
            # "rhi": not the software adaptation (the kiosk defaults to software only when unset).
            "QT_QUICK_BACKEND": "rhi",
            "QSG_RHI_BACKEND": "opengl",
            "LIBGL_ALWAYS_SOFTWARE": "1",
            "QSG_RENDER_LOOP": "basic",
        }
        return signage(ctx, name, env, False)


def rotation_rows(ctx) -> list[Result]:
    count = 200 if ctx.quick else 10_000
    raw = child(
        "qt_signage:rotations", {"state": str(state_copy(ctx, "rotations")), "rotations": count}, SOFTWARE, 1800
    )
    results = from_child(raw)
    results.append(
        judged("peak RSS over rotations", [float("nan")], [raw[0]["peak_mb"]], "no floor: an absolute bound")
    )
    results[-1].floor = results[-1].ratio = None
    results[-1].spread = ""
    return results
