"""Reading an annex written as tab-separated text, as the seeds carry it."""

from __future__ import annotations

from indicators.importers.annex_text import parse_annex_lines
from indicators.importers.tree import build_tree, parse_choices
from indicators.models import ValueType

HEADER = "STT\tChỉ tiêu thống kê\tKết quả thống kê\t\tGhi chú"
SUBHEADER = "\t\tĐơn vị tính\tSố liệu\t"


def tree_of(*lines: str):
    parsed = parse_annex_lines([HEADER, SUBHEADER, *lines])
    return parsed, build_tree(parsed.rows)


def test_repeated_page_headers_are_dropped_and_broken_names_joined():
    parsed, tree = tree_of(
        "7\tXây dựng và phát triển Chính\t\t\t",
        HEADER,
        SUBHEADER,
        "\tquyền điện tử\t\t\t",
        "7.1.\tVận hành hệ thống\tĐã vận hành = 1 Chưa = 0\t1\t",
    )
    assert [r.name for r in tree.rows] == [
        "Xây dựng và phát triển Chính quyền điện tử",
        "Vận hành hệ thống",
    ]
    assert [r.code for r in tree.rows] == ["7", "7.1"]
    assert tree.rows[1].printed_code == "7.1."
    assert parsed.unplaced == []


def test_a_coded_unit_broken_over_a_page_is_joined():
    _, tree = tree_of(
        "1\tCông tác chỉ đạo\t\t\t",
        "1.4.2\tHình thức khảo sát\tTrực tuyến = 0\t\t",
        HEADER,
        SUBHEADER,
        "\t\tPhát phiếu = 1 Kết hợp = 2\t\t",
    )
    row = tree.rows[1]
    assert row.value_type == ValueType.CHOICE
    assert [c["label"] for c in row.choices] == ["Trực tuyến", "Phát phiếu", "Kết hợp"]


def test_trong_do_rows_become_lettered_breakdowns_of_the_row_above():
    _, tree = tree_of(
        "3\tCải cách TTHC\t\t\t",
        "3.3.1\tSố lượng hồ sơ đã tiếp nhận\tSố lượng hồ sơ\t729\t",
        "Trong đó\tTiếp nhận trực tiếp\tSố lượng hồ sơ\t10\t",
        "\tTiếp nhận qua BCCI\tSố lượng hồ sơ\t2\t",
        "3.3.2\tSố hồ sơ giải quyết đúng hạn\tSố lượng hồ sơ\t729\t",
    )
    assert [(r.code, r.parent_code, r.is_breakdown) for r in tree.rows[1:]] == [
        ("3.3.1", "3", False),
        ("3.3.1.a", "3.3.1", True),
        ("3.3.1.b", "3.3.1", True),
        ("3.3.2", "3", False),
    ]


def test_trong_do_split_over_a_page_break_stays_one_group():
    _, tree = tree_of(
        "7\tChính phủ số\t\t\t",
        "7.1\tKết nối\t\t\t",
        "Trong\tTỷ lệ sở, ngành\t%\t\t",
        HEADER,
        SUBHEADER,
        "đó\tTỷ lệ UBND cấp huyện\t%\t\t",
        "\tTỷ lệ UBND cấp xã\t%\t100\t",
    )
    assert [r.code for r in tree.rows] == ["7", "7.1", "7.1.a", "7.1.b", "7.1.c"]


def test_duplicated_codes_are_renumbered_under_their_real_parent_and_reported():
    _, tree = tree_of(
        "1.\tCông tác chỉ đạo\t\t\t",
        "1.1.\tKế hoạch CCHC\t\t\t",
        "1.1.1.\tSố nhiệm vụ\tNhiệm vụ\t6\t",
        "1.2.\tKiểm tra CCHC\t\t\t",
        "1.1.1.\tSố phòng đã kiểm tra\tCơ quan\t\t",
        "1.1.2.\tSố UBND cấp xã đã kiểm tra\tCơ quan\t\t",
        "1.3.\tThực hiện nhiệm vụ\t\t\t",
    )
    assert [r.code for r in tree.rows] == ["1", "1.1", "1.1.1", "1.2", "1.2.1", "1.2.2", "1.3"]
    assert [(r.printed_code, r.code) for r in tree.renumbered] == [
        ("1.1.1.", "1.2.1"),
        ("1.1.2.", "1.2.2"),
    ]
    assert "đề xuất đánh lại thành 1.2.1" in tree.renumbered[0].message


def test_groups_are_headings_unless_the_annex_gives_them_a_value():
    _, tree = tree_of(
        "3\tCải cách TTHC\t\t\t",
        "3.1\tThống kê TTHC\t\t201\t",
        "3.1.3\tTổng số TTHC đang áp dụng\tThủ tục\t217\t",
        "3.2\tMột cửa\t\t\t",
        "3.2.1\tSố TTHC một cửa\tThủ tục\t113\t",
    )
    types = {r.code: r.value_type for r in tree.rows}
    assert types == {
        "3": ValueType.HEADING,
        "3.1": ValueType.INTEGER,
        "3.1.3": ValueType.INTEGER,
        "3.2": ValueType.HEADING,
        "3.2.1": ValueType.INTEGER,
    }


def test_value_types_follow_the_unit_column():
    _, tree = tree_of(
        "6\tTài chính\t\t\t",
        "6.1\tTỷ lệ giải ngân\t%\t0\t",
        "Trong đó\tKế hoạch được giao\tTriệu đồng\t0\t",
        "6.2\tĐối thoại\tKhông = 0 Có = 1\t1\t",
        "6.3\tKết nối văn bản\t\tCó\t",
    )
    types = {r.code: r.value_type for r in tree.rows}
    assert types["6.1"] == ValueType.PERCENT
    assert types["6.1.a"] == ValueType.DECIMAL
    assert types["6.2"] == ValueType.YESNO
    # A yes/no question printed without its coding, answered with a word.
    assert types["6.3"] == ValueType.YESNO


def test_choices_keep_their_printed_labels():
    assert parse_choices(
        "Có ban hành hoặc triển khai KH = 1 Không ban hành; triển khai KH = 0"
    ) == [
        {"value": 1, "label": "Có ban hành hoặc triển khai KH"},
        {"value": 0, "label": "Không ban hành; triển khai KH"},
    ]
    assert parse_choices("Chưa có = 0 2 cấp = 1 3 cấp = 2") == [
        {"value": 0, "label": "Chưa có"},
        {"value": 1, "label": "2 cấp"},
        {"value": 2, "label": "3 cấp"},
    ]
    assert parse_choices("Điểm = Tỷ lệ * Điểm tối đa") == []


def test_a_choice_s_code_is_written_in_digits_0_to_9_within_the_bound():
    assert parse_choices("Không = ٠ Có = ١") == []
    assert parse_choices("Chưa = 0 Xong = 1 Khác = 1234567890123456") == [
        {"value": 0, "label": "Chưa"},
        {"value": 1, "label": "Xong"},
    ]
