from .assignments import TemplateAssignment
from .indicators import (
    INDICATOR_SETTINGS,
    Aggregation,
    Derivation,
    Indicator,
    IndicatorKind,
    MergeRule,
    ValueType,
)
from .outline import OutlineSection
from .rules import MissingValueStrategy, Operator, Severity, ValidationRule
from .tables import FieldTable, TableColumn, TableRow
from .templates import IndicatorTemplate, TemplateLocked, TemplateStatus

__all__ = [
    "INDICATOR_SETTINGS",
    "Aggregation",
    "Derivation",
    "FieldTable",
    "Indicator",
    "IndicatorKind",
    "IndicatorTemplate",
    "MergeRule",
    "MissingValueStrategy",
    "Operator",
    "OutlineSection",
    "Severity",
    "TableColumn",
    "TableRow",
    "TemplateAssignment",
    "TemplateLocked",
    "TemplateStatus",
    "ValidationRule",
    "ValueType",
]
