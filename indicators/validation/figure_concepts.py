"""What a figure counts and at which level: the vocabulary of the figure reader. The concepts
of an application (hồ sơ) figure (received, new, carried over, due, resolved, early, on time,
late, pending, returned, the channels …) and their Vietnamese labels, the administrative levels
(tỉnh / huyện / xã, or the whole area), the kinds of things counted and the units that name
them; the folded words that name each, and ``concept_of`` / ``level_in``, which tell the
concept or the level that folded words name.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Concepts of an application (hồ sơ) figure ------------------------------------------------

RECEIVED = "received"  # tiếp nhận (may or may not include the files carried over)
NEW = "new"  # mới tiếp nhận, nhận mới
CARRIED = "carried"  # kỳ trước chuyển qua
TOTAL = "total"  # yêu cầu giải quyết, lũy kế đã và đang giải quyết: new + carried over
DUE = "due"  # đến hạn giải quyết (Vĩnh Phúc's base of rates)
RESOLVED = "resolved"
EARLY = "early"
ON_TIME = "on_time"
EARLY_ON_TIME = "early_on_time"  # "đúng và trước hạn": one bucket
LATE = "late"
PENDING = "pending"
NOT_DUE = "not_due"  # pending, still within time
RETURNED = "returned"  # returned, withdrawn, cancelled, asked to complete
ONLINE = "online"
DIRECT = "direct"
POSTAL = "postal"
DIRECT_POSTAL = "direct_postal"

CONCEPT_LABELS = {
    RECEIVED: "tiếp nhận",
    NEW: "mới tiếp nhận",
    CARRIED: "kỳ trước chuyển qua",
    TOTAL: "tổng số phải giải quyết",
    DUE: "đến hạn",
    RESOLVED: "đã giải quyết",
    EARLY: "trước hạn",
    ON_TIME: "đúng hạn",
    EARLY_ON_TIME: "đúng và trước hạn",
    LATE: "quá hạn",
    PENDING: "đang giải quyết",
    NOT_DUE: "chưa đến hạn",
    RETURNED: "trả lại/rút",
    ONLINE: "trực tuyến",
    DIRECT: "trực tiếp",
    POSTAL: "bưu chính",
    DIRECT_POSTAL: "trực tiếp và bưu chính",
}

# Administrative levels.
PROVINCE = "tinh"
DISTRICT = "huyen"
COMMUNE = "xa"
WHOLE = "toan"  # the whole area: "toàn tỉnh", "trên địa bàn huyện"
LEVEL_LABELS = {PROVINCE: "cấp tỉnh", DISTRICT: "cấp huyện", COMMUNE: "cấp xã", WHOLE: "toàn bộ"}

# Kinds of things counted.
APPLICATIONS = "hs"
PEOPLE = "nguoi"
PROCEDURES = "tthc"
HOUSEHOLDS = "ho"
MONEY = "dong"

_UNITS: list[tuple[str, str]] = [
    (r"bo ho so|ho so|hs\b|bo\b", APPLICATIONS),
    (r"thu tuc hanh chinh|thu tuc|tthc\b", PROCEDURES),
    (
        r"dong chi|d/c\b|nguoi\b|vi dai bieu|vi\b|dai bieu|can bo giao vien|can bo|cong chuc"
        r"|giao vien|nhan vien|khau\b|lao dong|cb\b|cc\b|cap uy vien|dang vien",
        PEOPLE,
    ),
    (r"ho\b", HOUSEHOLDS),
    (r"ty dong|trieu dong|nghin dong|ngan dong|dong\b", MONEY),
    (
        r"phan anh|kien nghi|luot|diem\b|don vi|chi tieu|dan toc|truong\b|lop\b|hoc sinh|thon"
        r"|ha\b|km\b|tan\b|con\b|van ban|tin\b|bai\b|phieu\b|quyet dinh|cong trinh|mo hinh"
        r"|tram\b|giuong|cum loa|linh vuc|co quan|ke hoach|nhiem vu|vu viec|cuoc\b|lan\b",
        "",
    ),
]
UNIT_RE = [(re.compile(r"\s*(" + pattern + r")"), kind) for pattern, kind in _UNITS]

# Concept patterns (folded words), most specific first.
_CONCEPTS: list[tuple[str, str]] = [
    (
        CARRIED,
        r"ky truoc chuyen|tu ky truoc|ton ky truoc|chuyen (qua|sang) tu|tu truoc chuyen"
        r"|ton tu nam|nam truoc chuyen|ky truoc|ton dong",
    ),
    (NEW, r"tiep nhan moi|moi tiep nhan|nhan moi|phat sinh moi"),
    (TOTAL, r"yeu cau giai quyet|luy ke da va dang|phai (xem xet )?giai quyet|can giai quyet"),
    (DUE, r"(?<!chua )den han( giai quyet)?\b"),
    (
        RETURNED,
        r"tra lai|rut ho so|de nghi rut|\bhuy\b|yeu cau bo sung|khong du dieu kien"
        r"|khong hop le",
    ),
    (
        PENDING,
        r"dang (duoc )?(giai quyet|xu ly|trong thoi han)|chua giai quyet xong"
        r"|con lai dang",
    ),
    (
        EARLY_ON_TIME,
        r"(truoc|som)( thoi)?( han| hen)?\s*(,|va|hoac)\s*(dung)"
        r"|dung( thoi)?( han| hen)?\s*(,|va|hoac)\s*(truoc|som)",
    ),
    (EARLY, r"(truoc|som) (thoi )?(han|hen)"),
    (
        LATE,
        r"qua (thoi )?(han|hen)|tre (han|hen)|cham (han|hen|tra)|khong dung (thoi )?han"
        r"|tre\b",
    ),
    (ON_TIME, r"dung (thoi )?(han|hen)"),
    (NOT_DUE, r"chua den han|(con )?trong (thoi )?han"),
    (
        RESOLVED,
        r"(da|duoc) (duoc )?(giai quyet|xu ly)|giai quyet (xong|duoc)|tra ket qua"
        r"|co ket qua|giai quyet\s*(la|duoc)?\s*:?\s*$|^\s*giai quyet\b",
    ),
    (DIRECT_POSTAL, r"truc tiep (va|hoac) (qua )?(dich vu )?buu chinh"),
    (ONLINE, r"truc tuyen"),
    (POSTAL, r"buu chinh|bcci"),
    (DIRECT, r"truc tiep"),
    (RECEIVED, r"tiep nhan|nhan duoc|da nhan\b"),
]
_CONCEPT_RE = [(concept, re.compile(pattern)) for concept, pattern in _CONCEPTS]
_NOT_RESOLVED = re.compile(r"tham quyen giai quyet|thong tin giai quyet|giai quyet (tthc|thu tuc)")

_LEVELS: list[tuple[str, str]] = [
    (
        PROVINCE,
        r"cap tinh|cac so\b|so, ban,? nganh|so, nganh|ban, nganh"
        r"|(trung tam|tt) (phuc vu )?hanh chinh cong (cua )?tinh\b",
    ),
    (
        DISTRICT,
        r"cap huyen|(trung tam|tt) (phuc vu )?hanh chinh cong (cua )?(huyen|quan|thi xa)\b"
        r"|ubnd (cac )?(huyen|quan|thi xa)|huyen, (thanh pho|thi xa)"
        r"|ubnd (tp|thanh pho)\b|mot cua ubnd thanh pho|ubnd thanh pho",
    ),
    (COMMUNE, r"cap xa|cac xa|phuong, xa|xa, phuong|cac phuong|xa, thi tran"),
]
_LEVEL_RE = [(level, re.compile(pattern)) for level, pattern in _LEVELS]
WHOLE_AREA = re.compile(
    r"toan (tinh|huyen|thanh pho|quan|thi xa)|tren dia ban (tinh|huyen|thanh pho)"
    r"|\b(3|ba) cap\b|\b(2|hai) cap\b"
)
WHOLE_AREA_SPAN = re.compile(r"\b(3|ba) cap\b|(2|hai) cap (huyen|tinh)")


_TIMED = {EARLY, ON_TIME, EARLY_ON_TIME, LATE}


def concept_of(words: str) -> str | None:
    """What folded words say a figure counts: a timing (a subset of the resolved files) wins;
    otherwise the concept named closest to the figure (the end of the words)."""
    if not words:
        return None
    found: list[tuple[int, int, str]] = []
    for rank, (concept, pattern) in enumerate(_CONCEPT_RE):
        for match in pattern.finditer(words):
            if concept == RESOLVED and _NOT_RESOLVED.search(words):
                continue
            found.append((match.end(), -rank, concept))
    if not found:
        return None
    specific = [item for item in found if item[2] not in (RESOLVED, RECEIVED)]
    if specific:
        return max(specific, key=lambda item: item[1])[2]
    return max(found)[2]


MIXED = "mixed"


@lru_cache(maxsize=16384)
def level_in(words: str) -> str | None:
    """The last level named in ``words``; MIXED when two levels are named together ("cấp
    huyện, cấp xã")."""
    found: list[tuple[int, int, str]] = []
    for level, pattern in _LEVEL_RE:
        for match in pattern.finditer(words):
            found.append((match.start(), match.end(), level))
    if not found:
        return None
    found.sort()
    start, _, level = found[-1]
    for _, other_end, other in found[:-1]:
        if (
            other != level
            and start - other_end <= 6
            and re.fullmatch(r"[\s,]*(va)?[\s,]*", words[other_end:start])
        ):
            return MIXED
    return level
