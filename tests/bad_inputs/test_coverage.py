"""Every row of docs/bad-inputs.md has at least one test named after it."""

import importlib
import inspect
import pkgutil
import re
from pathlib import Path

import tests.bad_inputs as package

TABLE = Path(__file__).resolve().parents[2] / "docs" / "bad-inputs.md"


def table_rows() -> set[int]:
    return {int(number) for number in re.findall(r"^\| (\d+) \|", TABLE.read_text(encoding="utf-8"), re.MULTILINE)}


def rows_with_tests() -> set[int]:
    rows = set()
    for module_info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package.__name__}.{module_info.name}")
        for name, member in inspect.getmembers(module, inspect.isfunction):
            match = re.match(r"test_row(\d{2})_", name)
            if match and member.__module__ == module.__name__:
                rows.add(int(match.group(1)))
    return rows


def test_the_table_has_its_54_rows():
    assert table_rows() == set(range(1, 55))


def test_every_row_has_a_test():
    assert sorted(table_rows() - rows_with_tests()) == []
