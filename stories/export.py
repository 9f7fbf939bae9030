"""
Stories for the site owner, as CSV or JSON: everything a story says and when it happened, but
never the author's email, private link or account, and never a withdrawn story (its author took it back).
Used by the admin's export links and by `manage.py export_stories`.
"""

import csv
import json

from django.conf import settings

from .models import Story

FIELDS = [
    "id",
    "status",
    "title",
    "display_name",
    "body",
    "photo_url",
    "photo_alt",
    "treatment_year",
    "side_effects",
    "submitted_at",
    "published_at",
    "moderated_at",
    "edited_at",
    "rejection_reason",
    "consent_version",
    "consented_at",
    "public_url",
]
# A spreadsheet runs a cell that starts with one of these as a formula; the author's words must stay words.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def stories():
    return Story.objects.exclude(status=Story.Status.WITHDRAWN).with_public_side_effects().order_by("submitted_at")


def rows(queryset=None):
    for story in stories() if queryset is None else queryset:
        yield {
            "id": story.pk,
            "status": story.status,
            "title": story.title,
            "display_name": story.display_name,
            "body": story.body,
            "photo_url": settings.SITE_URL + story.photo.url if story.photo else "",
            "photo_alt": story.photo_alt,
            "treatment_year": story.treatment_year,
            "side_effects": [side_effect.name for side_effect in story.side_effects.all()],
            "submitted_at": _date(story.submitted_at),
            "published_at": _date(story.published_at),
            "moderated_at": _date(story.moderated_at),
            "edited_at": _date(story.edited_at),
            "rejection_reason": story.rejection_reason,
            "consent_version": story.consent_version,
            "consented_at": _date(story.consented_at),
            "public_url": settings.SITE_URL + story.get_absolute_url() if story.is_public else "",
        }


# Written first in a CSV file: it tells Excel (on Windows above all) the file is UTF-8, so accented names and
# curly quotes open as written rather than garbled. Other spreadsheets and csv readers accept it too.
BYTE_ORDER_MARK = "\ufeff"


def write_csv(out, queryset=None):
    out.write(BYTE_ORDER_MARK)
    writer = csv.DictWriter(out, fieldnames=FIELDS)
    writer.writeheader()
    for row in rows(queryset):
        row["side_effects"] = "; ".join(row["side_effects"])
        writer.writerow({name: _safe_cell(value) for name, value in row.items()})


def write_json(out, queryset=None):
    json.dump({"stories": list(rows(queryset))}, out, ensure_ascii=False, indent=2)


def _date(moment):
    return moment.isoformat() if moment else None


def _safe_cell(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
