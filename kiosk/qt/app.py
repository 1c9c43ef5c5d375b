"""Starting the kiosk: the Qt application, one QML window per screen, and a clean exit."""

from __future__ import annotations

import functools
import logging
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, QUrl, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtQml import QQmlApplicationEngine, QQmlError
from PySide6.QtQuick import QQuickWindow

from kiosk import compositor, demo, paths
from kiosk.cache import ContentCache
from kiosk.clock import Clock, SystemClock
from kiosk.config import Config, ScreenConfig
from kiosk.pin import PinStore
from kiosk.playlog import PlayLog
from kiosk.qt import fonts, qml_module, windows
from kiosk.qt.admin import AdminActions, AdminOverlay
from kiosk.qt.background import BackgroundRunner
from kiosk.qt.content_hub import ContentHub
from kiosk.qt.i18n import Translations
from kiosk.qt.images import PROVIDER_ID, AssetImageProvider
from kiosk.qt.qr import PROVIDER_ID as QR_PROVIDER_ID
from kiosk.qt.qr import QrImageProvider
from kiosk.qt.quit_signals import QuitOnSignals
from kiosk.qt.screen_watch import ScreenWatch
from kiosk.qt.signage import SignageViewModel
from kiosk.qt.startup import ScreenOptions, StartError, prepare_environment, stage
from kiosk.qt.touch import TouchScreen
from kiosk.qt.watchdog import FrameWatchdog, install_display_loss_exit
from kiosk.usage import Usage

if TYPE_CHECKING:
    from kiosk.qt.sync_bridge import SyncBridge

log = logging.getLogger(__name__)

#: Each role's window, and the name of its root's required property the view model goes in.
QML_FILES = {"touch": ("Touch.qml", "touchScreen"), "signage": ("Signage.qml", "vm")}
DEMO_SCREENS = (ScreenConfig(role="touch", screen=0), ScreenConfig(role="signage", screen=0))


