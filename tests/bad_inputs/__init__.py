"""The rows of docs/bad-inputs.md, each proven by tests named `test_rowNN_...`.

Every test module here covers a band of rows (`test_text_*` rows 1-14, `test_markup_*` 15-20,
`test_exports` 21-26, `test_files_*` 27-35, `test_values_*` 36-44, `test_requests_*` 45-52); what the
modules of a band share lives in its `*_helpers.py`, never copied. `test_coverage.py` fails when a row
of the table has no test whose name starts with its number.
"""
