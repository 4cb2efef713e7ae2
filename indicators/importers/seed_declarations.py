"""What the seeds' annex text cannot tell, declared per seed template: titles, semantic tags for
the checks, kinds, formulas and derivations, breakdowns that are not partitions, the table by
field of Định Hóa, the template's own validation rules, and which seed report files which
template.
``seed_fixtures`` builds the fixtures from these and the seed text."""

from __future__ import annotations

from dataclasses import dataclass, field

from indicators.models import Derivation, IndicatorKind

TEMPLATE_TITLE = "THỐNG KÊ SỐ LIỆU VỀ KẾT QUẢ THỰC HIỆN CÔNG TÁC CẢI CÁCH HÀNH CHÍNH"


@dataclass
class SeedTemplate:
    code: str
    version: int
    year: int
    issuer: str
    annex_label: str
    source: str
    title: str = ""
    archived: bool = False
    tags: dict[str, list[str]] = field(default_factory=dict)
    # Kinds beyond what ``indicators.kinds`` infers from a row; formulas of computed rows
    # beyond the "Trong đó" totals; derivations across periods: code → (derivation, source).
    kinds: dict[str, IndicatorKind] = field(default_factory=dict)
    formulas: dict[str, str] = field(default_factory=dict)
    derivations: dict[str, tuple[Derivation, str]] = field(default_factory=dict)
    not_partitions: set[str] = field(default_factory=set)
    tables: list[dict] = field(default_factory=list)
    rules: list[dict] = field(default_factory=list)
    # Group rows that print a unit but hold no figure of their own (no seed gives them one):
    # headings, which the importer cannot tell from the unit column (``tree``).
    headings: set[str] = field(default_factory=set)

    @property
    def slug(self) -> str:
        return f"{self.code.lower()}-v{self.version}"

    @property
    def full_title(self) -> str:
        return self.title or f"{self.annex_label} — {TEMPLATE_TITLE}"


@dataclass
class SeedReport:
    seed: str
    unit: str
    period: str
    template: SeedTemplate
    annex_source: str | None = None  # a hand-cleaned annex in fixtures/sources/

    @property
    def key(self) -> str:
        return f"{self.unit}-{self.period}"


_HH_TAGS = {
    "3.1.1": ["tthc_cong_bo"],
    "3.1.3": ["tthc_dang_ap_dung"],
    # Hoằng Hóa's 3.2 carries the count of one-stop-interconnected procedures (the narratives
    # say so: "một cửa liên thông 62 thủ tục"), made of 3.2.2 and 3.2.3.
    "3.2": ["tthc_lien_thong"],
    "3.2.1": ["tthc_mot_cua"],
    "3.2.2": ["tthc_lien_thong_cung_cap"],
    "3.2.3": ["tthc_lien_thong_cac_cap"],
    "3.3.1": ["hs_tiep_nhan"],
    "3.3.1.a": ["hs_truc_tiep"],
    "3.3.1.b": ["hs_bcci"],
    "3.3.1.c": ["hs_truc_tuyen", "hs_truc_tuyen_muc_3"],
    "3.3.1.d": ["hs_truc_tuyen", "hs_truc_tuyen_muc_4"],
    "3.3.2": ["hs_dung_han"],
    "4.1": ["bien_che_giao"],
    "4.2": ["bien_che_giao"],
    "4.3": ["bien_che_co_mat"],
    "7.5.1": ["tthc_truc_tuyen"],
    "7.5.2": ["tthc_truc_tuyen"],
}
# "Số liệu về trao đổi văn bản điện tử" above the documents received (7.2.1) and sent (7.2.2).
_HH_HEADINGS = {"7.2"}


def _rule(code: str, left: str, operator: str, right: str, message: str, **options) -> dict:
    return {
        "code": code,
        "left": left,
        "operator": operator,
        "right": right,
        "message": message,
        "severity": options.get("severity", "error"),
        "missing_values": options.get("missing_values", "skip_if_any_missing"),
    }


