"""Commune staff upload a filled annex into their own draft: preview, then confirm."""

from __future__ import annotations

import io
import time

import pytest
from django.urls import reverse

from indicators.importers.files import MAX_UPLOAD_BYTES
from reports.models import Report, ReportingPeriod, ReportStatus, User
from reports.report_json import report_as_dict
from reports.services.start import report_start
from reports.views.imports import SESSION_PREFIX
from tests.seed_imports import SEEDS, large_docx, large_xlsx, to_tcvn3

HOANG_KIM = SEEDS[0]


@pytest.fixture
def draft(clerk) -> Report:
    """Hoằng Kim's report of quý IV/2024, just started (with figures carried over)."""
    period = ReportingPeriod.objects.by_key("2024Q4")
    return report_start(unit=clerk.unit, period=period, user=clerk)


@pytest.fixture
def clerk_client(client, clerk):
    client.force_login(clerk)
    return client


def _upload(client, report: Report, content: bytes | None = None, name: str = "phu-luc.txt"):
    upload = io.BytesIO(HOANG_KIM.path.read_bytes() if content is None else content)
    upload.name = name
    return client.post(reverse("imports:upload", args=[report.pk]), {"file": upload})


def _values(report: Report) -> dict[str, str]:
    return report_as_dict(report)["values"]


def test_anonymous_users_are_sent_to_the_login_page(client, draft):
    for url in (
        reverse("imports:index"),
        reverse("imports:upload", args=[draft.pk]),
        reverse("imports:confirm", args=[draft.pk]),
    ):
        response = client.post(url) if "xac-nhan" in url else client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("username", ["hoangquy", "sonphu"])
def test_another_commune_gets_404_on_this_communes_report(client, draft, username):
    client.force_login(User.objects.get(username=username))
    assert client.get(reverse("imports:upload", args=[draft.pk])).status_code == 404
    assert _upload(client, draft).status_code == 404
    assert client.post(reverse("imports:confirm", args=[draft.pk])).status_code == 404


def test_the_district_reviewer_sees_the_report_but_cannot_import_into_it(client, draft, reviewer):
    client.force_login(reviewer)
    assert client.get(reverse("imports:upload", args=[draft.pk])).status_code == 403


def test_commune_staff_get_403_on_the_template_pages(clerk_client):
    assert clerk_client.get(reverse("template_admin:import")).status_code == 403


def test_the_index_lists_the_communes_reports_and_which_take_an_import(clerk_client, draft):
    page = clerk_client.get(reverse("imports:index")).content.decode()
    assert reverse("imports:upload", args=[draft.pk]) in page
    assert "Không nhập được" in page  # the approved quý III report


def test_the_preview_shows_the_matched_rows_and_writes_nothing(clerk_client, draft):
    before = _values(draft)
    response = _upload(clerk_client, draft)
    assert response.status_code == 200
    page = response.content.decode()
    assert "<strong>77</strong> dòng khớp với mẫu" in page
    assert "<strong>0</strong> dòng không khớp" in page
    assert _values(draft) == before


def test_confirming_writes_the_files_values_into_the_draft(clerk_client, draft, seed_report):
    _upload(clerk_client, draft)
    token = clerk_client.session[SESSION_PREFIX + str(draft.pk)]["token"]
    response = clerk_client.post(reverse("imports:confirm", args=[draft.pk]), {"token": token})
    assert response["Location"] == reverse("reports:report", args=[draft.pk])
    draft.refresh_from_db()
    assert draft.status == ReportStatus.DRAFT
    assert _values(draft) == _values(seed_report(HOANG_KIM.key))
    assert not draft.values.filter(prefilled=True).exists()
    sections = {s.outline.heading: s.text for s in draft.sections.select_related("outline")}
    assert sections["4. Về cải cách công vụ"].startswith("- Công tác đào tạo bồi dưỡng")


def test_an_exported_xlsx_of_the_seed_report_imports_through_the_page(
    clerk_client, draft, seed_report
):
    from reports.exports import render_report

    original = seed_report(HOANG_KIM.key)
    _upload(clerk_client, draft, render_report(original, "xlsx"), "phu-luc.xlsx")
    token = clerk_client.session[SESSION_PREFIX + str(draft.pk)]["token"]
    clerk_client.post(reverse("imports:confirm", args=[draft.pk]), {"token": token})
    assert _values(draft) == _values(original)


