"""A stand-in kiosk for the usage SIGKILL test: the real counts file, play log, outbox and
upload code (``kiosk.usage``, ``kiosk.playlog``, ``kiosk.usage_outbox``,
``kiosk.sync.usage_upload``, ``kiosk.sync.transport``), no GUI, on a clock of its own.

    python usage_driver.py CONFIG     # then on stdin: START SEED LOGFILE, later an empty line

Importing that code takes a second here, most of a run: so this process imports it once
and forks one child per line, the process the test kills. The parent answers ``forked
PID`` at once and, after the empty line, ``exit PID STATUS`` when the child ended; the
child says ``uploaded PID`` on that pipe too when it begins to count. The child, its clock starting
at START (ISO 8601), writes to LOGFILE: ``uploaded`` (what earlier runs left is sent), for
each count ``+ HOUR METRIC KEY`` before it and ``= …`` once it returned (committed), for
each change of what the wall shows ``+ play`` and ``= play``, ``counted`` (the play log
closed) and ``done`` (``uploaded`` and ``counted`` with the monotonic clock's time, which
the test aims its kills by), each line flushed at once, so the test knows how far a killed run
got. SEED ``drain`` only uploads what is over at START.
"""

from __future__ import annotations

import os
import random
import sys
import time
import traceback
from datetime import datetime, timedelta
from pathlib import Path

from kiosk import config as config_module
from kiosk.playlog import PlayLog
from kiosk.sync.backoff import Backoff
from kiosk.sync.transport import StoreClient
from kiosk.sync.usage_upload import UsageUploader
from kiosk.usage import Usage, hour_of
from kiosk.usage_outbox import UsageOutbox

CELLS = (
    ("item-opened", "hall-hours"),
    ("item-opened", "other"),
    ("category-opened", "central-work"),
    ("care-mode", ""),
)
SLIDES = (("hall-hours", 1), ("hall-hours", 2), ("other", 1))


class Clock:
    def __init__(self, start: datetime) -> None:
        self.at = start

    def now(self) -> datetime:
        return self.at


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()  # reaches the file before a SIGKILL can take it


def serve(config_file: Path) -> int:
    for line in sys.stdin:
        if not line.strip():
            continue
        start, seed, log_file = line.split()
        sys.stdout.flush()
        pid = os.fork()
        if pid == 0:
            sys.stdout = open(log_file, "w", encoding="utf-8")
            try:
                run(config_file, datetime.fromisoformat(start), seed)
            except BaseException:
                traceback.print_exc()
                os._exit(1)
            os._exit(0)
        say(f"forked {pid}")
        # Reaped only when the test says so: until then its pid stays the child's (a
        # zombie, if it ended), so the test's kill can never reach another process.
        sys.stdin.readline()
        _, status = os.waitpid(pid, 0)
        say(f"exit {pid} {-os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)}")
    return 0


def upload(uploader: UsageUploader) -> bool:
    """Whether everything pending went up (a store busy for a moment is tried again)."""
    for _ in range(100):
        if uploader.run(force=True).error is None:
            return True
    return False


def run(config_file: Path, start: datetime, seed: str) -> None:
    config = config_module.load(config_file)
    clock = Clock(start)
    outbox = UsageOutbox(config.state_dir)
    client = StoreClient(config.store.url, config.store.device_token, timeout=config.store.timeout)
    uploader = UsageUploader(client, outbox, config.usage.suppress_below, clock, Backoff(base=0.01, cap=0.05))
    if not upload(uploader) and seed == "drain":
        # The last run must leave nothing behind, or the test's sums would miss hours.
        raise SystemExit("drain: the store did not take every batch in 100 tries")
    say(f"uploaded {time.monotonic()}")
    # Told to the test on the parent's pipe too (one write, whole): it aims a kill at the counting.
    os.write(1, f"uploaded {os.getpid()}\n".encode())
    if seed != "drain":
        rng = random.Random(seed)
        counts, log = Usage(config.state_dir), PlayLog(config.state_dir, clock)
        for _ in range(24):  # each a commit or an fsync: a run of a few hundred milliseconds
            if rng.random() < 0.6:
                metric, key = rng.choice(CELLS)
                counts.new_visit()  # care mode counts once per visit: each is a visit
                where = f"{hour_of(clock.now())} {metric} {key}"
                say(f"+ {where}")
                counts.count(metric, key, clock.now())
                say(f"= {where}")
            else:
                clock.at += timedelta(seconds=rng.uniform(1, 240))
                kind = rng.choice(("slide", "slide", "slide", "blank", "off-hours"))
                item, revision = rng.choice(SLIDES) if kind == "slide" else (None, None)
                say("+ play")
                log.show(kind, item=item, revision=revision, page=1 if item else None)
                say("= play")
        clock.at += timedelta(seconds=rng.uniform(1, 240))
        log.close()  # the span on screen ends with the run
        counts.close()
        say(f"counted {time.monotonic()}")
        upload(uploader)
    client.close()
    outbox.close()
    say("done")


if __name__ == "__main__":
    sys.exit(serve(Path(sys.argv[1])))
