"""What the template implies, on small made-up annexes: value types and ranges, ratios and
their counts, "Trong đó" parts, group rows and the tagged identities."""

from __future__ import annotations

from decimal import Decimal

from indicators.validation.engine import check_data, check_values
from indicators.validation.findings import ERROR, WARNING
from indicators.validation.snapshot import IndicatorInfo, ReportData, TemplateData


def row(
    code: str,
    *,
    parent: str | None = None,
    value_type: str = "integer",
    unit: str = "Hồ sơ",
    name: str = "",
    breakdown: bool = False,
    parts: bool = False,
    aggregation: str = "sum",
    tags: tuple[str, ...] = (),
) -> IndicatorInfo:
    return IndicatorInfo(
        code=code,
        printed_code="" if breakdown else code,
        name=name or f"Số liệu {code}",
        unit=unit,
        value_type=value_type,
        choices=(),
        is_breakdown=breakdown,
        parts_sum_to_total=parts,
        aggregation=aggregation,
        tags=tags,
        parent=parent,
        position=0,
    )


def check(rows, **values):
    template = TemplateData(code="T", version=1, indicators=tuple(rows))
    typed = {
        code.replace("_", "."): None if v is None else Decimal(str(v)) for code, v in values.items()
    }
    return check_values(template, typed)


RATIO = [
    row("1", value_type="percent", unit="%", aggregation="ratio", name="Tỷ lệ hoàn thành"),
    row("1.a", parent="1", breakdown=True, name="Tổng số nhiệm vụ"),
    row("1.b", parent="1", breakdown=True, name="Số nhiệm vụ đã hoàn thành"),
]


def test_a_negative_count_is_an_error():
    (finding,) = check([row("2")], **{"2": -3})
    assert (finding.check, finding.severity) == ("value.negative", ERROR)


def test_a_count_must_be_whole():
    (finding,) = check([row("2", unit="Người")], **{"2": "2.5"})
    assert finding.check == "value.integer"
    assert finding.message == "2 = 2,5 nhưng phải là số nguyên (Người)."


def test_a_percentage_above_100_is_an_error():
    (finding,) = check([row("2", value_type="percent", unit="%")], **{"2": 120})
    assert finding.check == "value.percent_range"


def test_counts_printed_in_a_ratio_cell_must_give_the_ratio():
    template = TemplateData(
        code="T", version=1, indicators=(row("3", value_type="percent", unit="%"),)
    )
    silent = check_values(template, {"3": Decimal("93.88")})
    assert silent == []
    wrong = check_data(
        ReportData(template=template, values={"3": Decimal(90)}, printed={"3": "90 (322-343 HS)"})
    )
    assert [f.check for f in wrong] == ["ratio.printed_counts"]
    assert "322/343 = 93,88 %" in wrong[0].message


def test_a_ratio_equal_to_its_counts_within_rounding_is_silent():
    assert check(RATIO, **{"1": "22.2", "1_a": 9, "1_b": 2}) == []
    assert check(RATIO, **{"1": "22.22", "1_a": 9, "1_b": 2}) == []


def test_a_ratio_off_by_more_than_rounding_is_an_error():
    (finding,) = check(RATIO, **{"1": "23", "1_a": 9, "1_b": 2})
    assert (finding.check, finding.severity) == ("ratio.counts", ERROR)


def test_a_part_larger_than_its_base_is_an_error():
    (finding,) = check(RATIO, **{"1": 100, "1_a": 2, "1_b": 9})
    assert finding.check == "ratio.part_exceeds"


def test_a_ratio_of_nothing_is_silent():
    assert check(RATIO, **{"1": 0, "1_a": 0, "1_b": 0}) == []


def test_a_reduction_ratio_counts_what_was_cut():
    rows = [
        row(
            "4",
            value_type="percent",
            unit="%",
            aggregation="ratio",
            name="Tỷ lệ đã cắt giảm so với năm 2015",
        ),
        row("4.a", parent="4", breakdown=True, name="Tổng số đơn vị năm 2015"),
        row("4.b", parent="4", breakdown=True, name="Số đơn vị tại thời điểm báo cáo"),
    ]
    assert check(rows, **{"4": 10, "4_a": 20, "4_b": 18}) == []


PARTS = [
    row("5", parts=True),
    row("5.a", parent="5", breakdown=True),
    row("5.b", parent="5", breakdown=True),
]


def test_parts_that_do_not_add_up_to_their_total_are_an_error_blanks_counted_as_zero():
    (finding,) = check(PARTS, **{"5": 10, "5_a": 4, "5_b": None})
    assert (
        finding.message
        == "5 = 10 nhưng các dòng “Trong đó” cộng lại 4 + trống = 4 (ô trống tính là 0)."
    )


def test_parts_all_blank_are_not_checked():
    assert check(PARTS, **{"5": 10}) == []


GROUP = [
    row("6", unit=""),
    row("6.1", parent="6", unit="Thủ tục"),
    row("6.2", parent="6", unit="Thủ tục"),
]


def test_a_group_row_repeating_a_row_under_it_or_their_sum_is_silent():
    assert check(GROUP, **{"6": 5, "6.1": 5, "6.2": 3}) == []
    assert check(GROUP, **{"6": 8, "6.1": 5, "6.2": 3}) == []


def test_a_group_row_matching_none_of_its_rows_is_a_warning():
    (finding,) = check(GROUP, **{"6": 7, "6.1": 5, "6.2": 3})
    assert (finding.check, finding.severity) == ("group.parts", WARNING)
    assert finding.message == (
        "Dòng nhóm 6 = 7 không khớp với chỉ tiêu nào bên dưới: 6.1 = 5, 6.2 = 3 (cộng lại 8)."
    )


def test_a_group_over_rows_counting_different_things_is_not_compared():
    rows = [
        row("7", unit=""),
        row("7.1", parent="7", unit="Nhiệm vụ"),
        row("7.2", parent="7", unit="Văn bản"),
    ]
    assert check(rows, **{"7": 1, "7.1": 25, "7.2": 8}) == []


TAGGED = [
    row("8", tags=("hs_tiep_nhan",)),
    row("8.1", tags=("hs_truc_tiep",)),
    row("8.2", tags=("hs_truc_tuyen",)),
    row("8.3", tags=("hs_truc_tuyen",)),
    row("9", unit="Người", tags=("bien_che_giao",)),
    row("10", unit="Người", tags=("bien_che_co_mat",)),
]


def test_received_must_be_the_sum_of_its_channels_through_the_tags():
    (finding,) = check(TAGGED, **{"8": 100, "8.1": 10, "8.2": 40, "8.3": 40})
    assert finding.check == "identity.received_channels"
    assert finding.severity == ERROR
    assert "8 = 100 nhưng 8.1 + 8.2 + 8.3 = 10 + 40 + 40 = 90" in finding.message


def test_present_staff_above_the_quota_is_only_a_warning():
    (finding,) = check(TAGGED, **{"9": 18, "10": 19})
    assert (finding.check, finding.severity) == ("identity.staff_within_quota", WARNING)


def test_a_template_without_tags_is_not_checked_by_the_identities():
    untagged = [row(r.code) for r in TAGGED]
    assert check(untagged, **{"8": 100, "8.1": 10, "9": 18, "10": 19}) == []