class Kiosk(QObject):
    """Everything one kiosk process runs: content, view models, windows."""

    #: The content cache was found damaged and rebuilt (emitted from any thread).
    cacheRebuilt = Signal()

    def __init__(
        self, config: Config, options: ScreenOptions, clock: Clock | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.config = replace(config, screens=DEMO_SCREENS) if options.demo else config
        self.options = options
        self.clock = clock or SystemClock()
        self.runner = BackgroundRunner(parent=self)
        self.hub = ContentHub(self.config, self.clock, self.runner, parent=self)
        self.engine: QQmlApplicationEngine | None = None
        self.windows: list[tuple[str, QQuickWindow]] = []
        self.view_models: list[TouchScreen | SignageViewModel] = []
        self._qml_errors: list[str] = []
        #: The sync with the central store, when one is configured (started by start()).
        self.sync: SyncBridge | None = None
        self.translations: Translations | None = None
        self.qr: QrImageProvider | None = None
        self.key_lock: windows.KeyLock | None = None
        #: Each window on its output while that output is connected (not on Wayland, not the demo).
        self.screen_watch: ScreenWatch | None = None
        #: The admin overlay's reads and actions; ``exitRequested`` ends the run loop.
        self.admin = AdminActions(self, self)

    def start(self, open_cache: Callable[[Config], ContentCache] | None = None) -> None:
        """Open the content (in a worker) and the windows; raises :class:`StartError`."""
        app = QGuiApplication.instance()
        if not isinstance(app, QGuiApplication):
            raise StartError("no Qt GUI application to open windows in")
        stage("qml")
        qml_module.register()
        engine = self.engine = QQmlApplicationEngine(self)
        engine.warnings.connect(self._on_qml_warnings)
        self.translations = Translations(engine, self.config.language, self)
        engine.addImageProvider(PROVIDER_ID, AssetImageProvider(self.hub.read_asset))
        self.qr = QrImageProvider()
        engine.addImageProvider(QR_PROVIDER_ID, self.qr)
        for index, screen in enumerate(self.config.screens):
            vm = self._view_model(screen.role)
            self.view_models.append(vm)
            # A kiosk window's title names its screen, for the compositor's rules; the
            # demo's windows keep their translated titles.
            title = None if self.options.demo else compositor.window_title(index, screen)
            window = self._load(engine, *QML_FILES[screen.role], vm, title)
            self.windows.append((screen.role, window))
            if not self.options.demo:
                windows.place_kiosk_window(window, app, screen)
        if self.options.demo:
            windows.place_demo_windows(self.windows, app, self.options.offscreen)
        else:
            if not windows.compositor_places(app):
                pairs = [(w, c) for (_, w), c in zip(self.windows, self.config.screens, strict=True)]
                self.screen_watch = ScreenWatch(app, pairs, self)
            self.key_lock = windows.KeyLock(app, self)  # no key combination leaves the kiosk
        stage("windows")
        # A cache found damaged later is rebuilt by whichever thread met the damage; the
        # screens re-read and the sync fetches a snapshot, on the UI thread.
        self.cacheRebuilt.connect(self._on_cache_rebuilt, Qt.ConnectionType.QueuedConnection)
        self.hub.open(open_cache or functools.partial(demo.open_content, on_rebuilt=self._cache_rebuilt))
        stage("content")
        if self.config.uses_store:
            # Imported here: a kiosk on the demo pack needs neither requests nor APScheduler.
            from kiosk.qt.sync_bridge import SyncBridge

            sync = self.sync = SyncBridge(self.config, self.hub, self)
            self.admin.follow(sync)  # the admin overlay's status follows each attempt
            sync.start()
            # The heartbeat reports the screens as placed and the CJK font in use.
            placed = [windows.describe(w, c) for (_, w), c in zip(self.windows, self.config.screens, strict=False)]
            sync.service.set_device_info(placed, fonts.cjk_family(app))
            stage("sync")
            for vm in self.view_models:  # a visitor's submission is uploaded at once
                if isinstance(vm, TouchScreen):
                    vm.feedback.submitted.connect(sync.upload_now)
            for vm in self.view_models:  # both screens say when their content is stale
                sync.statusChanged.connect(vm.set_sync_status)

    def _cache_rebuilt(self, _cache) -> None:  # any thread: only emits
        self.cacheRebuilt.emit()

    @Slot()
    def _on_cache_rebuilt(self) -> None:
        if not self.hub.ready:  # delivered after shutdown: nothing to refresh
            return
        self.hub.notify_changed()
        if self.sync is not None:
            self.sync.sync_now()

    def shutdown(self) -> None:
        if self.sync is not None:
            # First: its workers write the cache and signal the hub, which closes below.
            self.sync.stop()
            self.sync = None
        for vm in self.view_models:
            vm.stop()
        if self.translations is not None:
            self.translations.close()
        if self.screen_watch is not None:
            self.screen_watch.stop()
            self.screen_watch = None
        if self.key_lock is not None:
            self.key_lock.release()
            self.key_lock = None
        self.runner.shutdown()
        self.hub.close()
        for _, window in self.windows:
            window.close()
        if self.engine is not None:
            self.engine.deleteLater()
            self.engine = None

    def screenshot(self, directory: Path) -> list[Path]:
        """One PNG per window, named by role (``touch.png``, ``signage.png``, ``touch-2.png``…)."""
        directory.mkdir(parents=True, exist_ok=True)
        written: list[Path] = []
        seen: dict[str, int] = {}
        for role, window in self.windows:
            seen[role] = seen.get(role, 0) + 1
            name = role if seen[role] == 1 else f"{role}-{seen[role]}"
            path = directory / f"{name}.png"
            if not window.grabWindow().save(str(path)):
                raise OSError(f"could not write {path}")
            written.append(path)
        return written

    def _view_model(self, role: str) -> TouchScreen | SignageViewModel:
        if role == "touch":
            pins = PinStore(self.config.state_dir)
            admin = AdminOverlay(self.config.admin, self.clock, pins, self.runner, self.admin)
            usage = Usage.open(self.config.state_dir)
            vm = TouchScreen(self.hub, self, translations=self.translations, admin=admin, usage=usage, qr=self.qr)
            admin.setParent(vm)
            return vm
        return SignageViewModel(self.hub, self, qr=self.qr, playlog=PlayLog(self.config.state_dir, self.clock))

    def _load(
        self, engine: QQmlApplicationEngine, file_name: str, property_name: str, vm: QObject, title: str | None = None
    ) -> QQuickWindow:
        before = len(engine.rootObjects())
        # An initial property replaces the QML binding, so retranslating cannot undo it.
        engine.setInitialProperties({property_name: vm} | ({"title": title} if title else {}))
        engine.load(QUrl.fromLocalFile(str(paths.SCREENS_DIR / file_name)))
        roots = engine.rootObjects()
        if len(roots) == before or not isinstance(roots[-1], QQuickWindow):
            detail = "; ".join(self._qml_errors[-3:]) or "no window was created"
            raise StartError(f"cannot load screens/{file_name}: {detail}")
        return roots[-1]

    @Slot("QList<QQmlError>")
    def _on_qml_warnings(self, warnings: list[QQmlError]) -> None:
        for warning in warnings:
            self._qml_errors.append(warning.toString())
            log.warning("QML: %s", warning.toString())


def run(config: Config, options: ScreenOptions) -> int:
    """Run the kiosk until it is told to quit; returns the process exit status."""
    stage("environment")
    try:
        prepare_environment(config, options)
    except StartError as exc:
        print(f"kiosk: {exc}", file=sys.stderr)
        return 1
    install_display_loss_exit()  # a kiosk whose display died exits, and its service restarts it
    existing = QGuiApplication.instance()
    app = existing if isinstance(existing, QGuiApplication) else QGuiApplication(sys.argv[:1])
    app.setApplicationName("Lobby Kiosk")
    app.setDesktopFileName(compositor.APP_ID)  # the Wayland app_id the compositor's rules match
    app.setQuitOnLastWindowClosed(True)
    fonts.choose_font(app)
    stage("application")
    kiosk = Kiosk(config, options)
    stopper = QuitOnSignals(app)
    try:
        kiosk.start()
    except StartError as exc:
        print(f"kiosk: {exc}", file=sys.stderr)
        kiosk.shutdown()
        return 1
    # READY=1 waits for the windows shown: one whose output is absent paints nothing.
    shown = [window for _, window in kiosk.windows if window.isVisible()]
    watchdog = FrameWatchdog(shown or [window for _, window in kiosk.windows], parent=app)  # sd_notify
    outcome = _Finisher(app, kiosk, options)
    kiosk.admin.exitRequested.connect(outcome.exit_with)
    if options.quit_after is not None:
        QTimer.singleShot(int(options.quit_after * 1000), outcome.finish)
    QTimer.singleShot(0, _event_loop_running)
    status = app.exec()
    watchdog.stop()
    stopper.close()
    kiosk.shutdown()
    return outcome.status if outcome.status is not None else status


def _event_loop_running() -> None:
    stage("event-loop")


class _Finisher(QObject):
    """At ``--quit-after``: wait for content, take the screenshots, quit."""

    def __init__(self, app: QGuiApplication, kiosk: Kiosk, options: ScreenOptions) -> None:
        super().__init__(kiosk)
        self._app, self._kiosk, self._options = app, kiosk, options
        self._waited = 0
        self.status: int | None = None

    @Slot(int)
    def exit_with(self, status: int) -> None:
        """The admin overlay's restart or exit to the desktop: quit with ``status``."""
        self.status = status
        self._app.exit(status)

    @Slot()
    def finish(self) -> None:
        sync = self._kiosk.sync
        loading = not self._kiosk.hub.ready or (sync is not None and not sync.has_synced)
        if loading and self._waited < 300:
            # Content still loading (a slow disk, a first sync): screenshots of empty
            # screens help no one.
            self._waited += 1
            QTimer.singleShot(100, self.finish)
            return
        self.status = 0
        if self._options.tour and self._options.screenshot_dir is not None:
            from kiosk.qt.tour import start_tour

            # The tour takes its own screenshots, one per touch state, then quits.
            self._tour = start_tour(self._kiosk, self._options.screenshot_dir, self._app)
            return
        if self._options.screenshot_dir is not None:
            try:
                for path in self._kiosk.screenshot(self._options.screenshot_dir):
                    print(path)
            except OSError as exc:
                print(f"kiosk: cannot write screenshots: {exc}", file=sys.stderr)
                self.status = 1
        self._app.quit()
