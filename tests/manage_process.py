"""`python manage.py …` as other tools run it: a real process, its exit status and its output."""

from __future__ import annotations

import os
import subprocess
import sys

from django.conf import settings


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    """Run a management command in a new process; ``env`` is added to this one's environment."""
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        check=False,
    )
