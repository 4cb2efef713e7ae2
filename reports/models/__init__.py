from .periods import ReportingPeriod
from .reports import (
    IndicatorValue,
    NarrativeSection,
    Report,
    ReportStatus,
    ReportTransition,
    SignerMode,
    TableCellValue,
    WarningExplanation,
)
from .units import AdministrativeUnit, UnitKind
from .users import Role, User

__all__ = [
    "AdministrativeUnit",
    "IndicatorValue",
    "NarrativeSection",
    "Report",
    "ReportStatus",
    "ReportTransition",
    "ReportingPeriod",
    "Role",
    "SignerMode",
    "TableCellValue",
    "UnitKind",
    "User",
    "WarningExplanation",
]
