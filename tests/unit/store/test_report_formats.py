"""The stage report rendered: CSV that spreadsheets open (BOM, CRLF, Chinese headers, no
formula from item text), HTML with item text escaped, and a Chinese PDF whose text comes
back out with pdftotext and whose CJK font is embedded (pdffonts); the command's errors."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess

import pytest
from report_support import FIRST, HOSTILE_TITLE, LAST, make_quarter, quarter_store

from kiosk.store import report
from kiosk.store.cli import report as command
from kiosk.store.report import pdf

POPPLER = shutil.which("pdftotext") and shutil.which("pdffonts")


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    folder = tmp_path_factory.mktemp("quarter")
    store = quarter_store(folder)
    make_quarter(store, folder)
    try:
        yield report.of_store(store, FIRST, LAST), report.catalog_of(store)
    finally:
        store.db.close()


def test_csv_opens_in_spreadsheets(made):
    data = command.render(*made, "csv")
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 byte-order mark
    text = data[3:].decode("utf-8")
    assert "\r\n" in text and "\n" not in text.replace("\r\n", "")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["部分", "项目", "细分", "数值"]
    assert ["评价", "满意率", "5/7", "71.4%"] in rows
    assert ["公开时效", "常规", "逾期公开", "1"] in rows
    assert ["终端使用", "本期没有终端上传的使用数据", "", ""] in rows
    titles = [r[1] for r in rows if r[0] == "逾期和未公开"]
    assert "'" + HOSTILE_TITLE not in titles and HOSTILE_TITLE in titles  # starts with <, not a formula
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_a_title_that_starts_a_formula_is_quoted(made):
    figures, catalog = made
    changed = {**figures, "timeliness": {**figures["timeliness"]}}
    changed["timeliness"]["rows"] = [{**r, "title": "=HYPERLINK(1)"} for r in figures["timeliness"]["rows"]]
    rows = list(csv.reader(io.StringIO(command.render(changed, catalog, "csv")[3:].decode())))
    assert "'=HYPERLINK(1)" in [r[1] for r in rows]


def test_html_escapes_item_text_and_says_no_use_data(made):
    page = command.render(*made, "html").decode("utf-8")
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'id="satisfaction">71.4%' in page and "本期没有终端上传的使用数据" in page
    assert "--accent: #B71C1C" in page  # the console's own style sheet, inlined
    assert page.count("<svg") == 2  # the category and rating charts


@pytest.mark.skipif(not POPPLER, reason="poppler-utils (.ci/setup installs it)")
def test_pdf_is_chinese_with_an_embedded_cjk_font(made, tmp_path):
    data = command.render(*made, "pdf")
    (tmp_path / "r.pdf").write_bytes(data)
    text = subprocess.run(["pdftotext", tmp_path / "r.pdf", "-"], capture_output=True, text=True, check=True).stdout
    phrases = ("公开工作阶段报告", "五级评价分布", "满意率 71.4%", "本期没有终端上传的使用数据", "<script>alert(1)")
    for phrase in phrases:
        assert phrase in text
    fonts = subprocess.run(["pdffonts", tmp_path / "r.pdf"], capture_output=True, text=True, check=True).stdout
    face = [line for line in fonts.splitlines() if "NotoSansCJK" in line]
    assert face and face[0].split()[-5] == "yes"  # the "emb" column


def test_no_cjk_font_is_one_clear_error(made, monkeypatch):
    monkeypatch.setattr(pdf, "FONT_FILES", ("/nonexistent/font.ttc",))
    with pytest.raises(command.WorkflowError, match="no CJK font for the PDF"):
        command.render(*made, "pdf")


def test_long_detail_lists_are_cut_in_html_and_pdf_but_not_in_csv(made, monkeypatch):
    from kiosk.store.report import names

    figures, catalog = made
    monkeypatch.setattr(names, "DETAIL_LIMIT", 2)
    late_or_missed = [r for r in figures["timeliness"]["rows"] if r["verdict"] != "on-time"]
    assert len(late_or_missed) == 4
    assert "另有 2 条未列出，见 CSV。" in command.render(figures, catalog, "html").decode()
    rows = list(csv.reader(io.StringIO(command.render(figures, catalog, "csv")[3:].decode())))
    assert len([r for r in rows if r[0] == "逾期和未公开"]) == 4
    if POPPLER:
        found = subprocess.run(
            ["pdftotext", "-", "-"], input=command.render(figures, catalog, "pdf"), capture_output=True, check=True
        )
        assert "另有 2 条未列出，见 CSV。" in found.stdout.decode()
