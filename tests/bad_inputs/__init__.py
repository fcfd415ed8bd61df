"""The rows of docs/bad-inputs.md, each proven by tests named `test_rowNN_...`.

Every module here covers a band of rows; `test_coverage.py` fails when a row of the
table has no test whose name starts with its number.
"""
