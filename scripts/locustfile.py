"""
The visitors of `make loadtest` (scripts/loadtest.py runs Locust headless on this file).

Each visitor reads public pages, and between them opens the share form, "fills it in" for longer
than the form's 3 s spam timer, and sends it. Exactly SUBMISSIONS stories are sent in the whole run,
each with its own title; what became of each is written to LOADTEST_RESULTS when Locust stops, for
scripts/loadtest.py to check against the database.
"""

import itertools
import json
import os
import random
import re
import threading
import uuid

import gevent
from locust import HttpUser, between, events, task

SUBMISSIONS = int(os.environ.get("LOADTEST_SUBMISSIONS", "50"))
RUN_ID = os.environ.get("LOADTEST_RUN_ID", "local")
# The form refuses anything sent back sooner than STORY_FORM_MIN_SECONDS (3 s): wait a little longer.
FORM_FILL_SECONDS = 3.5
SHARE_PATH = "/stories/share/"
THANKS_PATH = "/stories/share/thanks/"
PAGE_PATHS = [
    "/",
    "/treatment/",
    "/monitoring/",
    "/side-effects/",
    "/side-effects/infections/",
    "/side-effects/itp/",
    "/side-effects/kidney-problems/",
    "/stories/",
    "/stories/feed/",
]
HIDDEN_INPUT = re.compile(r'<input type="hidden" name="(csrfmiddlewaretoken|started)" value="([^"]*)"')
STYLESHEET = re.compile(r'<link rel="stylesheet" href="([^"]+)"')
FIELD_ERROR = re.compile(r'<li><a href="#[^"]*">([^<]*)</a></li>')

_numbers = itertools.count()
_lock = threading.Lock()
outcomes = {}  # title: "" when accepted, else what went wrong


def _next_title():
    with _lock:
        number = next(_numbers)
    return f"Load test story {number:02d} ({RUN_ID})" if number < SUBMISSIONS else None


class Visitor(HttpUser):
    wait_time = between(0.05, 0.2)

    def on_start(self):
        # The stylesheet too, as a browser would fetch it (its hashed name is in every page).
        home = self.client.get("/", name="/")
        self.paths = PAGE_PATHS + STYLESHEET.findall(home.text)[:1]

    @task(20)
    def read_a_page(self):
        path = random.choice(self.paths)
        with self.client.get(path, name=path, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"answered {response.status_code}")

    @task(1)
    def share_a_story(self):
        title = _next_title()
        if title is None:
            return
        outcomes[title] = "the share form did not open"
        with self.client.get(SHARE_PATH, name=SHARE_PATH, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"answered {response.status_code}")
                return
            hidden = dict(HIDDEN_INPUT.findall(response.text))
            # The cookie is Secure (production settings), so the client won't send it back over
            # loopback HTTP by itself; the TLS proxy is pretended, as with the Referer below.
            csrf_cookie = response.cookies.get("csrftoken", "")
        outcomes[title] = "not sent before the run ended"
        gevent.sleep(FORM_FILL_SECONDS)
        fields = {
            "display_name": "Load tester",
            "email": f"loadtest-{uuid.uuid4().hex[:8]}@example.org",
            "title": title,
            "body": "My first infusion week was tiring.\n\nThe monthly blood tests became routine.",
            "consent": "on",
            "website": "",
            "action": "send",
            **hidden,
        }
        # Django's CSRF check wants a same-site Referer on a secure (proxied HTTPS) request.
        headers = {"Referer": f"https://{self.host.split('://')[1]}{SHARE_PATH}", "Cookie": f"csrftoken={csrf_cookie}"}
        with self.client.post(
            SHARE_PATH,
            data=fields,
            files={"photo": ("", b"", "application/octet-stream")},  # multipart, as a browser sends it
            headers=headers,
            allow_redirects=False,
            name=f"{SHARE_PATH} (send)",
            catch_response=True,
        ) as response:
            location = response.headers.get("Location", "")
            if response.status_code == 302 and location.endswith(THANKS_PATH):
                outcomes[title] = ""
                response.success()
            else:
                errors = "; ".join(FIELD_ERROR.findall(response.text)) if response.status_code == 200 else ""
                outcomes[title] = f"answered {response.status_code} {location} {errors}".strip()
                response.failure(outcomes[title])


@events.quitting.add_listener
def write_outcomes(environment, **kwargs):
    if path := os.environ.get("LOADTEST_RESULTS"):
        with open(path, "w") as results:
            json.dump(outcomes, results)
