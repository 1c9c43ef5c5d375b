"""``kiosk-store report`` run as the real command against a store holding the fixture
quarter (SQLite and PostgreSQL): the CSV's figures, the HTML and the PDF written to files
(the PDF's Chinese text comes back out with pdftotext), and bad periods refused in one line
with status 1, nothing written."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess

import pytest
from report_support import make_quarter, quarter_store
from store_support import StoreCommand, database_url  # noqa: F401 (fixture)

pytestmark = pytest.mark.e2e


@pytest.fixture
def command(tmp_path, database_url):
    store = quarter_store(tmp_path, database_url)
    try:
        make_quarter(store, tmp_path)
    finally:
        store.db.close()
    return StoreCommand(tmp_path / "data", tmp_path / "keys", database_url)


def test_the_command_writes_the_quarter_in_three_formats(command, tmp_path):
    out = command.run("report", "--from", "2026-10-01", "--to", "2026-12-31", "--format", "csv").stdout
    rows = list(csv.reader(io.StringIO(out.lstrip("\ufeff"))))
    assert ["公开", "合计", "发布次数", "5"] in rows and ["评价", "满意率", "5/7", "71.4%"] in rows
    assert ["公开时效", "阶段性", "逾期公开", "1"] in rows and ["修订和撤回", "根据意见修订", "次数", "2"] in rows
    command.run(
        "report", "--from", "2026-10-01", "--to", "2026-12-31", "--format", "html", "-o", str(tmp_path / "r.html")
    )
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert '<strong class="figure" id="publications">5</strong>' in page and "<script>" not in page
    result = command.run("report", "--from", "2026-10-01", "--to", "2026-12-31", "-o", str(tmp_path / "r.pdf"))
    assert "written to" in result.stderr
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF-")
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", tmp_path / "r.pdf", "-"], capture_output=True, text=True).stdout
        assert "公开工作阶段报告" in text and "满意率 71.4%" in text


def test_a_bad_period_is_one_line_and_writes_nothing(command, tmp_path):
    target = tmp_path / "bad.pdf"
    for first, last, message in (
        ("2026-02-30", "2026-03-01", "not a date (YYYY-MM-DD): '2026-02-30'"),
        ("2026-12-31", "2026-10-01", "ends (2026-10-01) before it starts (2026-12-31)"),
        ("1900-01-01", "2026-12-31", "a report covers at most 731 days"),
        ("x" * 5000, "2026-12-31", "not a date"),
    ):
        result = command.run("report", "--from", first, "--to", last, "-o", str(target), check=False)
        assert result.returncode == 1 and message in result.stderr, result.stderr
        assert "unexpected error" not in result.stderr
        assert len(result.stderr.splitlines()) == 1 and len(result.stderr) < 200
    assert not target.exists()
