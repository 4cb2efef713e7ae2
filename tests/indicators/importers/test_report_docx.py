"""Reading a whole báo cáo as communes write it: the Word document (header block, narrative,
signature, the annex and the table by field) and its text pasted or extracted from a PDF."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from hypothesis import given, settings
from hypothesis import strategies as st

from indicators.importers.files import ImportFileError
from indicators.importers.report_letter import parse_date, parse_letter
from indicators.importers.report_reader import MSG_NOT_A_REPORT, read_report_source
from tests.seed_imports import docx_bytes, to_tcvn3
from tests.seed_text import seed_lines


def _centred(document, text: str, *, bold: bool = False):
    paragraph = document.add_paragraph()
    paragraph.add_run(text).bold = bold
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return paragraph


def _commune_report() -> bytes:
    """A báo cáo laid out as a commune's Word file: the header block a two-column table whose
    cells are broken into lines, the trích yếu on two centred lines, "Nơi nhận" and the
    signature on tabbed lines, the annex, then the table by field with merged headers."""
    document = Document()
    head = document.add_table(rows=1, cols=2)
    head.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nXÃ SƠN PHÚ\n\nSố: 52/BC-UBND"
    head.cell(0, 1).text = (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
        "Sơn Phú, ngày 14 tháng 9 năm 2021"
    )
    _centred(document, "BÁO CÁO", bold=True)
    _centred(document, "Tình hình thực hiện công tác cải cách hành chính quý III,", bold=True)
    _centred(document, "phương hướng nhiệm vụ quý IV năm 2021", bold=True)
    _centred(document, "Kính gửi: Phòng Nội vụ huyện Hương Sơn")
    document.add_paragraph("Căn cứ Kế hoạch 03/KH-UBND ngày 15/01/2021 của UBND xã.")
    document.add_paragraph("UBND xã Sơn Phú báo cáo như sau:")
    document.add_paragraph("I. KẾT QUẢ ĐẠT ĐƯỢC")
    document.add_paragraph("1. Công tác chỉ đạo điều hành")
    document.add_paragraph("Tiếp tục chỉ đạo thực hiện kế hoạch số 03/KH-UBND.")
    paragraph = document.add_paragraph("Ban hành 03 văn bản chỉ đạo")
    run = paragraph.add_run("1")
    run.font.superscript = True
    document.add_paragraph("II. NHIỆM VỤ QUÝ IV")
    document.add_paragraph("Tiếp tục thực hiện các nhiệm vụ còn lại.")
    document.add_paragraph(
        "Trên đây là báo cáo kết quả thực hiện cải cách hành chính quý III năm 2021./."
    )
    document.add_paragraph("Nơi nhận:\t\tTM. ỦY BAN NHÂN DÂN")
    document.add_paragraph("- Phòng Nội vụ huyện;\t\tCHỦ TỊCH")
    document.add_paragraph("- Lưu: VT.")
    document.add_paragraph("\t\t(Đã ký)")
    document.add_paragraph("\t\tNguyễn Quang Tỏa")
    document.add_paragraph("Phụ lục 2B")
    document.add_paragraph("THỐNG KÊ SỐ LIỆU VỀ KẾT QUẢ THỰC HIỆN CÔNG TÁC CCHC")
    annex = document.add_table(rows=4, cols=5)
    for row, cells in enumerate(
        [
            ["STT", "Chỉ tiêu thống kê", "Đơn vị tính", "Số liệu", "Ghi chú"],
            ["1.", "Công tác chỉ đạo điều hành CCHC", "", "", ""],
            ["1.1.", "Số văn bản chỉ đạo CCHC đã ban hành", "Văn bản", "03", ""],
            ["1.2.", "Tỷ lệ hoàn thành kế hoạch", "%", "70,2", ""],
        ]
    ):
        for column, text in enumerate(cells):
            annex.cell(row, column).text = text
    document.add_paragraph("TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT TTHC")
    table = document.add_table(rows=4, cols=5)
    table.cell(0, 0).merge(table.cell(1, 0)).text = "STT"
    table.cell(0, 1).merge(table.cell(1, 1)).text = "Lĩnh vực"
    table.cell(0, 2).merge(table.cell(0, 3)).text = "Số hồ sơ nhận giải quyết"
    table.cell(0, 4).merge(table.cell(1, 4)).text = "Số hồ sơ đã giải quyết"
    table.cell(1, 2).text = "Tổng số"
    table.cell(1, 3).text = "Trực tuyến"
    for column, text in enumerate(["1", "Hộ tịch", "88", "86", "81"]):
        table.cell(2, column).text = text
    for column, text in enumerate(["Tổng cộng", "", "88", "86", "81"]):
        table.cell(3, column).text = text
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_communes_word_report_is_read_into_its_parts():
    source = read_report_source(_commune_report())
    header = source.letter.header
    assert (header.issuer_parent, header.issuer) == ("ỦY BAN NHÂN DÂN", "XÃ SƠN PHÚ")
    assert (header.number, header.symbol) == ("52", "BC-UBND")
    assert (header.place, header.date) == ("Sơn Phú", dt.date(2021, 9, 14))
    assert header.date_printed == "ngày 14 tháng 9 năm 2021"
    assert header.summary == (
        "Tình hình thực hiện công tác cải cách hành chính quý III, "
        "phương hướng nhiệm vụ quý IV năm 2021"
    )
    assert header.recipient == "Phòng Nội vụ huyện Hương Sơn"
    assert header.legal_basis == "Căn cứ Kế hoạch 03/KH-UBND ngày 15/01/2021 của UBND xã."
    assert header.intro == "UBND xã Sơn Phú báo cáo như sau:"
    assert header.closing.startswith("Trên đây là báo cáo kết quả")
    assert header.recipients == ["Phòng Nội vụ huyện", "Lưu: VT"]
    signer = (header.signer_mode, header.signer_authority, header.signer_title)
    assert signer == ("TM.", "ỦY BAN NHÂN DÂN", "CHỦ TỊCH")
    assert header.signer_name == "Nguyễn Quang Tỏa"
    assert header.annex_label == "Phụ lục 2B"
    assert header.annex_title == "THỐNG KÊ SỐ LIỆU VỀ KẾT QUẢ THỰC HIỆN CÔNG TÁC CCHC"
    assert source.letter.narrative == [
        "I. KẾT QUẢ ĐẠT ĐƯỢC",
        "1. Công tác chỉ đạo điều hành",
        "Tiếp tục chỉ đạo thực hiện kế hoạch số 03/KH-UBND.",
        "Ban hành 03 văn bản chỉ đạo1",
        "II. NHIỆM VỤ QUÝ IV",
        "Tiếp tục thực hiện các nhiệm vụ còn lại.",
    ]
    assert source.letter.leftover == []
    assert [(row.printed_code, row.value) for row in source.annex.rows] == [
        ("1.", ""),
        ("1.1.", "03"),
        ("1.2.", "70,2"),
    ]
    [table] = source.tables
    assert table.title == "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT TTHC"
    assert table.columns == [
        ("Số hồ sơ nhận giải quyết", "Tổng số"),
        ("Số hồ sơ nhận giải quyết", "Trực tuyến"),
        ("Số hồ sơ đã giải quyết",),
    ]
    assert [(row.label, row.cells) for row in table.rows] == [
        ("Hộ tịch", ["88", "86", "81"]),
        ("Tổng cộng", ["88", "86", "81"]),
    ]


def _text(key: str) -> bytes:
    return "\n".join(seed_lines(key)).encode()


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        (
            "18217/2021Q3",  # pasted from Word with its markup: "**", "##", "*Nơi nhận:*"
            {
                "issuer": "Xã Sơn Phú",
                "number": "52",
                "date": dt.date(2021, 9, 14),
                "signer_title": "CHỦ TỊCH",
                "signer_name": "Nguyễn Quang Tỏa",
                "recipients": ["Phòng nội vụ huyện", "Lưu: VP-UBND"],
                "annex_label": "Phụ lục 2B",
            },
        ),
        (
            "15886/2022Q1",  # a PDF's text: both columns of a block on one line
            {
                "issuer_parent": "UỶ BAN NHÂN DÂN",
                "issuer": "XÃ HOẰNG QUỲ",
                "place": "Hoằng Quỳ",
                "date": dt.date(2022, 3, 2),
                "legal_basis": "Thực hiện Công văn số 418/UBND-NV ngày 28/02/2022 của UBND "
                "Huyện Hoằng Hóa về việc hướng dẫn thực hiện báo cáo CCHC định kỳ.",
                "closing": "Trên đây là báo cáo kết quả thực hiện công tác cải cách hành "
                "chính của xã Hoằng Quỳ quý 1 năm 2022 báo cáo UBND huyện./.",
                "signer_mode": "",
                "signer_title": "CHỦ TỊCH",
                "signer_name": "Lê Văn Phượng",
                "recipients": ["UBND huyện (b/c)", "Phòng Nội vụ(b/c)", "Lưu VP"],
            },
        ),
        (
            "5605/2024Q1",  # "Số: /BC-UBND Bình Thành, ngày tháng 3 năm 2024" on one line
            {
                "number": "",
                "symbol": "BC-UBND",
                "place": "Bình Thành",
                "date": None,
                "date_printed": "ngày tháng 3 năm 2024",
                "recipient": "UBND huyện Định Hoá.",
                "annex_reference": "(Kèm theo Báo cáo số /BC-UBND, ngày /3/2024 của UBND xã "
                "Bình Thành)",
            },
        ),
    ],
)
def test_the_seeds_text_gives_the_header_fields_they_print(key, expected):
    header = read_report_source(_text(key)).letter.header
    assert {name: getattr(header, name) for name in expected} == expected


def test_the_narrative_starts_at_the_first_heading_after_the_opening():
    source = read_report_source(_text("20071/2021H1"))
    assert source.letter.header.intro.startswith("Thực hiện chế độ báo cáo công tác")
    assert source.letter.narrative[0] == "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH"
    assert all("Trên đây" not in line for line in source.letter.narrative)


def test_a_report_typed_in_tcvn3_is_read_and_the_encoding_said():
    unicode = read_report_source(_text("20071/2021H1"))
    text = "\n".join(seed_lines("20071/2021H1"))
    legacy = read_report_source(to_tcvn3(text).encode("latin-1", errors="replace"))
    assert legacy.legacy_encoding == "TCVN3"
    assert "TCVN3 (ABC) đã được chuyển sang Unicode" in legacy.format_label
    # TCVN3 has no capitals with tones: compared without case, as the matching does.
    assert legacy.letter.header.number == unicode.letter.header.number
    assert legacy.letter.header.date == unicode.letter.header.date
    assert len(legacy.annex.rows) == len(unicode.annex.rows)
    assert [line.lower() for line in legacy.letter.narrative] == [
        line.lower() for line in unicode.letter.narrative
    ]


def test_a_file_with_nothing_of_a_report_is_refused_naming_a_legacy_encoding():
    with pytest.raises(ImportFileError) as plain:
        read_report_source("Danh sách cán bộ dự họp\nÔng Nguyễn Văn A\n".encode())
    assert plain.value.message == MSG_NOT_A_REPORT
    tcvn3 = to_tcvn3("Danh sách cán bộ dự họp\nÔng Nguyễn Văn A, ủy viên\n")
    with pytest.raises(ImportFileError) as legacy:
        read_report_source(tcvn3.encode("latin-1"))
    assert "Tệp dùng bảng mã TCVN3 (ABC)" in legacy.value.message


@pytest.mark.parametrize(
    ("printed", "date"),
    [
        ("ngày 14 tháng 9 năm 2021", dt.date(2021, 9, 14)),
        ("ngày  02   tháng   3  năm 2022", dt.date(2022, 3, 2)),
        ("ngày      tháng 9 năm 2024", None),
        ("ngày 31 tháng 2 năm 2024", None),
    ],
)
def test_a_printed_date_is_a_date_only_when_whole(printed, date):
    assert parse_date(printed) == date


def test_lines_no_part_takes_are_left_over_not_dropped():
    parts = parse_letter(
        [
            "ỦY BAN NHÂN DÂN",
            "XÃ SƠN PHÚ",
            "Mật",
            "BÁO CÁO",
            "Kết quả quý I",
            "I. KẾT QUẢ",
            "Nội dung.",
            "Trên đây là báo cáo./.",
            "Nơi nhận:",
            "- Lưu: VT.",
            "CHỦ TỊCH",
            "Người lập biểu: chị Hà",
        ]
    )
    assert parts.header.issuer == "XÃ SƠN PHÚ"
    assert parts.leftover == [(3, "Mật"), (12, "Người lập biểu: chị Hà")]


@pytest.mark.django_db
def test_the_footnotes_of_a_word_report_come_back_with_their_marks(seed_report):
    from reports.exports import render_report

    original = seed_report("5605/2024Q1")  # Bình Thành's two footnotes, marked "¹" and "²"
    source = read_report_source(render_report(original, "docx"))
    assert source.letter.header.footnotes == original.footnotes
    assert any(
        line.endswith(
            "điều hành¹. Theo các văn bản chỉ đạo của UBND xã, các bộ phận "
            "chuyên môn đã phối hợp triển khai thực hiện nhiệm vụ CCHC đảm bảo đúng tiến "
            "độ, thời gian và yêu cầu đề ra."
        )
        for line in source.letter.narrative
    )


LINE_PIECES = st.sampled_from(
    [
        "BÁO CÁO",
        "Số: 52/BC-UBND",
        "Sơn Phú, ngày 14 tháng 9 năm 2021",
        "ngày tháng năm",
        "Kính gửi:",
        "I. KẾT QUẢ",
        "1. Cải cách thể chế",
        "Trên đây là báo cáo./.",
        "Nơi nhận:",
        "- Lưu: VT.",
        "TM. ỦY BAN NHÂN DÂN",
        "KT.",
        "CHỦ TỊCH",
        "Phụ lục",
        "(Kèm theo",
        "STT\tChỉ tiêu thống kê\tĐơn vị tính\tSố liệu",
        "1.\tSố hồ sơ\tHồ sơ\t12",
        "ST T\tLĩnh vực\tTổng số\tTrực tuyến",
        "Tổng cộng\t\t3\t1",
        "",
        "     ",
        "\t\t",
    ]
)
LINES = st.lists(LINE_PIECES | st.text(max_size=40), max_size=25)


@given(LINES)
@settings(max_examples=300, deadline=None)
def test_any_text_is_read_as_a_report_or_refused_with_a_message(lines):
    try:
        source = read_report_source("\n".join(lines).encode() or b" ")
    except ImportFileError as error:
        assert error.message
    else:
        assert not source.is_empty
        header = source.letter.header
        assert header.as_data()["date"] is None or header.date is not None


def test_an_annex_pasted_into_word_as_tabbed_lines_is_read_as_the_annex():
    content = docx_bytes(
        "BÁO CÁO",
        "Kết quả cải cách hành chính quý I năm 2024",
        "I. KẾT QUẢ",
        "Nội dung.",
        "Trên đây là báo cáo./.",
        "Phụ lục",
        "STT\tChỉ tiêu thống kê\tĐơn vị tính\tSố liệu\tGhi chú",
        "1.\tSố văn bản chỉ đạo CCHC đã ban hành\tVăn bản\t3\t",
    )
    source = read_report_source(content)
    assert [(row.printed_code, row.value) for row in source.annex.rows] == [("1.", "3")]
    assert source.letter.header.annex_label == "Phụ lục"
    assert source.letter.leftover == []


def test_the_closing_is_the_last_tren_day_la_before_the_signature():
    parts = parse_letter(
        [
            "BÁO CÁO",
            "Kết quả quý I",
            "I. KẾT QUẢ",
            "Trên đây là một số kết quả nổi bật của quý.",
            "II. PHƯƠNG HƯỚNG",
            "Tiếp tục thực hiện.",
            "Trên đây là báo cáo kết quả quý I./.",
            "Nơi nhận:",
            "- Lưu: VT.",
        ]
    )
    assert parts.header.closing == "Trên đây là báo cáo kết quả quý I./."
    assert parts.narrative == [
        "I. KẾT QUẢ",
        "Trên đây là một số kết quả nổi bật của quý.",
        "II. PHƯƠNG HƯỚNG",
        "Tiếp tục thực hiện.",
    ]
