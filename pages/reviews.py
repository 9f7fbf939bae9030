"""
What needs a clinical reviewer's attention: content past its review date, content due within
REVIEW_SOON_DAYS, and published content no clinician has ever signed off. The daily reminder mail
(`send_review_reminders`) and the admin's home show the same lists.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from .models import SITE_PAGE_SLUGS, Page, SideEffect

REVIEW_SOON_DAYS = 30


@dataclass(frozen=True)
class DueItem:
    title: str
    kind: str
    next_review_due: object  # a date, or None when never reviewed
    admin_path: str

    @property
    def admin_url(self):
        return settings.SITE_URL + self.admin_path


@dataclass(frozen=True)
class Digest:
    overdue: list
    due_soon: list
    never_reviewed: list

    def __bool__(self):
        return bool(self.overdue or self.due_soon or self.never_reviewed)


def _items(queryset, kind):
    model = queryset.model._meta.model_name
    return [
        DueItem(str(row), kind, row.next_review_due, reverse(f"admin:pages_{model}_change", args=[row.pk]))
        for row in queryset
    ]


def digest(today=None):
    """The three lists, each ordered by due date then title; pages before side effects."""
    today = today or timezone.localdate()
    soon = today + timedelta(days=REVIEW_SOON_DAYS)
    sets = [
        (Page.objects.exclude(slug__in=SITE_PAGE_SLUGS).only("title", "next_review_due"), "page"),
        (SideEffect.objects.only("name", "next_review_due"), "side effect"),
    ]
    overdue, due_soon, never = [], [], []
    for queryset, kind in sets:
        overdue += _items(queryset.filter(next_review_due__lt=today).order_by("next_review_due", "pk"), kind)
        due_soon += _items(
            queryset.filter(next_review_due__gte=today, next_review_due__lte=soon).order_by("next_review_due", "pk"),
            kind,
        )
        never += _items(queryset.published().filter(reviews__isnull=True).order_by("pk"), kind)
    return Digest(overdue=overdue, due_soon=due_soon, never_reviewed=never)
