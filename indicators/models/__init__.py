from .indicators import Aggregation, Indicator, Prefill, ValueType
from .outline import OutlineSection
from .tables import FieldTable, TableColumn, TableRow
from .templates import IndicatorTemplate, TemplateLocked, TemplateStatus

__all__ = [
    "Aggregation",
    "FieldTable",
    "Indicator",
    "IndicatorTemplate",
    "OutlineSection",
    "Prefill",
    "TableColumn",
    "TableRow",
    "TemplateLocked",
    "TemplateStatus",
    "ValueType",
]
