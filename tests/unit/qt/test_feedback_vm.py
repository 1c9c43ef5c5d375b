"""FeedbackViewModel without a window: rate limit message, consent, the idle reset."""

from __future__ import annotations

from datetime import timedelta

from support import NOW

from kiosk import config as config_module
from kiosk.clock import FakeClock


def test_rate_limit_tells_when_to_try_again_and_reset_forgets_the_visitor(qtbot, tmp_path):
    from kiosk.qt.background import BackgroundRunner
    from kiosk.qt.feedback import FeedbackViewModel

    config = config_module.from_table({"state_dir": str(tmp_path / "state")})
    clock = FakeClock(NOW)
    runner = BackgroundRunner()
    vm = FeedbackViewModel(config, runner, clock=clock)
    try:
        vm.setText("第一条：大厅的椅子不够")
        vm.submit()
        qtbot.waitUntil(lambda: vm.property("state") == "thanks")
        vm.newFeedback()
        clock.advance(timedelta(seconds=12))
        vm.setText("第二条：马上又来一条意见")
        vm.submit()
        qtbot.waitUntil(lambda: "18 秒后再试" in vm.property("message"))
        assert vm.property("state") == "form" and vm.property("text") == "第二条：马上又来一条意见"

        vm.setConsent(True)
        vm.setName("吴十")
        vm.setConsent(False)  # withdrawing consent erases the contact data
        assert vm.property("name") == ""
        vm.setText("带控制字符\u202e的文字")
        assert vm.property("text") == "带控制字符的文字" and vm.property("message")
        vm.set_about("item-1", 2, "某条公开事项")
        vm.rate("dissatisfied")
        assert vm.property("state") == "reason"
        vm.reset()  # the idle reset
        assert (vm.property("state"), vm.property("text"), vm.property("aboutTitle"), vm.property("pendingRating")) == (
            "form",
            "",
            "",
            "",
        )
    finally:
        runner.shutdown()
        vm.close()
