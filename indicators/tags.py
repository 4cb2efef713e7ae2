"""The semantic tags of a template's rows and table columns, each with what it means.

A tag says which figure a row (or a column of a table by field) holds, whatever its code in a
province's form, so that every template tagging its rows gets the standard checks
(``indicators.validation``: identities, history, narrative against annex), the "Chèn số liệu"
sentences, the dashboard's key figures and the prefill of pending applications. This is the one
list of them: the row editor offers these and refuses any other, and a template workbook brings
back only these. ``tests/indicators/editor/test_tags.py`` keeps it in step with the tags the
code and the fixtures use.
"""

from __future__ import annotations

from collections.abc import Iterable

TAG_GROUPS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (
        "Hồ sơ thủ tục hành chính",
        (
            ("hs_tiep_nhan", "Tổng số hồ sơ tiếp nhận"),
            ("hs_ky_truoc", "Số hồ sơ kỳ trước chuyển qua"),
            ("hs_truc_tiep", "Số hồ sơ tiếp nhận trực tiếp"),
            ("hs_bcci", "Số hồ sơ tiếp nhận qua dịch vụ bưu chính công ích (BCCI)"),
            ("hs_truc_tuyen", "Số hồ sơ tiếp nhận trực tuyến"),
            ("hs_truc_tuyen_muc_3", "Số hồ sơ tiếp nhận trực tuyến mức độ 3"),
            ("hs_truc_tuyen_muc_4", "Số hồ sơ tiếp nhận trực tuyến mức độ 4"),
            ("hs_giai_quyet", "Tổng số hồ sơ đã giải quyết"),
            ("hs_truoc_han", "Số hồ sơ giải quyết trước hạn"),
            ("hs_dung_han", "Số hồ sơ giải quyết đúng hạn"),
            ("hs_qua_han", "Số hồ sơ giải quyết quá hạn"),
            ("ty_le_hs_dung_han", "Tỷ lệ hồ sơ giải quyết đúng hạn"),
            ("hs_dang_giai_quyet", "Số hồ sơ đang giải quyết"),
            ("hs_dang_trong_han", "Số hồ sơ đang giải quyết, còn trong hạn"),
            ("hs_dang_qua_han", "Số hồ sơ đang giải quyết, đã quá hạn"),
            ("hs_tra_lai", "Số hồ sơ trả lại"),
            ("hs_dung_quy_trinh", "Số hồ sơ giải quyết đúng quy trình nội bộ"),
        ),
    ),
    (
        "Hồ sơ một cửa liên thông",
        (
            ("lt_tiep_nhan", "Tổng số hồ sơ một cửa liên thông"),
            ("lt_truoc_han", "Số hồ sơ một cửa liên thông giải quyết trước hạn"),
            ("lt_dung_han", "Số hồ sơ một cửa liên thông giải quyết đúng hạn"),
            ("lt_qua_han", "Số hồ sơ một cửa liên thông giải quyết quá hạn"),
            ("lt_dang_giai_quyet", "Số hồ sơ một cửa liên thông đang giải quyết"),
        ),
    ),
    (
        "Thủ tục hành chính",
        (
            ("tthc_cong_bo", "Số TTHC được công bố"),
            ("tthc_dang_ap_dung", "Tổng số TTHC đang áp dụng"),
            ("tthc_mot_cua", "Số TTHC thực hiện theo cơ chế một cửa"),
            ("tthc_lien_thong", "Số TTHC thực hiện theo cơ chế một cửa liên thông"),
            ("tthc_lien_thong_cung_cap", "Số TTHC liên thông cùng cấp"),
            ("tthc_lien_thong_cac_cap", "Số TTHC liên thông giữa các cấp chính quyền"),
            ("tthc_truc_tuyen", "Số TTHC cung cấp trực tuyến (mỗi mức độ 3, 4)"),
            ("tthc_truc_tuyen_muc_3", "Số TTHC cung cấp trực tuyến mức độ 3"),
            ("tthc_truc_tuyen_muc_4", "Số TTHC cung cấp trực tuyến mức độ 4"),
            ("tthc_truc_tuyen_tong", "Tổng số TTHC cung cấp trực tuyến mức độ 3 và 4"),
            (
                "tthc_truc_tuyen_tich_hop",
                "Số TTHC mức độ 3, 4 đã tích hợp lên Cổng dịch vụ công",
            ),
        ),
    ),
    (
        "Biên chế",
        (
            ("bien_che_giao", "Số biên chế được giao"),
            ("bien_che_co_mat", "Số biên chế có mặt"),
        ),
    ),
    (
        "Khác",
        (("luy_ke", "Số lũy kế từ đầu năm (không giảm từ kỳ này sang kỳ sau)"),),
    ),
)

KNOWN_TAGS: dict[str, str] = {tag: meaning for _, tags in TAG_GROUPS for tag, meaning in tags}


def tag_label(tag: str) -> str:
    """ "Tổng số hồ sơ tiếp nhận (hs_tiep_nhan)"; a tag outside the list is shown as itself."""
    meaning = KNOWN_TAGS.get(tag)
    return f"{meaning} ({tag})" if meaning else tag


def tag_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """The known tags as grouped choices, each labelled by its meaning and the tag."""
    return [(group, [(tag, tag_label(tag)) for tag, _ in tags]) for group, tags in TAG_GROUPS]


def unknown_tags(tags: Iterable[str]) -> list[str]:
    return [tag for tag in tags if tag not in KNOWN_TAGS]


def known_tags(tags: Iterable) -> list[str]:
    """The tags of the list, in order, without duplicates (what a template file may set)."""
    return [tag for tag in dict.fromkeys(str(tag) for tag in tags) if tag in KNOWN_TAGS]