def test_a_report_changed_after_the_preview_is_not_overwritten(clerk_client, draft):
    _upload(clerk_client, draft)
    token = clerk_client.session[SESSION_PREFIX + str(draft.pk)]["token"]
    Report.objects.filter(pk=draft.pk).update(version=draft.version + 1)
    before = _values(draft)
    response = clerk_client.post(
        reverse("imports:confirm", args=[draft.pk]), {"token": token}, follow=True
    )
    assert "Báo cáo đã có thay đổi từ lúc xem trước" in response.content.decode()
    assert _values(draft) == before


def test_a_confirmation_without_its_preview_writes_nothing(clerk_client, draft):
    before = _values(draft)
    response = clerk_client.post(
        reverse("imports:confirm", args=[draft.pk]), {"token": "gia-mao"}, follow=True
    )
    assert "Bản xem trước đã hết hạn" in response.content.decode()
    assert _values(draft) == before


def test_cancelling_the_preview_writes_nothing(clerk_client, draft):
    before = _values(draft)
    _upload(clerk_client, draft)
    token = clerk_client.session[SESSION_PREFIX + str(draft.pk)]["token"]
    clerk_client.post(reverse("imports:confirm", args=[draft.pk]), {"token": token, "cancel": "1"})
    assert _values(draft) == before


def test_a_submitted_report_is_refused_with_a_message(clerk_client, draft):
    Report.objects.filter(pk=draft.pk).update(status=ReportStatus.SUBMITTED)
    response = clerk_client.get(reverse("imports:upload", args=[draft.pk]))
    assert response.status_code == 409
    assert "đang ở trạng thái “Đã gửi”: không ghi đè" in response.content.decode()


def test_the_approved_seed_report_is_refused(clerk_client, seed_report):
    response = _upload(clerk_client, seed_report(HOANG_KIM.key))
    assert response.status_code == 409
    assert "Đã duyệt" in response.content.decode()


def test_a_submission_between_preview_and_confirmation_is_refused(clerk_client, draft):
    _upload(clerk_client, draft)
    token = clerk_client.session[SESSION_PREFIX + str(draft.pk)]["token"]
    before = _values(draft)
    Report.objects.filter(pk=draft.pk).update(status=ReportStatus.SUBMITTED)
    response = clerk_client.post(reverse("imports:confirm", args=[draft.pk]), {"token": token})
    assert response.status_code == 403
    assert _values(draft) == before


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"", "phu-luc.txt", "Tệp rỗng: không có gì để nhập."),
        (b"PK\x03\x04 broken", "phu-luc.docx", "Tệp bị hỏng"),
        ("Kính gửi UBND huyện".encode(), "thu.txt", "Không tìm thấy bảng phụ lục"),
    ],
)
def test_a_bad_file_is_explained_on_the_form_and_nothing_is_written(
    clerk_client, draft, content, name, message
):
    before = _values(draft)
    response = _upload(clerk_client, draft, content, name)
    assert response.status_code == 422
    assert message in response.content.decode()
    assert _values(draft) == before


def _timed_upload(client, report: Report, content: bytes, name: str):
    start = time.perf_counter()
    response = _upload(client, report, content, name)
    return response, time.perf_counter() - start


@pytest.mark.parametrize("declared", [True, False], ids=["size-declared", "size-not-declared"])
def test_a_70000_row_workbook_is_refused_within_seconds_and_nothing_is_written(
    clerk_client, draft, declared
):
    content = large_xlsx(70_000, columns=10, declared=declared)
    assert len(content) < MAX_UPLOAD_BYTES
    before = _values(draft)
    response, seconds = _timed_upload(clerk_client, draft, content, "phu-luc.xlsx")
    print(f"70.000-row workbook ({'declared' if declared else 'undeclared'}): {seconds:.2f} s")
    assert seconds < 5
    assert response.status_code == 422
    page = response.content.decode()
    if declared:
        assert "Tệp có hơn 2.000 dòng: phụ lục chỉ có vài trăm dòng" in page
    else:
        assert "Nội dung tệp giải nén ra 23,2 MB, quá giới hạn 8 MB của một phụ lục" in page
    assert _values(draft) == before
    assert SESSION_PREFIX + str(draft.pk) not in clerk_client.session


