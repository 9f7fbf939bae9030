"""A story photo is stored clean: no metadata, a sensible size, and a name we chose."""

from io import BytesIO

import pytest
from imagefiles import jpeg_bytes, open_stored, png_bytes, read_stored, stored_files, upload
from PIL import Image

from stories.models import Story

pytestmark = pytest.mark.django_db


def send_with_photo(client, story_form_data, photo):
    response = client.post("/stories/share/", story_form_data(photo=photo, photo_alt="A photo of me"))
    assert response.status_code == 302, response.content.decode()[:2000]
    return Story.objects.get()


def test_the_stored_photo_has_no_exif_or_gps_and_a_server_chosen_name(client, seeded, story_form_data, settings):
    original = jpeg_bytes((3000, 2000))
    story = send_with_photo(client, story_form_data, upload("IMG_0001 at home.jpg", original))

    [stored] = stored_files(settings)
    assert str(stored.parent) == "stories"
    assert "IMG_0001" not in stored.name and "home" not in stored.name
    assert len(stored.stem) == 32 and stored.suffix == ".jpg"
    assert story.photo.name == f"stories/{stored.name}"
    with open_stored(stored) as image:
        assert dict(image.getexif()) == {}
        assert image.getexif().get_ifd(0x8825) == {}
        assert not {"exif", "comment", "xmp", "icc_profile"} & set(image.info)
        assert max(image.size) == 2000
        assert image.size == (2000, 1333)
    assert b"PhoneMaker" not in read_stored(stored)


def test_exif_orientation_is_applied_before_it_is_stripped(client, seeded, story_form_data, settings):
    # Orientation 6: the camera was turned; the picture must be stored upright (portrait).
    send_with_photo(client, story_form_data, upload("turned.jpg", jpeg_bytes((400, 300), orientation=6)))
    [stored] = stored_files(settings)
    with open_stored(stored) as image:
        assert image.size == (300, 400)
        assert 0x0112 not in image.getexif()


def test_a_png_is_kept_as_a_png(client, seeded, story_form_data, settings):
    send_with_photo(client, story_form_data, upload("drawing.png", png_bytes(), "image/png"))
    [stored] = stored_files(settings)
    assert stored.suffix == ".png"
    with open_stored(stored) as image:
        assert image.format == "PNG"


def test_a_phones_mpo_photo_is_accepted_and_stored_as_a_jpeg(client, seeded, story_form_data, settings):
    buffer = BytesIO()
    photo, depth_map = Image.new("RGB", (800, 600), (30, 120, 200)), Image.new("RGB", (200, 150))
    photo.save(buffer, format="MPO", save_all=True, append_images=[depth_map])
    response = client.post(
        "/stories/share/", story_form_data(photo=upload("phone.jpg", buffer.getvalue()), photo_alt="Me")
    )
    assert response.status_code == 302
    stored = open_stored(Story.objects.get().photo.name)
    assert stored.format == "JPEG" and stored.size == (800, 600)
    assert getattr(stored, "n_frames", 1) == 1
