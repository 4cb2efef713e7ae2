from core.models import AdministrativeUnit, UnitKind

from .jobs import ExportJob, JobStatus
from .reporting_periods import ReportingPeriod
from .reports import (
    HEADER_FIELDS,
    IndicatorValue,
    NarrativeSection,
    Report,
    ReportStatus,
    ReportTransition,
    SignerMode,
    TableCellValue,
    ValueOrigin,
    WarningExplanation,
)
from .review import DeadlineExtension, ReviewComment
from .users import Role, User

__all__ = [
    "HEADER_FIELDS",
    "AdministrativeUnit",
    "DeadlineExtension",
    "ExportJob",
    "IndicatorValue",
    "JobStatus",
    "NarrativeSection",
    "Report",
    "ReportStatus",
    "ReportTransition",
    "ReportingPeriod",
    "ReviewComment",
    "Role",
    "SignerMode",
    "TableCellValue",
    "UnitKind",
    "User",
    "ValueOrigin",
    "WarningExplanation",
]