MSG_TASKS_DONE = "Số nhiệm vụ đã hoàn thành không vượt quá số nhiệm vụ đề ra trong kế hoạch"
MSG_TASKS_ASSIGNED = (
    "Số nhiệm vụ hoàn thành (đúng hạn và quá hạn) không vượt quá số nhiệm vụ được giao"
)
MSG_ISSUES = "Số vấn đề đã xử lý xong không vượt quá số vấn đề phát hiện qua kiểm tra"
MSG_DOCUMENTS = "Số VBQPPL đã xử lý xong không vượt quá số VBQPPL có kiến nghị xử lý"
MSG_PUBLISHED = "Số hồ sơ công khai kết quả không vượt quá số hồ sơ đã tiếp nhận"
MSG_ON_TIME = "Số hồ sơ giải quyết đúng hạn không vượt quá số hồ sơ đã giải quyết xong"
_TASKS_ASSIGNED = _rule(
    "nhiem-vu-duoc-giao",
    "[1.3.2] + [1.3.3]",
    "<=",
    "[1.3.1]",
    MSG_TASKS_ASSIGNED,
    missing_values="skip_if_all_missing",
)
_HH_RULES = [
    _rule("nhiem-vu-ke-hoach", "[1.1.2]", "<=", "[1.1.1]", MSG_TASKS_DONE),
    _TASKS_ASSIGNED,
    _rule("van-de-kiem-tra", "[1.2.3]", "<=", "[1.2.2]", MSG_ISSUES),
    _rule("vbqppl-xu-ly", "[2.5]", "<=", "[2.4]", MSG_DOCUMENTS),
    _rule("cong-khai-ket-qua", "[3.4.2]", "<=", "[3.3.1]", MSG_PUBLISHED, severity="warning"),
]
_STOCK = IndicatorKind.STOCK
_STABLE = IndicatorKind.STABLE


def _kinds(kind: IndicatorKind, codes: str) -> dict[str, IndicatorKind]:
    return dict.fromkeys(codes.split(), kind)


def _ratio(part: str, base: str) -> str:
    """A percentage from its counts, as the forms print it (two decimals)."""
    return f"ROUND([{part}] / [{base}] * 100, 2)"


# Yes/no and coded answers are stable answers by default (``indicators.kinds``). Beyond them:
# the year's plan, the procedures in force and in one-stop, the staff numbers at the report
# date are carried, to confirm; so is the share of documents sent electronically, a level of
# practice that rarely changes from one quarter to the next.
# Hoằng Hóa's group rows carry figures of their own (seed-findings: "1.1 = 01 plan, 3.3 = 3.3.1
# = 729"): the number of plans is a stable answer; the tasks of the year's plan done so far
# are a level. (3.1 is left to type: the seeds give it different meanings, 201 ≠ 3.1.3 = 217
# in one, = 3.1.1 in the other.)
_HH_KINDS = {
    **_kinds(_STABLE, "1.1 1.1.1 3.2.1 3.2.2 3.2.3 3.2.4 3.2.5 3.4.3 7.2.2.a 7.2.2.b"),
    **_kinds(_STOCK, "1.1.2 3.1.3 4.1 4.2 4.3 7.5.1 7.5.2"),
}
# A group row repeats its main count, as both Hoằng Hóa seeds print it (1.3 = 1.3.1, 1.4 =
# 1.4.1, 3.3 = 3.3.1); 3.2, the one-stop-interconnected procedures, is those interconnected
# at the same level and between levels (the checks' identity; the seed's 62 ≠ 2 + 86 is one of
# its findings); the disciplinary figures are the leaders' and the staff's.
_HH_FORMULAS = {
    "1.3": "[1.3.1]",
    "1.4": "[1.4.1]",
    "3.2": "[3.2.2] + [3.2.3]",
    "3.3": "[3.3.1]",
    "5.1": "[5.3] + [5.4]",
}

