"""The indicator formset is usable by screen reader: every box of a row, "Xóa" included, has a name."""

from models_registry.forms import IndicatorFormSet


def test_every_box_of_an_indicator_row_is_named():
    """Given the formset with one row, each of the row's boxes and the new-row template's are labelled."""
    formset = IndicatorFormSet(prefix="indicators", initial=[{}])
    row, empty = formset.forms[0], formset.empty_form
    assert str(row["DELETE"]).count('aria-label="Xóa (dòng 1)"') == 1
    assert 'aria-label="Xóa (dòng mới)"' in str(empty["DELETE"])
    assert 'aria-label="Chỉ tiêu (dòng 1)"' in str(row["name"])
