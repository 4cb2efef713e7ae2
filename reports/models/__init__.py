from .periods import ReportingPeriod
from .reports import (
    IndicatorValue,
    NarrativeSection,
    Report,
    ReportStatus,
    SignerMode,
    TableCellValue,
)
from .units import AdministrativeUnit, UnitKind
from .users import Role, User

__all__ = [
    "AdministrativeUnit",
    "IndicatorValue",
    "NarrativeSection",
    "Report",
    "ReportStatus",
    "ReportingPeriod",
    "Role",
    "SignerMode",
    "TableCellValue",
    "UnitKind",
    "User",
]
