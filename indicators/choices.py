"""The vocabularies of a template (value types, aggregation, kinds and derivations, rule
operators, template status) as plain choices: the models store them and the check engine reads
them, without the engine importing a model."""

from __future__ import annotations

from django.db import models


class TemplateStatus(models.TextChoices):
    DRAFT = "draft", "Bản nháp"
    PUBLISHED = "published", "Đã ban hành"
    ARCHIVED = "archived", "Lưu trữ"


class ValueType(models.TextChoices):
    HEADING = "heading", "Tiêu đề (không nhập)"
    INTEGER = "integer", "Số nguyên"
    DECIMAL = "decimal", "Số thập phân"
    PERCENT = "percent", "Tỷ lệ %"
    CHOICE = "choice", "Lựa chọn theo mã"
    YESNO = "yesno", "Có/Không"
    TEXT = "text", "Văn bản"


NUMERIC_TYPES = {ValueType.INTEGER, ValueType.DECIMAL, ValueType.PERCENT}
CODED_TYPES = {ValueType.CHOICE, ValueType.YESNO}


class Aggregation(models.TextChoices):
    SUM = "sum", "Cộng"
    RATIO = "ratio", "Tính lại tỷ lệ từ số đếm"
    COUNT_YES = "count_yes", "Đếm số “Có”"
    DISTRIBUTION = "distribution", "Phân bố theo mã"
    NONE = "none", "Không tổng hợp"


class IndicatorKind(models.TextChoices):
    """How a row's value comes about from one period to the next: what the official types."""

    FLOW = "flow", "Phát sinh trong kỳ (nhập mới mỗi kỳ)"
    STOCK = "stock", "Số tại thời điểm báo cáo (chuyển từ kỳ trước, xác nhận)"
    STABLE = "stable", "Ít thay đổi (chuyển từ kỳ trước, xác nhận)"
    COMPUTED = "computed", "Tự tính theo công thức"


# Kinds whose value starts from the previous period's, to be confirmed.
CARRIED_KINDS = {IndicatorKind.STOCK, IndicatorKind.STABLE}


class Derivation(models.TextChoices):
    """A value derived from another period's report (to confirm)."""

    NONE = "", "Không"
    CARRY_OVER = "carry_over", "Kỳ trước chuyển qua = chỉ tiêu nguồn của kỳ trước"
    CUMULATIVE = "cumulative", "Lũy kế = lũy kế kỳ trước + chỉ tiêu nguồn của kỳ này"


class MergeRule(models.TextChoices):
    """How a merged unit's first report starts from its predecessors' last reports."""

    SUM = "sum", "Cộng số liệu các đơn vị cũ"
    ALL_YES = "all_yes", "“Có” khi mọi đơn vị cũ đều “Có”"
    ANY_YES = "any_yes", "“Có” khi có đơn vị cũ “Có”"
    MAX = "max", "Lấy số lớn nhất"
    NONE = "none", "Không chuyển sang"


class Operator(models.TextChoices):
    EQ = "==", "="
    NE = "!=", "≠"
    LT = "<", "<"
    LE = "<=", "≤"
    GT = ">", ">"
    GE = ">=", "≥"


class Severity(models.TextChoices):
    ERROR = "error", "Lỗi (chặn gửi báo cáo)"
    WARNING = "warning", "Cảnh báo (cần giải trình)"


class MissingValueStrategy(models.TextChoices):
    SKIP_IF_ANY_MISSING = "skip_if_any_missing", "Bỏ qua khi có ô trống"
    SKIP_IF_ALL_MISSING = "skip_if_all_missing", "Bỏ qua chỉ khi mọi ô đều trống"
    NEVER_SKIP = "never_skip", "Coi ô trống là 0"
