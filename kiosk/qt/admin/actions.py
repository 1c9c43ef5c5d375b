"""What the admin overlay shows and does, read from and done by the running kiosk.

The status lines come from what the kiosk already holds: the sync bridge's last status,
the content hub, the windows as placed, the application font; the outbox's counts are
read in a worker (a database read). Every label, value and answer goes through Qt's
catalogue (context "AdminActions"), translated when it is made: the panel shows them in the
kiosk's language, in Traditional characters while the touch screen shows them. Restart and
exit to the desktop only *ask*: the kiosk's run loop quits with
:data:`~kiosk.exits.EXIT_RESTART` or :data:`~kiosk.exits.EXIT_TO_DESKTOP` when it hears
:attr:`AdminActions.exitRequested`.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot
from PySide6.QtGui import QGuiApplication

from kiosk import __version__
from kiosk.exits import EXIT_RESTART, EXIT_TO_DESKTOP
from kiosk.qt import fonts, windows
from kiosk.qt.i18n import fill

if TYPE_CHECKING:
    from kiosk.qt.app import Kiosk
    from kiosk.qt.sync_bridge import SyncBridge

log = logging.getLogger(__name__)

#: Where the overlay's screenshots go, inside the state directory.
SCREENSHOT_DIR = "screenshots"
NONE = "—"


class AdminActions(QObject):
    #: The status panel's lines, gathered (on the UI thread).
    statusReady = Signal(list)
    #: An action finished: one line saying what it did.
    done = Signal(str)
    #: Quit the kiosk with this exit status (restart, or exit to the desktop).
    exitRequested = Signal(int)
    #: What the status panel shows may have changed (a sync attempt ended, content changed).
    moved = Signal()

    def __init__(self, kiosk: Kiosk, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._kiosk = kiosk
        self._started = kiosk.clock.now()
        kiosk.hub.changed.connect(self._on_moved)

    def follow(self, sync: SyncBridge) -> None:
        """Hear each sync attempt's status (once the kiosk's sync has started)."""
        sync.statusChanged.connect(self._on_moved)

    @Slot(object)
    def _on_moved(self, _what: object) -> None:
        self.moved.emit()

    # -- status -----------------------------------------------------------------------

    def gather_status(self) -> None:
        sync = self._kiosk.sync
        if sync is None:
            self.statusReady.emit(self._rows(None))
            return
        self._kiosk.runner.submit(sync.service.outbox_counts, on_done=self._with_outbox, on_error=self._no_outbox)

    def _with_outbox(self, counts: tuple[int, int] | None) -> None:
        self.statusReady.emit(self._rows(counts))

    def _no_outbox(self, _exc: BaseException) -> None:
        self.statusReady.emit(self._rows(None))

    def _rows(self, outbox: tuple[int, int] | None) -> list[dict[str, str]]:
        kiosk = self._kiosk
        now = kiosk.clock.now()
        status = kiosk.sync.status if kiosk.sync is not None else None
        rows: list[tuple[str, str]] = [(self.tr("版本"), __version__)]
        if kiosk.sync is None:
            rows.append((self.tr("内容"), self.tr("本机演示内容（未配置中央库）")))
        elif status is None:
            rows.append((self.tr("内容版本"), self.tr("尚未同步")))
        else:
            if status.stale:
                fresh = fill(self.tr("已过期（自 %1）"), _when(status.stale_since))
            elif status.fresh_until is not None:
                fresh = fill(self.tr("有效，至 %1"), _when(status.fresh_until))
            else:
                fresh = self.tr("有效")
            rows += [
                (self.tr("内容版本"), str(status.feed_version)),
                (self.tr("内容新鲜度"), fresh),
                (self.tr("上次同步成功"), _when(status.last_success)),
                (self.tr("上次错误"), _one_line(status.last_error) or NONE),
            ]
        rows.append((self.tr("显示事项"), str(len(kiosk.hub.items(with_body=False))) if kiosk.hub.ready else NONE))
        if kiosk.sync is not None:
            pending, set_aside = outbox if outbox is not None else (None, None)
            rows.append((self.tr("意见待发送 / 已搁置"), f"{_count(pending)} / {_count(set_aside)}"))
        rows.append((self.tr("运行时间"), _duration((now - self._started).total_seconds())))
        for (_, window), screen in zip(kiosk.windows, kiosk.config.screens, strict=False):
            info = windows.describe(window, screen)
            region = info["region"]
            rows.append(
                (
                    fill(self.tr("屏幕 %1"), info["name"] or NONE),
                    fill(self.tr("%1，区域 %2"), info["role"], _region(region)),
                )
            )
        app = QGuiApplication.instance()
        family = fonts.cjk_family(app) if isinstance(app, QGuiApplication) else None
        rows.append((self.tr("中文字体"), family or self.tr("无（中文将无法显示）")))
        offset = kiosk.sync.service.clock_offset if kiosk.sync is not None else None
        rows.append((self.tr("与中央库时钟偏差"), NONE if offset is None else fill(self.tr("%1 秒"), f"{offset:+.1f}")))
        return [{"label": label, "value": value} for label, value in rows]

    # -- actions ----------------------------------------------------------------------

    def sync_now(self) -> None:
        if self._kiosk.sync is None:
            self.done.emit(self.tr("未配置中央库，无需同步"))
            return
        self._kiosk.sync.sync_now()
        self.done.emit(self.tr("已开始同步"))

    def send_feedback_now(self) -> None:
        if self._kiosk.sync is None:
            self.done.emit(self.tr("未配置中央库，意见留在本机"))
            return
        self._kiosk.sync.upload_now()
        self.done.emit(self.tr("已开始发送意见"))

    def reload_content(self) -> None:
        if self._kiosk.hub.ready:
            self._kiosk.hub.notify_changed()
            self.done.emit(self.tr("内容已重新载入"))

    def screenshot(self) -> None:
        stamp = self._kiosk.clock.now().strftime("%Y%m%dT%H%M%SZ")
        directory = self._kiosk.config.state_dir / SCREENSHOT_DIR / stamp
        try:
            written = self._kiosk.screenshot(directory)
        except OSError as exc:
            log.warning("admin: screenshots not written: %s", exc)
            self.done.emit(self.tr("截图失败"))
            return
        log.info("admin: %d screenshots in %s", len(written), directory)
        self.done.emit(fill(self.tr("已保存 %1 张截图：%2"), len(written), directory))

    def restart(self) -> None:
        log.info("admin: restart asked for at the kiosk")
        self.exitRequested.emit(EXIT_RESTART)

    def exit_to_desktop(self) -> None:
        log.info("admin: exit to the desktop asked for at the kiosk")
        self.exitRequested.emit(EXIT_TO_DESKTOP)


def _when(instant: datetime | None) -> str:
    return instant.strftime("%Y-%m-%d %H:%M:%S UTC") if instant is not None else NONE


def _count(value: int | None) -> str:
    return NONE if value is None else str(value)


def _duration(seconds: float) -> str:
    minutes, _ = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    days, hours = divmod(hours, 24)
    if days:
        return fill(QCoreApplication.translate("AdminActions", "%1 天 %2 小时 %3 分"), days, hours, minutes)
    return fill(QCoreApplication.translate("AdminActions", "%1 小时 %2 分"), hours, minutes)


def _region(region: Any) -> str:
    if isinstance(region, list | tuple) and len(region) == 4:
        x, y, w, h = region
        return f"{w}×{h}+{x}+{y}"
    return NONE


def _one_line(text: str) -> str:
    # A store's error text is untrusted: one line, bounded; Text elements show it as plain text.
    line = " ".join(str(text).split())
    return line if len(line) <= 160 else line[:160] + "…"
