"""django-markdownx's endpoints answer only staff, and store only real, re-encoded images."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from imagefiles import HTML_AS_GIF, SVG, jpeg_bytes, open_stored, read_stored, stored_files
from PIL import Image

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/markdownx/markdownify/", "/markdownx/upload/"])
def test_anonymous_requests_are_refused(client, url):
    response = client.post(url, {"content": "# hi"})
    assert response.status_code == 403


def test_logged_in_non_staff_are_refused(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("patient", password="x"))
    assert client.post("/markdownx/markdownify/", {"content": "# hi"}).status_code == 403


def test_an_uploaded_svg_is_refused_and_nothing_is_stored(editor_client, settings):
    upload = SimpleUploadedFile("diagram.svg", SVG, content_type="image/svg+xml")
    response = editor_client.post("/markdownx/upload/", {"image": upload})
    assert response.status_code == 400
    assert "JPEG or PNG" in response.json()["image"][0]
    assert stored_files(settings) == []


def test_html_named_as_a_gif_is_refused_and_nothing_is_stored(editor_client, settings):
    upload = SimpleUploadedFile("cat.gif", HTML_AS_GIF, content_type="image/gif")
    response = editor_client.post("/markdownx/upload/", {"image": upload})
    assert response.status_code == 400
    assert stored_files(settings) == []


def test_a_real_gif_is_refused_too(editor_client, settings):
    buffer = BytesIO()
    Image.new("RGB", (10, 10)).save(buffer, format="GIF")
    upload = SimpleUploadedFile("real.gif", buffer.getvalue(), content_type="image/gif")
    assert editor_client.post("/markdownx/upload/", {"image": upload}).status_code == 400
    assert stored_files(settings) == []


def test_an_oversized_upload_is_refused(editor_client, settings):
    settings.EDITOR_UPLOAD_MAX_BYTES = 1000
    upload = SimpleUploadedFile("big.jpg", jpeg_bytes(), content_type="image/jpeg")
    response = editor_client.post("/markdownx/upload/", {"image": upload})
    assert response.status_code == 400
    assert "too large" in response.json()["image"][0]
    assert stored_files(settings) == []


def test_a_jpeg_is_reencoded_without_metadata_under_a_server_chosen_name(editor_client, settings):
    original = jpeg_bytes()
    upload = SimpleUploadedFile("../../etc/holiday photo.jpg", original, content_type="image/jpeg")
    response = editor_client.post("/markdownx/upload/", {"image": upload})
    assert response.status_code == 200
    assert response.json()["image_code"].startswith("![](/media/editor/")

    [stored] = stored_files(settings)
    assert str(stored.parent) == "editor"
    assert "holiday" not in stored.name and stored.suffix == ".jpg"
    assert read_stored(stored) != original
    with open_stored(stored) as image:
        assert image.format == "JPEG"
        assert dict(image.getexif()) == {}
        assert "comment" not in image.info and "exif" not in image.info