# Hà Tĩnh's 2B: procedures, units, staff and their shares at the report date; "lũy kế đến thời
# điểm báo cáo" rows (6.x) are levels too.
_HT_KINDS = {
    **_kinds(_STABLE, "1.1.1 7.1.1 7.1.4 7.1.5 7.2.4.1"),
    **_kinds(
        _STOCK,
        "3.1.3.a 3.1.3.b 3.1.3.c 3.2.1 3.2.2 3.2.3 3.3.1 3.3.2 3.3.3 3.3.4 4.1.1 4.1.2.a 4.1.2.b "
        "4.1.2.c 4.2.1 4.2.2 4.2.3 4.2.5 4.3.1 4.3.2 4.3.4 5.1.1 5.1.2 6.1 6.2 6.3 6.4 6.5 "
        "7.1.6.1.a 7.1.6.1.b 7.1.6.1.c 7.1.7.1 7.1.7.2 7.1.7.3 7.1.8.1 7.1.8.2 7.1.9.1 7.2.2.1 "
        "7.2.3.2 7.2.3.4",
    ),
}
# Định Hóa's Phụ lục I prints each rate above the two counts it is made of.
_DH_KINDS = {
    **_kinds(_STABLE, "1.1.a 6.1.a 7.5.2.a 7.5.2.b"),
    **_kinds(
        _STOCK,
        "3.1.3.a 3.1.3.b 3.2.1.a 3.2.1.b 3.2.2.a 3.2.2.b 3.2.3.a 3.2.3.b 3.2.5.a 3.2.5.b 3.3.1 "
        "3.3.2 3.3.3 3.3.4 3.3.5 4.1.1 4.1.5.a 4.1.5.b 4.2.1 4.2.2 4.2.3 4.2.5 4.3.1 4.3.2 4.3.4 "
        "5.1.1 5.1.2 6.2.1 6.2.2 6.2.3 6.2.4.a 6.2.4.b 6.2.4.c 6.2.5 6.2.6 7.5.1 7.6.1 7.6.2",
    ),
}
_DH_FORMULAS = {
    code: _ratio(f"{code}.b", f"{code}.a")
    for code in [
        "1.1",
        "1.2.3",
        "2.4",
        "3.2.1",
        "3.2.2",
        "3.2.3",
        "3.2.4",
        "3.2.5",
        "3.4.1",
        "3.4.2",
        "6.1",
    ]
}
_AL_KINDS = {
    **_kinds(_STABLE, "1.1.1 7.4.2.a 7.4.2.b"),
    **_kinds(
        _STOCK,
        "3.1.3 3.2.1 3.2.2 3.2.3 3.2.4 3.4.1 3.4.2 3.4.3 4.2.1 4.2.2 4.2.3 4.2.5 5.1.1 7.5.1 7.5.2",
    ),
}

