"""
The endpoints django-markdownx's editor calls, rewritten for safety.

markdownx's own views render the preview without sanitizing and accept uploads from anyone
(SVGs and HTML named as images included): a stored-XSS path against staff. These replacements
answer only active staff, preview through the site's sanitizing renderer, and store only real
JPEG or PNG images, re-encoded under a name the server chooses.
"""

from functools import wraps

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import HttpResponse, HttpResponseForbidden, JsonResponse
from django.views.decorators.http import require_POST

from .images import ImageRefused, clean_image, stored_name
from .markdown import MAX_MARKDOWN_LENGTH, render_markdown

# Where editors' images are stored, and the only names they have there.
EDITOR_FOLDER = "editor"
EDITOR_IMAGE = stored_name(EDITOR_FOLDER)


def staff_only(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        user = request.user
        if not (user.is_authenticated and user.is_active and user.is_staff):
            return HttpResponseForbidden("Only the site's editors can use this.")
        return view(request, *args, **kwargs)

    return wrapper


@require_POST
@staff_only
def markdownify(request):
    content = request.POST.get("content", "")
    if len(content) > MAX_MARKDOWN_LENGTH:
        return HttpResponse(
            f"This text is too long to preview: please keep it under {MAX_MARKDOWN_LENGTH:,} characters.", status=400
        )
    return HttpResponse(render_markdown(content))


@require_POST
@staff_only
def upload(request):
    upload = request.FILES.get("image")
    if upload is None:
        return JsonResponse({"image": ["Please choose an image to upload."]}, status=400)
    try:
        image = clean_image(upload, max_bytes=settings.EDITOR_UPLOAD_MAX_BYTES)
    except ImageRefused as refusal:
        return JsonResponse({"image": [str(refusal)]}, status=400)
    name = default_storage.save(f"{EDITOR_FOLDER}/{image.name}", image)
    return JsonResponse({"image_code": f"![]({default_storage.url(name)})"})
