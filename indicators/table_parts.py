"""The "Tổng số" columns of a table by field and the columns they add up.

A table prints a "Tổng số" column under a header group and its "Trong đó" columns under the
same group ("Số hồ sơ nhận giải quyết" → trực tuyến, kỳ trước chuyển qua, trực tiếp): the
form shows the sum as the official types, and the server computes the total of each row.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

TOTAL_LABEL = "Tổng số"


class Column(Protocol):
    @property
    def code(self) -> str: ...

    @property
    def label(self) -> str: ...

    @property
    def group(self) -> str: ...


def column_parts(columns: Sequence[Column]) -> dict[str, list[str]]:
    """Each "Tổng số" column's code → the codes of the columns printed under its group."""
    parts = {}
    for total in columns:
        if total.label != TOTAL_LABEL:
            continue
        members = [
            c.code
            for c in columns
            if c is not total
            and c.label != TOTAL_LABEL
            and (c.group == total.group or c.group.startswith(total.group + " / "))
        ]
        if members:
            parts[total.code] = members
    return parts
