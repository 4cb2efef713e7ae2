"""Test settings: the real settings, with a fast password hasher (speed only)."""

from .settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# The browser session (CCHC_TEST_DB_FILE=1, see the Makefile) tests on a file, not on SQLite's
# shared in-memory database: its live server writes from its own thread, and a file database
# waits for a lock where the memory one fails at once.
if env_bool("CCHC_TEST_DB_FILE") and DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / ".test-db.sqlite3")}  # noqa: F405
