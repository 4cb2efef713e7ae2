from __future__ import annotations

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def throttles_start_afresh():
    """Password-reset throttles live in the cache, which outlives a test's transaction."""
    cache.clear()
    yield
    cache.clear()
