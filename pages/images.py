"""
Turning an uploaded file into a clean image we are willing to store.

Used by the editors' Markdown uploads and by story photos. The header is read first: its format
and its width and height, before a single pixel is decoded, so a file that claims too many pixels
costs nothing. Then the image is decoded in full by Pillow (so truncated files and non-images are
refused) with its memory bounded: a JPEG is decoded straight at the size we keep (its draft
mode scales by 1/2, 1/4 or 1/8 while decoding), and formats that can't be decoded smaller have a
lower pixel cap. It is turned upright by its EXIF orientation, shrunk to a sensible size and
re-encoded from its pixels alone: no EXIF, GPS, XMP, ICC or comments survive, and the original
bytes are never kept. The name is ours. A phone's MPO file (a JPEG with a second, embedded
image) is kept as a JPEG of its first image.
"""

import re
import uuid
import warnings
from io import BytesIO

from django.core.files.base import ContentFile
from PIL import Image, ImageOps

# Pillow format → the extension we save under.
JPEG_OR_PNG = {"JPEG": "jpg", "PNG": "png"}
FORMAT_NAMES = {"WEBP": "WebP"}
MAX_SIDE = 2000
# Larger than any phone camera. A JPEG this size is decoded at a half, a quarter or an eighth.
MAX_PIXELS = 50_000_000
# PNG and WebP are decoded at full size (up to 4 bytes a pixel): 16 million pixels is 64 MB.
MAX_PIXELS_FULL_DECODE = 16_000_000
# Phones write MPO: a JPEG whose first image is the photo. Stored as a plain JPEG.
SAME_AS = {"MPO": "JPEG"}


def stored_name(folder, *, formats=JPEG_OR_PNG):
    """
    The exact shape of the names clean_image() gives the files stored under `folder` (a random UUID4's
    hex and the format's extension), as a compiled pattern to `fullmatch`. An address asking for an
    upload is checked against it before anything else looks at it: a storage backend may read more
    into a name than a path (django-storages' S3 backend turns `\\` into `/` and resolves `..`).
    """
    extensions = "|".join(sorted(set(formats.values())))
    return re.compile(rf"{re.escape(folder)}/[0-9a-f]{{32}}\.(?:{extensions})")


class ImageRefused(ValueError):
    """The upload is not an image we will store; the message is written for the person uploading."""


def clean_image(upload, *, max_bytes, formats=JPEG_OR_PNG, max_side=MAX_SIDE):
    """Return a ContentFile holding a re-encoded copy of `upload`, under a random name."""
    names = [FORMAT_NAMES.get(name, name) for name in formats]
    kinds = ", ".join(names[:-1]) + " or " + names[-1] if len(names) > 1 else names[0]
    if upload.size is not None and upload.size > max_bytes:
        raise ImageRefused(f"The image is too large: it can be at most {max_bytes // (1024 * 1024)} MB.")
    try:
        upload.seek(0)
        with warnings.catch_warnings():
            # Pillow only warns between its pixel limit and twice that; treat any "bomb" as one.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as original:  # reads the header only
                image_format = SAME_AS.get(original.format, original.format)
                if image_format not in formats:
                    raise ImageRefused(f"Please choose a {kinds} image.")
                width, height = original.size
                if width * height > (MAX_PIXELS if image_format == "JPEG" else MAX_PIXELS_FULL_DECODE):
                    raise Image.DecompressionBombError(f"{width} x {height} pixels")
                if image_format == "JPEG":
                    original.draft(None, (max_side, max_side))  # decode at the smallest scale still >= max_side
                original.load()
                image = ImageOps.exif_transpose(original)
    except ImageRefused:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ImageRefused(
            "That image has far too many pixels for us to process. Please choose a smaller one."
        ) from error
    except (OSError, SyntaxError, ValueError, EOFError) as error:
        raise ImageRefused(f"We could not read that file as an image. Please choose a {kinds} image.") from error

    image.thumbnail((max_side, max_side))
    if image_format == "JPEG" and image.mode not in {"RGB", "L"}:
        image = image.convert("RGB")
    image.info = {}  # drop ICC profiles, text chunks, XMP and anything else Pillow carried over

    buffer = BytesIO()
    save_options = {"quality": 85, "optimize": True} if image_format in {"JPEG", "WEBP"} else {"optimize": True}
    image.save(buffer, format=image_format, **save_options)
    return ContentFile(buffer.getvalue(), name=f"{uuid.uuid4().hex}.{formats[image_format]}")
