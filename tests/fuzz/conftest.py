from __future__ import annotations

import pytest
from django.utils import timezone

from reports.seeding import ensure_demo_period
from reports.services.start import report_start


@pytest.fixture
def draft_for_fuzz(db, client, clerk):
    client.force_login(clerk)
    period = ensure_demo_period("2024Q4", timezone.localdate())
    return report_start(unit=clerk.unit, period=period, user=clerk)
