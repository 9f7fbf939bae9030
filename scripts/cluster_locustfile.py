"""
The load for `make cluster-check` (scripts/cluster_check.py runs it): readers browsing the public
pages, and authors sending stories (half with a photo) through nginx. Every request is written to
CLUSTER_RECORDS (when it started and ended, and its status) and every accepted story's title to
CLUSTER_ACCEPTED, so the check can tell which failures were in flight when a server died.
"""

import json
import os
import random
import re
import time
import uuid
from io import BytesIO

from locust import HttpUser, between, events, task
from PIL import Image

PAGES = ["/", "/treatment/", "/monitoring/", "/side-effects/", "/side-effects/infections/", "/stories/"]
# The site refuses a form sent back sooner than STORY_FORM_MIN_SECONDS (3 s).
FORM_FILL_SECONDS = 3.5
MAX_SUBMISSIONS = int(os.environ.get("CLUSTER_MAX_SUBMISSIONS", "20"))

records, accepted = [], []
submissions_started = 0


def _photo():
    buffer = BytesIO()
    Image.new("RGB", (640, 480), (30, 120, 200)).save(buffer, format="JPEG")
    return buffer.getvalue()


PHOTO = _photo()


@events.request.add_listener
def record(request_type, name, response_time, response, start_time, exception=None, **kwargs):
    status = getattr(response, "status_code", 0) or 0
    entry = {"start": start_time, "end": start_time + response_time / 1000, "name": name, "status": status}
    if exception:
        entry["problem"] = str(exception)[:300]
    records.append(entry)


@events.quitting.add_listener
def save(environment, **kwargs):
    with open(os.environ["CLUSTER_RECORDS"], "w") as out:
        json.dump(records, out)
    with open(os.environ["CLUSTER_ACCEPTED"], "w") as out:
        json.dump(accepted, out)


class Visitor(HttpUser):
    wait_time = between(0.1, 0.4)

    def _keep_cookies(self, response):
        # The site's cookies are Secure (production settings); this load speaks plain HTTP on loopback.
        for cookie in response.cookies:
            self.client.cookies.set(cookie.name, cookie.value)

    @task(8)
    def read(self):
        self.client.get(random.choice(PAGES), name="read")

    @task(1)
    def send_story(self):
        global submissions_started
        if submissions_started >= MAX_SUBMISSIONS:
            return self.read()
        submissions_started += 1
        form = self.client.get("/stories/share/", name="story form")
        self._keep_cookies(form)
        csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text or "")
        started = re.search(r'name="started" value="([^"]+)"', form.text or "")
        if not (csrf and started):
            return
        time.sleep(FORM_FILL_SECONDS)
        title = f"Cluster {uuid.uuid4().hex[:12]}"
        data = {
            "csrfmiddlewaretoken": csrf.group(1),
            "started": started.group(1),
            "display_name": "Load",
            "email": "load@example.org",
            "title": title,
            "body": "Sent during the cluster check.",
            "treatment_year": "2021",
            "consent": "on",
            "website": "",
            "action": "send",
        }
        files = {}
        if random.random() < 0.5:
            data["photo_alt"] = "A blue square"
            files = {"photo": ("me.jpg", PHOTO, "image/jpeg")}
        with self.client.post(
            "/stories/share/", data=data, files=files, allow_redirects=False, name="story sent", catch_response=True
        ) as response:
            if response.status_code == 302 and response.headers.get("Location", "").endswith("/stories/share/thanks/"):
                accepted.append(title)
                response.success()
            else:
                errors = re.findall(r'class="error-message"[^>]*>(.*?)</p>', response.text or "", re.S)
                response.failure(f"not accepted: {response.status_code} {errors[:2]}")
