"""Reading seed 002's annex as its PDF text has it: cells run together, lines broken."""

from __future__ import annotations

import pytest

from indicators.importers.annex_text import parse_annex_lines
from indicators.importers.pdf_text import parse_pdf_annex, split_row_text
from tests.seed_imports import FIXTURES, SEEDS

HOANG_QUY = SEEDS[2]


def _rows(annex):
    return [(r.printed_code, r.name, r.unit, r.value, r.is_breakdown) for r in annex.rows]


def test_the_raw_pdf_text_of_seed_002_reads_as_the_hand_cleaned_annex():
    raw = HOANG_QUY.path.read_text(encoding="utf-8").split("\n")
    cleaned = (FIXTURES / "sources" / "002_annex.tsv").read_text(encoding="utf-8").split("\n")
    parsed = parse_pdf_annex(raw)
    assert parsed.unplaced == []
    assert _rows(parsed) == _rows(parse_annex_lines(cleaned))


def test_trong_do_broken_as_tron_g_do_starts_breakdown_rows_each_ending_at_its_value():
    parsed = parse_pdf_annex(
        [
            "STT",
            "Chỉ tiêu thống kê",
            "3 Cải cách thủ tục hành chính",
            "3.3.1 Số lượng hồ sơ đã tiếp nhận Số lượng hồ sơ 414",
            "Tron",
            "",
            "g đó",
            "Tiếp nhận trực tiếp Số lượng hồ sơ 330",
            "Tỷ lệ văn bản được gửi hoàn toàn dưới",
            "dạng điện tử",
            "% 100",
            "3.3.2 Số hồ sơ đúng hạn Số lượng hồ sơ 414",
        ]
    )
    assert _rows(parsed)[1:] == [
        ("3.3.1", "Số lượng hồ sơ đã tiếp nhận", "Số lượng hồ sơ", "414", False),
        ("", "Tiếp nhận trực tiếp", "Số lượng hồ sơ", "330", True),
        ("", "Tỷ lệ văn bản được gửi hoàn toàn dưới dạng điện tử", "%", "100", True),
        ("3.3.2", "Số hồ sơ đúng hạn", "Số lượng hồ sơ", "414", False),
    ]


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (
            ["Số nhiệm vụ đề ra trong kế hoạch Nhiệm vụ 20"],
            ("Số nhiệm vụ đề ra trong kế hoạch", "Nhiệm vụ", "20"),
        ),
        (["Kết quả giải quyết TTHC 414"], ("Kết quả giải quyết TTHC", "", "414")),
        (["Kế hoạch CCHC 01"], ("Kế hoạch CCHC", "", "01")),
        (["Trả trực tiếp nt 0"], ("Trả trực tiếp", "nt", "0")),
        (
            ["Hình thức khảo sát", "Trực tuyến = 0", "Phát phiếu = 1", "Kết hợp = 2"],
            ("Hình thức khảo sát", "Trực tuyến = 0 Phát phiếu = 1 Kết hợp = 2", ""),
        ),
        (
            [
                "Kết nối liên thông với Hệ thống một cửa",
                "Đã kết nối = 1",
                "Chưa kết nối =",
                "0",
                "1",
            ],
            ("Kết nối liên thông với Hệ thống một cửa", "Đã kết nối = 1 Chưa kết nối = 0", "1"),
        ),
        (
            ["Thực hiện nhiệm vụ UBND huyện, Chủ", "tịch UBND huyện giao", "0"],
            ("Thực hiện nhiệm vụ UBND huyện, Chủ tịch UBND huyện giao", "", "0"),
        ),
        (
            ["Tổng số TTHC cung cấp trực tuyến mức", "độ 3", "TTHC 8"],
            ("Tổng số TTHC cung cấp trực tuyến mức độ 3", "TTHC", "8"),
        ),
    ],
)
def test_a_row_splits_into_name_unit_and_value_from_its_end(lines, expected):
    assert split_row_text(lines) == expected


def test_a_value_line_that_looks_like_a_code_is_not_a_new_row():
    parsed = parse_pdf_annex(
        [
            "STT",
            "7 Xây dựng chính quyền điện tử",
            "7.3",
            "Vận hành Hệ thống một cửa điện tử",
            "Đã vận hành =",
            "1",
            "Chưa = 0",
            "1",
            "7.4 Dịch vụ công trực tuyến",
        ]
    )
    assert [r.printed_code for r in parsed.rows] == ["7", "7.3", "7.4"]
    assert parsed.rows[1].unit == "Đã vận hành = 1 Chưa = 0"
    assert parsed.rows[1].value == "1"
