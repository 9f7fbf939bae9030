"""Image files as people (and attackers) send them, made in memory for the tests."""

import uuid
from io import BytesIO
from pathlib import PurePosixPath

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(1)</script></svg>'
HTML_AS_GIF = b"GIF89a<html><script>alert(document.cookie)</script></html>"


def jpeg_bytes(size=(640, 480), *, with_metadata=True, orientation=None):
    image = Image.new("RGB", size, (30, 120, 200))
    exif = Image.Exif()
    if with_metadata:
        exif[0x010F] = "PhoneMaker"  # Make
        exif[0x0132] = "2026:01:01 10:00:00"  # DateTime
        exif[0x8825] = {1: "N", 2: (51.0, 30.0, 0.0), 3: "W", 4: (0.0, 7.0, 0.0)}  # GPS: where it was taken
    if orientation:
        exif[0x0112] = orientation
    buffer = BytesIO()
    image.save(buffer, format="JPEG", exif=exif, comment=b"taken at home")
    return buffer.getvalue()


def png_bytes(size=(64, 64)):
    buffer = BytesIO()
    Image.new("RGBA", size, (200, 30, 30, 128)).save(buffer, format="PNG")
    return buffer.getvalue()


def random_name(extension="jpg"):
    """A file name of the shape the site gives every upload it stores (pages/images.py)."""
    return f"{uuid.uuid4().hex}.{extension}"


def upload(name, content, content_type="image/jpeg"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def decompression_bomb():
    """A small PNG that claims to be enormous once decoded."""
    buffer = BytesIO()
    Image.new("1", (20_000, 20_000)).save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def stored_files(settings=None):
    """Every upload stored so far (on local disk or in the object store), as storage names."""
    from django.core.files.storage import default_storage

    def walk(folder):
        try:
            folders, files = default_storage.listdir(folder)
        except FileNotFoundError:
            return
        for name in files:
            yield PurePosixPath(folder, name)
        for sub in folders:
            yield from walk(f"{folder}/{sub}" if folder else sub)

    return sorted(walk(""))


def read_stored(name):
    from django.core.files.storage import default_storage

    with default_storage.open(str(name)) as stored:
        return stored.read()


def open_stored(name):
    """A stored upload as a Pillow image."""
    return Image.open(BytesIO(read_stored(name)))
