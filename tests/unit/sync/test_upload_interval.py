"""The feedback upload interval is configuration: ``[store] upload_interval``, declared
once with its default and bound, and what the sync service's upload job runs on."""

from __future__ import annotations

import pytest

from kiosk import config as config_module
from kiosk.config import ConfigError
from kiosk.sync.jobs import SyncService


def _config(**store):
    return config_module.from_table({"store": {"url": "http://127.0.0.1:1", **store}})


def test_the_default_is_30_seconds_and_the_service_uses_what_is_configured():
    assert _config().store.upload_interval == 30.0
    service = SyncService(_config(upload_interval=120))
    try:
        assert service.upload_interval == 120.0
    finally:
        service.stop()


@pytest.mark.parametrize("value", [4.9, 3601, "soon"])
def test_values_outside_5_to_3600_seconds_are_one_clear_error(value):
    with pytest.raises(ConfigError, match="store.upload_interval"):
        _config(upload_interval=value)


def test_the_shipped_configuration_documents_it():
    from kiosk import paths

    assert "upload_interval" in paths.DEFAULT_CONFIG_FILE.read_text(encoding="utf-8")
    assert "`upload_interval`" in (paths.PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
