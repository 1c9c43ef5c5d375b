"""The configuration reference (README's table, config/kiosk.toml) is the schema's.

Both are written by tools/config_reference.py from kiosk/config.py; these tests fail when
either was edited by hand or the schema changed without running the tool.
"""

from __future__ import annotations

import dataclasses
import importlib.util

from kiosk import config, paths
from kiosk.config import Config, ContactConfig, FeedbackConfig

_spec = importlib.util.spec_from_file_location("config_reference", paths.PROJECT_ROOT / "tools" / "config_reference.py")
reference = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(reference)


def test_readme_table_is_current():
    text = reference.README.read_text(encoding="utf-8")
    assert reference.render_readme(text) == text, "run python tools/config_reference.py"


def test_shipped_file_is_current():
    assert reference.KIOSK_TOML.read_text(encoding="utf-8") == reference.kiosk_toml(), (
        "run python tools/config_reference.py"
    )


def test_the_shipped_file_holds_the_defaults_except_its_examples():
    shipped = config.load(paths.DEFAULT_CONFIG_FILE)
    expected = dataclasses.replace(
        Config(), contact=ContactConfig(**{key.split(".")[1]: value for key, value in reference.SET_EXAMPLES.items()})
    )
    assert shipped == expected


def test_every_key_of_the_schema_is_in_the_readme_and_documented():
    text = reference.README.read_text(encoding="utf-8")
    for key, f, _, _ in reference.entries(Config) + reference.entries(FeedbackConfig, "feedback."):
        assert f"`{key}`" in text or f"`[{key}]`" in text or f"`[[{key}]]`" in text, key
        assert f.metadata.get("doc"), f"{key} has no doc= in the schema"


def test_a_bound_changed_in_the_schema_makes_the_files_stale(monkeypatch):
    """The check can fail: a different bound renders a different table and file."""
    before_table, before_toml = reference.readme_table(), reference.kiosk_toml()
    fields = {f.name: f for f in dataclasses.fields(FeedbackConfig)}
    changed = dict(fields["per_hour"].metadata, expected="a number between 1 and 99")
    monkeypatch.setattr(fields["per_hour"], "metadata", changed)
    assert reference.readme_table() != before_table
    assert reference.kiosk_toml() != before_toml
