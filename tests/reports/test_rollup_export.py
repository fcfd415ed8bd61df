"""The supervisor's roll-up exports to Excel (the page's rows and columns) and draws a chart with a text alternative."""

import datetime
import io
import json

from django.urls import reverse
from openpyxl import load_workbook

from tests.conftest import client_for

H2 = {"period": "second_half", "year": "2025"}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_rollup_exports_the_rows_and_columns_of_the_page(world, seeded):
    """Given the H2 2025 roll-up sorted by late tasks, the workbook holds the page's headers, rows in the same order,
    the totals, and the period's dates as dd/mm/yyyy."""
    client = client_for(world.users["supervisor"])
    query = H2 | {"sort": "-tasks_late"}
    page = client.get(reverse("reports:rollup"), query)
    rows = page.context["rows"]
    assert f'href="{reverse("reports:rollup_xlsx")}?period=second_half&amp;year=2025&amp;sort=-tasks_late"' in (
        page.content.decode()
    )
    response = client.get(reverse("reports:rollup_xlsx"), query)
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    assert "filename*=UTF-8''" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][0].startswith("Các xã, phường thuộc ")
    assert values[1][:4] == ("Từ ngày", datetime.datetime(2025, 7, 1), "đến ngày", datetime.datetime(2025, 12, 31))
    assert sheet["B2"].number_format == sheet["D2"].number_format == sheet["F2"].number_format == "dd/mm/yyyy"
    assert values[3] == (
        "Xã, phường",
        "Kế hoạch ban hành",
        "Nhiệm vụ",
        "Hoàn thành (%)",
        "Chậm",
        "Mô hình",
        "Được công nhận",
        "Đơn vị có mô hình (%)",
    )
    keys = ["name", "plans_issued", "tasks_total", "tasks_done_percent", "tasks_late", "registrations", "recognized"]
    body = values[4 : 4 + len(rows)]
    assert [list(line[:7]) for line in body] == [[row[key] for key in keys] for row in rows]
    assert [line[7] for line in body] == [row["coverage_percent"] for row in rows]
    assert any(row["tasks_late"] for row in rows)
    total = values[4 + len(rows)]
    assert total[0] == f"Cộng {len(rows)} xã, phường" and total[4] == sum(row["tasks_late"] for row in rows)


def test_a_commune_name_that_looks_like_a_formula_is_text(world, seeded):
    """Given a commune whose name starts with "=", then its cell is text with a leading apostrophe, not a formula."""
    world.commune.name = '=HYPERLINK("http://evil.example","Bấm")'
    world.commune.save(update_fields=["name"])
    response = client_for(world.users["supervisor"]).get(reverse("reports:rollup_xlsx"), H2)
    names = [
        row[0] for row in load_workbook(io.BytesIO(response.content)).active.iter_rows(min_row=5, values_only=True)
    ]
    assert "'" + world.commune.name in names
    assert not any(isinstance(name, str) and name.startswith("=") for name in names)


def test_rollup_chart_has_its_data_and_a_text_alternative(world, seeded):
    """Given the roll-up, the chart's series come from the rows, as JSON for the external script (CSP), and the canvas
    is an image labelled and described by the table's columns."""
    page = client_for(world.users["supervisor"]).get(reverse("reports:rollup"), H2)
    html = page.content.decode()
    rows = page.context["rows"]
    start = html.index('<script id="rollup-data" type="application/json">') + len(
        '<script id="rollup-data" type="application/json">'
    )
    data = json.loads(html[start : html.index("</script>", start)])
    assert all(label.startswith("xã ") for label in data["labels"])  # short names fit a phone's chart axis
    assert data == {
        "labels": [row["name"].removeprefix("Ủy ban nhân dân ") for row in rows],
        "done": [row["tasks_done_percent"] for row in rows],
        "coverage": [row["coverage_percent"] for row in rows],
    }
    assert (
        'id="rollup-chart" role="img" aria-labelledby="rollup-chart-title" aria-describedby="rollup-chart-note"' in html
    )
    assert "js/rollup.js" in html and "chart.umd.min.js" in html
    assert "<script>" not in html  # no inline script under the CSP
