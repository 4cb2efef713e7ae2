"""The vocabularies of a template (value types, aggregation, prefill, rule operators, template
status) as plain choices: the models store them and the check engine reads them, without the
engine importing a model."""

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


class Prefill(models.TextChoices):
    NONE = "", "Không"
    LAST_VALUE = "last_value", "Giá trị kỳ trước"
    PREVIOUS_PENDING = "previous_pending", "Hồ sơ đang giải quyết kỳ trước"


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
