"""The report as HTML (Jinja2, autoescaped: item titles are untrusted and stay text).

:func:`body` is the report's content alone, as the console page embeds it; :func:`render` a
whole standalone page with the console's own style sheets inlined (same fonts and colours),
for the file ``kiosk-store report --format html`` writes.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from kiosk.catalog import Catalog
from kiosk.store.report import charts, names

HERE = Path(__file__).resolve().parent
#: The console's style sheets: the standalone page reads the same files the console serves.
STYLES = (HERE.parent / "console" / "static" / "console.css", HERE.parent / "console" / "static" / "report.css")

_ENV = Environment(
    loader=FileSystemLoader(str(HERE / "templates")),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


def body(report: dict, catalog: Catalog) -> Markup:
    return Markup(
        _ENV.get_template("report_body.html").render(
            r=report,
            names=names,
            category=lambda key: names.category(catalog, key),
            unit=lambda key: names.unit(catalog, key),
            rating_bars=charts.ratings(report),
            category_bars=charts.categories(report, catalog),
        )
    )


def render(report: dict, catalog: Catalog) -> bytes:
    css = "\n".join(path.read_text(encoding="utf-8") for path in STYLES)
    page = _ENV.get_template("report_file.html").render(r=report, body=body(report, catalog), css=Markup(css))
    return page.encode("utf-8")
