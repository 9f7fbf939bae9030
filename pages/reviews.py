"""
The reviewers' to-do list, grouped for reading: content past its review date, changed since its last
sign-off, due within REVIEW_SOON_DAYS, and published content no clinician has ever signed off. What
is on it is decided once, by `review_todo()` (pages/models.py); the daily reminder mail
(`send_review_reminders`), the admin's home page and the lists' "Clinical review" filter all ask it.
"""

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse

from .models import Page, ReviewReason, SideEffect


@dataclass(frozen=True)
class DueItem:
    title: str
    kind: str
    next_review_due: object  # a date, or None when never reviewed
    admin_path: str
    # Edited since its last sign-off (shown beside an item that is on the list for another reason too).
    changed: bool = False

    @property
    def admin_url(self):
        return settings.SITE_URL + self.admin_path


@dataclass(frozen=True)
class Group:
    reason: ReviewReason
    items: list

    @property
    def heading(self):
        return self.reason.label


@dataclass(frozen=True)
class Digest:
    groups: list  # a Group for each ReviewReason, in the list's order; some may be empty

    def __bool__(self):
        return any(group.items for group in self.groups)

    def counts(self):
        """How many items each group holds, in words: "1 past its review date, 0 changed since …"."""
        return ", ".join(f"{len(group.items)} {group.reason.label.lower()}" for group in self.groups)


def digest(today=None):
    """The to-do list by reason, each group ordered by due date then title; pages before side effects."""
    by_reason = {reason: [] for reason in ReviewReason}
    for model, kind in [(Page, "page"), (SideEffect, "side effect")]:
        for row in model.objects.review_todo(today).order_by("next_review_due", "pk"):
            path = reverse(f"admin:pages_{model._meta.model_name}_change", args=[row.pk])
            item = DueItem(str(row), kind, row.next_review_due, path, changed=row.changed_since_review)
            by_reason[ReviewReason(row.review_reason)].append(item)
    return Digest(groups=[Group(reason, items) for reason, items in by_reason.items()])
