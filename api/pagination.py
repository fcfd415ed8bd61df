"""Cursor pagination: stable pages over lists that grow while a system walks them."""

from rest_framework.pagination import CursorPagination


class ApiCursorPagination(CursorPagination):
    """Pages of 50 (up to 200 with `page_size`), newest first, with opaque `next` and `previous` cursors."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    ordering = "-pk"