HH_2022 = SeedTemplate(
    code="HH-01b",
    version=1,
    year=2022,
    issuer="399",
    annex_label="Phụ lục 01b",
    source="seed 002_73710f8e72a7a789.txt (UBND huyện Hoằng Hóa, 2022)",
    archived=True,
    tags=_HH_TAGS,
    kinds=_HH_KINDS,
    formulas=_HH_FORMULAS,
    rules=_HH_RULES,
    headings=_HH_HEADINGS,
)
HH_2024 = SeedTemplate(
    code="HH-01b",
    version=2,
    year=2024,
    issuer="399",
    annex_label="Phụ lục 01b",
    source="seed 000_786d473fb2e4928a.txt (UBND huyện Hoằng Hóa, 2024)",
    tags=_HH_TAGS,
    kinds=_HH_KINDS,
    formulas=_HH_FORMULAS,
    rules=_HH_RULES,
    headings=_HH_HEADINGS,
)
HT_2B = SeedTemplate(
    code="HT-2B",
    version=1,
    year=2021,
    issuer="42",
    annex_label="Phụ lục 2B",
    source="seed 001_9c1b2be0e2b3796f.txt (tỉnh Hà Tĩnh, 2021)",
    tags={
        "3.1.3": ["tthc_dang_ap_dung"],
        "3.2.2": ["tthc_truc_tuyen_tich_hop"],
        "3.3.1": ["tthc_lien_thong_cung_cap"],
        "3.3.2": ["tthc_lien_thong_cac_cap"],
        "4.2.1": ["bien_che_giao"],
        "4.2.2": ["bien_che_co_mat"],
        "7.1.8.1": ["tthc_truc_tuyen", "tthc_truc_tuyen_muc_3"],
        "7.1.8.2": ["tthc_truc_tuyen", "tthc_truc_tuyen_muc_4"],
        "7.2.5.1": ["hs_dung_quy_trinh"],
    },
    kinds=_HT_KINDS,
    formulas={"4.1.2": "[4.1.2.a] + [4.1.2.b]"},
    rules=[
        _rule("nhiem-vu-ke-hoach", "[1.1.2]", "<=", "[1.1.1]", MSG_TASKS_DONE),
        _TASKS_ASSIGNED,
        # 2B prints these as 1.1.3 and 1.1.4 a second time: renumbered under 1.2 on import.
        _rule("van-de-kiem-tra", "[1.2.4]", "<=", "[1.2.3]", MSG_ISSUES),
        _rule("vbqppl-xu-ly", "[2.5]", "<=", "[2.4]", MSG_DOCUMENTS),
    ],
    # "Kiểm tra CCHC" above its four counts, printed with the unit "Văn bản" (a heading in
    # the other templates).
    headings={"1.2"},
)
DH_TTHC_COLUMNS = [
    ("received", "Tổng số", "Số hồ sơ nhận giải quyết", ["hs_tiep_nhan"]),
    (
        "received_online",
        "Số mới tiếp nhận trực tuyến",
        "Số hồ sơ nhận giải quyết / Trong đó",
        ["hs_truc_tuyen"],
    ),
    (
        "carried_over",
        "Số kỳ trước chuyển qua",
        "Số hồ sơ nhận giải quyết / Trong đó",
        ["hs_ky_truoc"],
    ),
    (
        "received_direct",
        "Số mới tiếp nhận (Trực tiếp hoặc dịch vụ bưu chính)",
        "Số hồ sơ nhận giải quyết / Trong đó",
        ["hs_truc_tiep"],
    ),
    (
        "resolved",
        "Tổng số",
        "Kết quả giải quyết theo cơ chế một cửa / Số hồ sơ đã giải quyết",
        ["hs_giai_quyet"],
    ),
    (
        "resolved_early",
        "Trả trước thời hạn",
        "Kết quả giải quyết theo cơ chế một cửa / Số hồ sơ đã giải quyết",
        ["hs_truoc_han"],
    ),
    (
        "resolved_on_time",
        "Trả đúng thời hạn",
        "Kết quả giải quyết theo cơ chế một cửa / Số hồ sơ đã giải quyết",
        ["hs_dung_han"],
    ),
    (
        "pending",
        "Số hồ sơ đang giải quyết",
        "Kết quả giải quyết theo cơ chế một cửa",
        ["hs_dang_giai_quyet"],
    ),
    ("lt_total", "Tổng số", "Số hồ sơ giải quyết theo cơ chế một cửa liên thông", ["lt_tiep_nhan"]),
    (
        "lt_early",
        "Đúng trước thời hạn",
        "Số hồ sơ giải quyết theo cơ chế một cửa liên thông / Đã giải quyết",
        ["lt_truoc_han"],
    ),
    (
        "lt_on_time",
        "Đúng thời hạn",
        "Số hồ sơ giải quyết theo cơ chế một cửa liên thông / Đã giải quyết",
        ["lt_dung_han"],
    ),
    (
        "lt_pending",
        "Đang giải quyết",
        "Số hồ sơ giải quyết theo cơ chế một cửa liên thông",
        ["lt_dang_giai_quyet"],
    ),
]
DH_PL_I = SeedTemplate(
    code="DH-PL-I",
    version=1,
    year=2024,
    issuer="167",
    annex_label="Phụ lục số I",
    title="Phụ lục số I — BÁO CÁO CÔNG TÁC CẢI CÁCH HÀNH CHÍNH HÀNG QUÝ",
    source="seed 003_aa0afa9b4b178e83.txt (UBND huyện Định Hóa, 2024)",
    tags={
        "3.1.3": ["tthc_dang_ap_dung"],
        "3.3.1": ["tthc_lien_thong_cung_cap"],
        "3.3.2": ["tthc_lien_thong_cac_cap"],
        "3.4.2.a": ["hs_giai_quyet"],
        "3.4.2.b": ["hs_dung_han"],
        "4.2.1": ["bien_che_giao"],
        "4.2.2": ["bien_che_co_mat"],
    },
    kinds=_DH_KINDS,
    formulas=_DH_FORMULAS,
    # The disciplined leaders are some of the disciplined staff, not a partition of them.
    not_partitions={"5.4"},
    rules=[
        _rule("nhiem-vu-ke-hoach", "[1.1.b]", "<=", "[1.1.a]", MSG_TASKS_DONE),
        _TASKS_ASSIGNED,
        _rule("van-de-kiem-tra", "[1.2.3.b]", "<=", "[1.2.3.a]", MSG_ISSUES),
        _rule("vbqppl-xu-ly", "[2.4.b]", "<=", "[2.4.a]", MSG_DOCUMENTS),
        _rule("dung-han-cap-huyen", "[3.4.1.b]", "<=", "[3.4.1.a]", MSG_ON_TIME),
    ],
    tables=[
        {
            "code": "tthc",
            "title": "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT TTHC TẠI CƠ QUAN, ĐƠN VỊ TRỰC TIẾP GIẢI "
            "QUYẾT TTHC",
            "subtitle": "(Quý/năm)",
            "columns": DH_TTHC_COLUMNS,
        }
    ],
)
AL_PL = SeedTemplate(
    code="AL-PL",
    version=1,
    year=2021,
    issuer="481",
    annex_label="Phụ lục",
    source="seed 004_85dfaf04df502ccb.txt (UBND huyện A Lưới, 2021)",
    tags={
        "3.1.3": ["tthc_dang_ap_dung"],
        "3.2": ["tthc_lien_thong"],
        "3.2.1": ["tthc_lien_thong_cung_cap"],
        "3.2.2": ["tthc_lien_thong_cac_cap"],
        "3.3.2": ["ty_le_hs_dung_han"],
        "3.4.2": ["tthc_truc_tuyen_tong"],
        "4.2.1": ["bien_che_giao"],
        "4.2.2": ["bien_che_co_mat"],
        "7.5.1": ["tthc_truc_tuyen", "tthc_truc_tuyen_muc_3"],
        "7.5.2": ["tthc_truc_tuyen", "tthc_truc_tuyen_muc_4"],
    },
    kinds=_AL_KINDS,
    rules=[
        _rule("nhiem-vu-ke-hoach", "[1.1.2]", "<=", "[1.1.1]", MSG_TASKS_DONE),
        _TASKS_ASSIGNED,
        _rule("van-de-kiem-tra", "[1.2.4]", "<=", "[1.2.3]", MSG_ISSUES),
        _rule("vbqppl-xu-ly", "[2.5]", "<=", "[2.4]", MSG_DOCUMENTS),
    ],
)

SEED_TEMPLATES = [HH_2022, HH_2024, HT_2B, DH_PL_I, AL_PL]
SEED_REPORTS = [
    SeedReport("000_786d473fb2e4928a.txt", "15889", "2024Q3", HH_2024),
    SeedReport("001_9c1b2be0e2b3796f.txt", "18217", "2021Q3", HT_2B),
    SeedReport(
        "002_73710f8e72a7a789.txt", "15886", "2022Q1", HH_2022, annex_source="002_annex.tsv"
    ),
    SeedReport("003_aa0afa9b4b178e83.txt", "5605", "2024Q1", DH_PL_I),
    SeedReport("004_85dfaf04df502ccb.txt", "20071", "2021H1", AL_PL),
]
