"""Pages of a list: ``?page=2&page_size=500`` (at most 1,000 a page); a constant number of
queries per page (the count, the rows with their joins), whatever its size."""

from __future__ import annotations

from rest_framework.pagination import PageNumberPagination


class Pagination(PageNumberPagination):
    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 1000
