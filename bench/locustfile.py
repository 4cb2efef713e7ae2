"""The deadline rush: commune officials log in, autosave figures and send their report.

    locust -f bench/locustfile.py --headless -u 200 -r 20 -t 120s --host http://127.0.0.1:8010

against gunicorn (4 workers) + PostgreSQL, after `bench/load_setup.py` (see docs/PERFORMANCE.md
for the whole procedure). Every value a user saved last is written to LOAD_RESULTS, and
`bench/verify_load.py` checks that the database holds exactly those (no lost write).
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import threading
from pathlib import Path

from locust import HttpUser, between, events, task

USERS = json.loads(Path(os.environ.get("LOAD_USERS", "/tmp/load-users.json")).read_text())
RESULTS = Path(os.environ.get("LOAD_RESULTS", "/tmp/load-results"))
_next_user = itertools.cycle(USERS)
_lock = threading.Lock()

INPUT = re.compile(
    r'id="in-(\d+)" value="([^"]*)"\s+data-code="([^"]+)" data-kind="(integer|decimal)"'
)
BASE = re.compile(r'id="base-(\d+)" value="([^"]*)"')
EXPLAIN = re.compile(r'name="(explain:[^"]+)"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@events.test_start.add_listener
def _clean(**_kwargs) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    for old in RESULTS.glob("*.json"):
        old.unlink()


class CommuneOfficial(HttpUser):
    # An official types a figure, the page autosaves 1.5 s after the typing stops: a save every
    # 3–10 s. LOAD_PACE=fast halves it (2–5 s), to find the machine's limit.
    wait_time = between(2, 5) if os.environ.get("LOAD_PACE") == "fast" else between(3, 10)

    def on_start(self) -> None:
        with _lock:
            self.account = next(_next_user)
        self.report = self.account["report"]
        self.saved: dict[str, str] = {}
        # A save still in flight when the test stops may land after the last answer was read.
        self.pending: dict[str, str] = {}
        self.sent = False
        self.sending = False
        page = self.client.get("/accounts/login/", name="/accounts/login/")
        token = CSRF.search(page.text).group(1)
        self.client.post(
            "/accounts/login/",
            {
                "username": self.account["username"],
                "password": self.account["password"],
                "csrfmiddlewaretoken": token,
            },
            name="/accounts/login/ (POST)",
        )
        form = self.client.get(f"/bao-cao/{self.report}/", name="/bao-cao/[id]/")
        self.base = dict(BASE.findall(form.text))
        self.fields = [pk for pk, _value, _code, _kind in INPUT.findall(form.text)]

    def headers(self) -> dict:
        return {"HX-Request": "true", "X-CSRFToken": self.client.cookies.get("csrftoken", "")}

    @task(25)
    def autosave(self) -> None:
        if self.sent or not self.fields:
            return
        pk = random.choice(self.fields)
        typed = str(random.randint(0, 5000))
        self.pending[pk] = typed
        with self.client.post(
            f"/bao-cao/{self.report}/so-lieu/{pk}/",
            {"value": typed, "base": self.base.get(pk, "")},
            headers=self.headers(),
            name="/bao-cao/[id]/so-lieu/[id]/",
            catch_response=True,
        ) as response:
            if response.status_code in (200, 422):
                self.base[pk] = typed
                self.saved[pk] = typed
                self.pending.pop(pk, None)
                response.success()
            else:
                response.failure(f"autosave answered {response.status_code}")

    @task(5)
    def checks(self) -> None:
        """What the page asks after a burst of typing: the checks' summary and row findings."""
        if not self.sent:
            self.client.get(
                f"/bao-cao/{self.report}/phat-hien/",
                headers=self.headers(),
                name="/bao-cao/[id]/phat-hien/",
            )

    @task(1)
    def send(self) -> None:
        if self.sent:
            return
        self.client.post(
            f"/bao-cao/{self.report}/xac-nhan-ky-truoc/",
            headers=self.headers(),
            name="/bao-cao/[id]/xac-nhan-ky-truoc/",
        )
        panel = self.client.get(
            f"/bao-cao/{self.report}/kiem-tra/",
            headers=self.headers(),
            name="/bao-cao/[id]/kiem-tra/",
        )
        data = {name: "Số liệu theo phần mềm một cửa." for name in EXPLAIN.findall(panel.text)}
        self.sending = True
        with self.client.post(
            f"/bao-cao/{self.report}/gui/",
            data,
            headers=self.headers(),
            name="/bao-cao/[id]/gui/",
            catch_response=True,
        ) as response:
            # 204 + HX-Redirect: sent. 422: the checks still find errors (random figures
            # rarely add up): a business answer, not a failure of the server.
            if response.status_code in (204, 422):
                self.sent = response.status_code == 204
                self.sending = False
                response.success()
            else:
                response.failure(f"send answered {response.status_code}")

    def on_stop(self) -> None:
        out = RESULTS / f"{self.account['username']}-{id(self)}.json"
        out.write_text(
            json.dumps(
                {
                    "report": self.report,
                    "saved": self.saved,
                    "pending": self.pending,
                    "sent": self.sent,
                    "sending": self.sending,
                }
            )
        )