def test_a_10000_row_word_document_is_refused_within_seconds_and_nothing_is_written(
    clerk_client, draft
):
    before = _values(draft)
    response, seconds = _timed_upload(clerk_client, draft, large_docx(10_000), "phu-luc.docx")
    print(f"10.000-row Word document: {seconds:.2f} s")
    assert seconds < 5
    assert response.status_code == 422
    assert "Bảng trong tệp có hơn 3.000 dòng: phụ lục chỉ có vài trăm dòng" in (
        response.content.decode()
    )
    assert _values(draft) == before
    assert SESSION_PREFIX + str(draft.pk) not in clerk_client.session


def test_a_file_at_the_row_bound_is_previewed_within_seconds(clerk_client, draft):
    """2.000 rows, none of them the template's: each is still compared with every row."""
    lines = ["STT\tChỉ tiêu thống kê\tĐơn vị tính\tSố liệu\tGhi chú"]
    lines += [f"{n}\tChỉ tiêu số {n} về một việc khác\tHồ sơ\t{n}\t" for n in range(1, 2_000)]
    content = "\n".join(lines).encode()
    response, seconds = _timed_upload(clerk_client, draft, content, "phu-luc.txt")
    print(f"1.999-row text file, previewed: {seconds:.2f} s")
    assert seconds < 5
    assert response.status_code == 200
    assert "<strong>0</strong> dòng khớp với mẫu" in response.content.decode()


def test_an_annex_typed_in_tcvn3_is_read_and_the_conversion_said(clerk_client, draft):
    """It used to be refused with "Không tìm thấy bảng phụ lục" and no word about the encoding."""
    text = HOANG_KIM.path.read_text(encoding="utf-8")
    content = to_tcvn3(text).encode("latin-1", errors="replace")
    before = _values(draft)
    response = _upload(clerk_client, draft, content, "phu-luc-abc.txt")
    assert response.status_code == 200
    page = response.content.decode()
    assert "chữ bảng mã TCVN3 (ABC) đã được chuyển sang Unicode" in page
    assert "<strong>77</strong> dòng khớp với mẫu" in page
    assert "<strong>0</strong> dòng không khớp" in page
    assert _values(draft) == before


def test_a_tcvn3_file_without_an_annex_is_refused_naming_the_encoding(clerk_client, draft):
    content = to_tcvn3("Kính gửi: Uỷ ban nhân dân huyện Hoằng Hóa\nBáo cáo quý 4.\n")
    response = _upload(clerk_client, draft, content.encode("latin-1"), "thu.txt")
    assert response.status_code == 422
    assert "Tệp dùng bảng mã TCVN3 (ABC): hãy chuyển sang Unicode bằng Unikey" in (
        response.content.decode()
    )


def test_a_figure_beyond_the_bound_is_listed_with_its_message_and_the_rest_imports(
    client, clerk, reviewer, draft
):
    """One bound for every figure (core.numbers): a file's 17-digit cell is never stored,
    whatever else the file brings is."""
    from openpyxl import Workbook

    from tests.readers import read_everywhere

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["STT", "Chỉ tiêu thống kê", "Đơn vị tính", "Số liệu", "Ghi chú"])
    sheet.append(["3", "Cải cách thủ tục hành chính"])
    sheet.append(["3.3.1", "Số lượng hồ sơ đã tiếp nhận", "Số lượng hồ sơ", 10**16])
    sheet.append(["Trong đó", "Tiếp nhận trực tiếp", "Số lượng hồ sơ", 10])
    sheet.append([None, "Tiếp nhận qua BCCI", None, "١٢"])
    sheet.append([None, "Tiếp nhận trực tuyến một phần", None, "１２"])
    sheet.merge_cells("A4:A6")
    out = io.BytesIO()
    workbook.save(out)
    client.force_login(clerk)
    page = _upload(client, draft, out.getvalue(), "phu-luc.xlsx").content.decode()
    unmatched = page.split('id="unmatched"')[1].split("</ul>")[0]
    assert "Số quá lớn: “10.000.000.000.000.000”" in unmatched
    assert "Tiếp nhận qua BCCI" in unmatched
    token = client.session[SESSION_PREFIX + str(draft.pk)]["token"]
    client.post(reverse("imports:confirm", args=[draft.pk]), {"token": token})
    values = _values(draft)
    assert values["3.3.1.a"] == "10"
    assert values["3.3.1.c"] == "12"
    assert "3.3.1.b" not in values
    assert values.get("3.3.1") != "10000000000000000"
    read_everywhere(client, draft, clerk, reviewer)


