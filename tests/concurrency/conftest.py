"""Concurrency tests: real PostgreSQL connections from several threads at once.

They need committed data that other connections can see, so they are transactional (the
database is emptied after each test) and run in a pytest session of their own, on PostgreSQL
only (`pytest -m postgres` with DATABASE_URL=postgres://…; see the Makefile and .ci/run).
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from django.db import connection, connections

from tests.conftest import load_reference_data


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/concurrency/" in str(item.fspath):
            item.add_marker(pytest.mark.postgres)


@pytest.fixture
def reference_data(transactional_db):
    if connection.vendor != "postgresql":
        pytest.fail("The concurrency tests need PostgreSQL: set DATABASE_URL=postgres://…")
    load_reference_data()


def run_together(*actions: Callable[[], object]) -> list[object]:
    """Run the actions in threads released at the same instant; each on its own connection.
    Returns each action's result, or the exception it raised."""
    barrier = threading.Barrier(len(actions))
    results: list[object] = [None] * len(actions)

    def worker(index: int, action: Callable[[], object]) -> None:
        try:
            barrier.wait()
            results[index] = action()
        except Exception as error:  # the test inspects what each thread met
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i, a)) for i, a in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results
