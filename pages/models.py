from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from markdownx.models import MarkdownxField
from simple_history.models import HistoricalRecords

from search import index as search_index

# First path segments the site itself answers; a page with one of these slugs could never be reached.
RESERVED_SLUGS = frozenset({"admin", "side-effects", "stories", "markdownx", "static", "media", "healthz", "search"})

# The page that is served at "/" rather than at its own slug.
HOME_SLUG = "home"


def validate_slug_not_reserved(slug):
    if slug.lower() in RESERVED_SLUGS:
        raise ValidationError(
            "“%(slug)s” is already used by the site itself (for /%(slug)s/), so a page with this address could "
            "never be shown. Please choose a different one.",
            params={"slug": slug},
            code="reserved_slug",
        )


class ReviewedContentQuerySet(models.QuerySet):
    def published(self):
        """The one definition of what the public may read."""
        return self.filter(status=ReviewedContent.Status.PUBLISHED)

    def overdue_for_review(self, today=None):
        return self.filter(next_review_due__lt=today or timezone.localdate())


class ReviewedContent(models.Model):
    """What every piece of clinical content carries: a status, review dates and its sources."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft (not shown on the site)"
        PUBLISHED = "published", "Published"

    status = models.CharField(
        max_length=10,
        choices=Status,
        default=Status.DRAFT,
        help_text="Only published content appears on the site. Keep it as a draft while you are still writing.",
    )
    last_reviewed = models.DateField(
        default=timezone.localdate,
        help_text="The day a clinician last checked this content was accurate. Shown to readers.",
    )
    next_review_due = models.DateField(
        help_text="When this content should next be checked. Shown to readers; overdue items can be filtered "
        "in the list.",
    )
    sources = MarkdownxField(
        blank=True,
        help_text="Where the facts come from, one per line as a Markdown list, with links where possible "
        "(for example the Patient Information Leaflet). Shown under the content.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = ReviewedContentQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # In the same transaction: the index never says more, or less, than the content.
        search_index.update(self)

    def clean(self):
        super().clean()
        if self.last_reviewed and self.next_review_due and self.next_review_due < self.last_reviewed:
            raise ValidationError({"next_review_due": "The next review cannot be due before the last review."})

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED

    @property
    def is_overdue_for_review(self):
        return self.next_review_due < timezone.localdate()


class Page(ReviewedContent):
    title = models.CharField(max_length=120, help_text="The heading at the top of the page, in plain words.")
    slug = models.SlugField(
        max_length=80,
        unique=True,
        validators=[validate_slug_not_reserved],
        help_text="The page's web address: /treatment/ for “treatment”. Lower-case letters, numbers and hyphens. "
        "The page called “home” is the front page of the site.",
    )
    summary = models.CharField(
        max_length=200,
        help_text="One sentence saying what the page covers. Used in lists and by search engines.",
    )
    body = MarkdownxField(
        help_text="The page text in Markdown. Short sentences and the most important thing first. "
        "The preview shows how it will look.",
    )
    navigation_label = models.CharField(
        max_length=30,
        blank=True,
        help_text="A short name for the menu at the top of every page, such as “Treatment”. "
        "Leave empty to use the title.",
    )
    position = models.PositiveSmallIntegerField(
        default=100,
        help_text="Where the page sits in the navigation: lower numbers come first.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        if self.slug == HOME_SLUG:
            return reverse("pages:home")
        return reverse("pages:detail", kwargs={"slug": self.slug})

    @property
    def menu_title(self):
        return self.navigation_label or self.title


class SideEffect(ReviewedContent):
    class Band(models.TextChoices):
        # Declaration order is display order: the most common band first.
        COMMON = "common", "Common"
        LESS_COMMON = "less_common", "Less common"

    name = models.CharField(max_length=120, help_text="The side effect in plain words, as a patient would say it.")
    slug = models.SlugField(
        max_length=80,
        unique=True,
        help_text="The web address under /side-effects/. Lower-case letters, numbers and hyphens.",
    )
    band = models.CharField(
        max_length=20,
        choices=Band,
        default=Band.COMMON,
        help_text="How often it happens, as the Patient Information Leaflet puts it.",
    )
    summary = models.CharField(
        max_length=200,
        help_text="One sentence explaining it, shown in the list of side effects.",
    )
    description = MarkdownxField(help_text="What it is and how it may feel, in Markdown.")
    what_to_do = MarkdownxField(
        help_text="What the reader should do about it, in Markdown: who to tell and how quickly.",
    )
    urgent = models.BooleanField(
        default=False,
        help_text="Tick if some signs of this side effect need medical help the same day. "
        "It is then marked clearly in the list and on its page.",
    )
    urgent_signs = MarkdownxField(
        blank=True,
        help_text="For urgent side effects: the signs that mean “get help today”, as a Markdown list.",
    )
    position = models.PositiveSmallIntegerField(
        default=100,
        help_text="Order within its band: lower numbers come first.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["band", "position", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("pages:side-effect", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if self.urgent and not self.urgent_signs.strip():
            raise ValidationError(
                {"urgent_signs": "An urgent side effect needs the signs that mean getting help today."}
            )