def _upload_report(client, report: Report, content: bytes, name: str = "bao-cao.docx"):
    upload = io.BytesIO(content)
    upload.name = name
    return client.post(
        reverse("imports:upload", args=[report.pk]), {"file": upload, "kind": "report"}
    )


def test_the_upload_page_offers_the_whole_word_report(clerk_client, draft):
    page = clerk_client.get(reverse("imports:upload", args=[draft.pk])).content.decode()
    assert 'value="report"' in page
    assert "Cả báo cáo Word" in page


def test_a_word_report_is_previewed_part_by_part_and_nothing_is_written(
    clerk_client, draft, seed_report
):
    from reports.exports import render_report

    before = (_values(draft), draft.summary, draft.version)
    content = render_report(seed_report(HOANG_KIM.key), "docx")
    response = _upload_report(clerk_client, draft, content)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Xem trước báo cáo: bao-cao.docx" in page
    assert "<strong>18</strong> mục nội dung theo đề cương" in page
    assert "<strong>77</strong> dòng phụ lục khớp với mẫu" in page
    assert "<strong>0</strong> phần còn lại không nhập" in page
    assert "Lê Như Đông" in page  # the signer, from the file
    assert "V. PHƯƠNG HƯỚNG, NHIỆM VỤ TRỌNG TÂM KỲ TỚI ← “V. PHƯƠNG HƯỚNG" in page
    draft.refresh_from_db()
    assert (_values(draft), draft.summary, draft.version) == before


def test_confirming_a_word_report_fills_the_draft_header_sections_and_values(
    clerk_client, draft, seed_report
):
    from reports.exports import render_report

    original = seed_report(HOANG_KIM.key)
    _upload_report(clerk_client, draft, render_report(original, "docx"))
    pending = clerk_client.session[SESSION_PREFIX + str(draft.pk)]
    assert pending["kind"] == "report"
    response = clerk_client.post(
        reverse("imports:confirm", args=[draft.pk]), {"token": pending["token"]}, follow=True
    )
    assert "phần đầu, cuối văn bản" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == ReportStatus.DRAFT
    assert _values(draft) == _values(original)
    assert (draft.summary, draft.signer_name) == (original.summary, original.signer_name)
    texts = {s.outline_id: s.text for s in draft.sections.all() if s.text}
    assert texts == {s.outline_id: s.text for s in original.sections.all() if s.text}


def test_what_a_pasted_report_leaves_over_is_shown(clerk_client, draft):
    text = "\n".join(
        [
            "BÁO CÁO",
            "Kết quả cải cách hành chính quý IV năm 2024",
            "VII. MỤC KHÔNG CÓ TRONG ĐỀ CƯƠNG",
            "Nội dung lạc đề.",
            "III. KHÓ KHĂN VƯỚNG MẮC:",
            "Thiếu máy tính.",
        ]
    )
    response = _upload_report(clerk_client, draft, text.encode(), "bao-cao.txt")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Còn lại, sẽ không được nhập" in page
    assert "VII. MỤC KHÔNG CÓ TRONG ĐỀ CƯƠNG (2 dòng chưa thuộc mục nào của đề cương)" in page
    assert "Tệp không có bảng phụ lục" in page


def test_a_file_with_nothing_of_a_report_is_explained_on_the_form(clerk_client, draft):
    response = _upload_report(clerk_client, draft, "Kính mời dự họp.".encode(), "thu.txt")
    assert response.status_code == 422
    assert "Không tìm thấy nội dung báo cáo trong tệp" in response.content.decode()
    assert SESSION_PREFIX + str(draft.pk) not in clerk_client.session
