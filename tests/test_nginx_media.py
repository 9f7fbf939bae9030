"""
Through nginx configured as shipped (deploy/nginx.conf) in front of gunicorn, with uploads on local disk:
the app decides who may see each upload and nginx sends the file (X-Accel-Redirect), so a pending or
rejected story's photo stays private even to someone who knows its name.
"""

import json
import shutil
import urllib.error
import urllib.request

import pytest

from scripts.servers import manage, site_behind_nginx

pytestmark = [
    pytest.mark.servers,
    pytest.mark.skipif(shutil.which("nginx") is None, reason="needs nginx (apt-get install nginx-light)"),
]

MAKE_UPLOADS = """
import json, uuid
from io import BytesIO
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from PIL import Image
from stories.models import Story

def jpeg():
    buffer = BytesIO()
    Image.new("RGB", (32, 32), (30, 120, 200)).save(buffer, format="JPEG")
    return ContentFile(buffer.getvalue())

names = {"editor": default_storage.save(f"editor/{uuid.uuid4().hex}.jpg", jpeg())}
for status in ["approved", "pending", "rejected"]:
    story = Story.objects.create(display_name="Jo", email="jo@example.org", title=status, body="Words.",
                                 photo_alt="Me", status=status, consent_version="2026-11", consented_at=timezone.now(),
                                 published_at=timezone.now() if status == "approved" else None)
    story.photo.save(f"{uuid.uuid4().hex}.jpg", jpeg())
    names[status] = story.photo.name
print(json.dumps(names))
"""


@pytest.fixture
def site(tmp_path):
    # MEDIA_ACCEL_REDIRECT as docs/deploy.md says for uploads on local disk.
    with site_behind_nginx(tmp_path, workers=2, MEDIA_ACCEL_REDIRECT="/internal-media/") as (env, _, base):
        names = json.loads(manage(env, "shell", "-c", MAKE_UPLOADS).strip().splitlines()[-1])
        yield base, names, tmp_path / "media"


def get_bytes(url, headers=None):
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def test_nginx_sends_a_photo_only_when_the_app_says_its_story_is_approved(site):
    base, names, media = site
    status, headers, body = get_bytes(f"{base}/media/{names['approved']}")
    assert status == 200
    assert body == (media / names["approved"]).read_bytes()
    assert headers["Content-Type"] == "image/jpeg"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Content-Security-Policy"] == "default-src 'none'; img-src 'self'; sandbox"
    assert headers.get_all("Cache-Control") == ["no-cache"]
    assert "camera=()" in headers["Permissions-Policy"]  # the app's, as on every response
    assert "X-Accel-Redirect" not in headers

    for private in ["pending", "rejected"]:
        assert (media / names[private]).exists()
        assert get_bytes(f"{base}/media/{names[private]}")[0] == 404, f"a {private} story's photo is public"
    # The internal location answers only the app's redirects, never a reader.
    assert get_bytes(f"{base}/internal-media/{names['approved']}")[0] == 404
    assert get_bytes(f"{base}/internal-media/{names['pending']}")[0] == 404

    assert get_bytes(f"{base}/media/{names['editor']}")[0] == 200
    again = get_bytes(f"{base}/media/{names['approved']}", headers={"If-None-Match": headers["ETag"]})
    assert again[0] == 304
