"""Publishing a template and assigning it to units: the steps after editing a draft.

A published template is immutable (``TemplateLocked``); which units file it, for which kinds
of period and from when to when, is data beside it (``TemplateAssignment``) and may change.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from core.errors import DomainError
from core.models import AdministrativeUnit
from core.period_keys import PeriodKind
from indicators.models import IndicatorTemplate, TemplateAssignment, TemplateStatus
from indicators.tree_editing import publish_problems

MSG_CANNOT_PUBLISH = "Chưa ban hành được mẫu: {problems}"
MSG_ASSIGN_PUBLISHED_ONLY = "Chỉ phân công được mẫu đã ban hành."
MSG_BAD_KINDS = "Loại kỳ không hợp lệ: {kinds}."


class PublishingError(DomainError):
    """Refused, with the reason in ``message``."""


@transaction.atomic
def template_publish(*, template: IndicatorTemplate) -> IndicatorTemplate:
    """Publish the draft once nothing would make it unusable; from then on it is immutable."""
    template.ensure_editable()
    problems = publish_problems(template)
    if problems:
        raise PublishingError(MSG_CANNOT_PUBLISH.format(problems=" ".join(problems)))
    template.publish()
    return template


@transaction.atomic
def assignment_create(
    *,
    template: IndicatorTemplate,
    unit: AdministrativeUnit,
    period_kinds: list[str],
    valid_from: dt.date | None = None,
    valid_to: dt.date | None = None,
) -> TemplateAssignment:
    """The unit (and every unit under it) files this template for these kinds of period,
    within the validity range (open-ended where a date is missing)."""
    if template.status != TemplateStatus.PUBLISHED:
        raise PublishingError(MSG_ASSIGN_PUBLISHED_ONLY)
    unknown = [kind for kind in period_kinds if kind not in PeriodKind.values]
    if unknown or not period_kinds:
        raise PublishingError(MSG_BAD_KINDS.format(kinds=", ".join(unknown) or "—"))
    kinds = "".join(kind for kind in PeriodKind.values if kind in period_kinds)
    assignment = TemplateAssignment(
        template=template,
        unit=unit,
        period_kinds=kinds,
        valid_from=valid_from,
        valid_to=valid_to,
    )
    assignment.full_clean()
    assignment.save()
    return assignment
