import hashlib
import logging
import re
import secrets

from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models, transaction
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.text import Truncator, slugify
from simple_history.models import HistoricalRecords

from lemtrada_site import page_cache
from lemtrada_site.medicine import FIRST_TREATMENT_YEAR
from pages.images import stored_name
from pages.markdown import render_markdown, visible_text
from pages.models import RenderedMarkdown, SideEffect, normalise_line_endings

from . import prescreen
from .erasure import erase_after_commit

logger = logging.getLogger(__name__)

# How many words of a story its card in a list shows.
EXCERPT_WORDS = 40

# The image formats a story photo may have (Pillow's name → the extension it is stored under), where
# they are stored, and the only names they have there (pages/images.py gives every stored image one).
PHOTO_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
PHOTO_FOLDER = "stories"
PHOTO_NAME = stored_name(PHOTO_FOLDER, formats=PHOTO_FORMATS)


def validate_not_in_future(year):
    if year > timezone.localdate().year:
        raise ValidationError("The year can't be in the future.", code="future_year")


# A backslash and the character it quotes, in a quoted local part ("mod\\erator"@...).
QUOTED_PAIR = re.compile(r"\\(.)")


def hash_token(token):
    return hashlib.sha256(token.encode()).hexdigest()


def mailbox(address):
    """
    The mailbox an address delivers to, for comparing: a quoted local part read as its characters
    (`"mod"@` is `mod@`), case and any +tag set aside, and the domain as the DNS knows it (no final dot,
    an internationalised name in its xn-- form).
    """
    local, _, domain = (address or "").strip().rpartition("@")
    if len(local) >= 2 and local[0] == local[-1] == '"':
        local = QUOTED_PAIR.sub(r"\1", local[1:-1])
    domain = domain.strip().rstrip(".")
    try:
        domain = domain.encode("idna").decode("ascii")
    except UnicodeError:
        pass  # not a name the DNS could hold: compared as written
    return f"{local.casefold().partition('+')[0]}@{domain.casefold()}" if local else ""


def rendered_body(body):
    """A story's body as sanitized HTML, and its first EXCERPT_WORDS words as plain text."""
    body_html = str(render_markdown(body, authored=True)) if body else ""
    text = visible_text(body_html).strip()
    return body_html, Truncator(text).words(EXCERPT_WORDS)


def _forget_copies(pk, *, shown_as):
    """
    Delete the copies of story `pk` kept outside its row: every version in its history, and its title in the
    admin log (each line then names it as `shown_as`). Part of the caller's transaction.
    """
    Story.history.filter(id=pk).delete()
    LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(Story), object_id=str(pk)).update(
        object_repr=shown_as
    )


class ModerationRefused(Exception):
    """A moderation step that the rules don't allow; the message is for the moderator."""


def public_rows(apps):
    """
    For the triggers that move the content version (lemtrada_site/content_version.py): each table of
    this app that a public page reads, and when a row of it is public (as published() says), in SQL
    about the row `{row}`. `apps`: the models as they are, or as a migration has them.
    """
    story = apps.get_model("stories", "Story")._meta
    mentions = story.get_field("side_effects").remote_field.through._meta
    approved = f"'{Story.Status.APPROVED.value}'"
    return {
        story.db_table: f"{{row}}.status = {approved}",
        # Which side effects an approved story mentions shows on the story and on the side effects' pages.
        mentions.db_table: (
            f"EXISTS (SELECT 1 FROM {story.db_table} s WHERE s.id = {{row}}.{mentions.get_field('story').column} "
            f"AND s.status = {approved})"
        ),
    }


class StoryQuerySet(models.QuerySet):
    def published(self):
        """The one definition of what the public may read, newest first."""
        return self.filter(status=Story.Status.APPROVED).order_by("-published_at", "-pk")

    def with_public_side_effects(self):
        """Prefetch only the published side effects: a draft's name must not show beside a story."""
        return self.prefetch_related(
            Prefetch("side_effects", queryset=SideEffect.objects.published().only("name", "slug"))
        )

    def photo_is_shown(self, name, *, to):
        """
        Whether the stored story photo `name` may be shown to the user `to`: a moderator sees any
        story's photo; everyone else only an approved story's, so a pending, rejected or withdrawn
        story's photo stays private even to someone who knows its name. Only a name of the exact
        shape the site gives a photo is looked at: any other spelling is refused before the database
        or the storage sees it.
        """
        if not PHOTO_NAME.fullmatch(name):
            return False
        return to.has_perm("stories.view_story") or self.published().filter(photo=name).exists()

    def sent_from_form(self, form_digest):
        """Whether a story was already stored from this copy of the form (see StoryForm.form_digest)."""
        return self.filter(form_digest=form_digest).exists()

    def urgent_from_form(self, form_digest):
        """Whether the story stored from this copy of the form may describe urgent signs happening now."""
        return self.filter(form_digest=form_digest, urgent=True).exists()

    def for_private_token(self, token):
        """
        The story this private link belongs to, or None. Withdrawn stories have no link any more.
        The lookup is by the token's SHA-256, so the database compares hashes, never the secret.
        """
        if not token:
            return None
        return self.filter(token_hash=hash_token(token)).exclude(status=Story.Status.WITHDRAWN).first()

    def rejected_before(self, cutoff):
        """Stories rejected (the decision made) before `cutoff`: past the time we keep them for."""
        return self.filter(status=Story.Status.REJECTED, moderated_at__lt=cutoff)

    def pending_oldest_first(self):
        """The moderators' queue: stories that may describe urgent signs, then the one that has waited longest."""
        return self.filter(status=Story.Status.PENDING).order_by("-urgent", "submitted_at", "pk")

    def queue_summary(self):
        """How many stories wait for a moderator, and since when the oldest has: for the admin's home page."""
        return self.filter(status=Story.Status.PENDING).aggregate(
            waiting=models.Count("pk"), oldest=models.Min("submitted_at")
        )


class Story(RenderedMarkdown):
    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for review"
        APPROVED = "approved", "Published"
        REJECTED = "rejected", "Not published"
        WITHDRAWN = "withdrawn", "Withdrawn by the author"

    # The one table of what may happen to a story: the model methods, the admin's buttons and the
    # author's page all ask it (story.can_approve ...), none repeats a status.
    TRANSITIONS = {
        "approve": {Status.PENDING, Status.REJECTED},
        "reject": {Status.PENDING, Status.APPROVED},
        "withdraw": {Status.PENDING, Status.APPROVED, Status.REJECTED},
    }

    display_name = models.CharField(
        max_length=60,
        help_text="The name shown with the story. Authors may use a first name or a made-up name.",
    )
    email = models.EmailField(
        blank=True,
        help_text="The author's email, for telling them what happened to their story. Never shown on the site.",
    )
    title = models.CharField(max_length=120, help_text="The story's heading.")
    slug = models.SlugField(max_length=80, unique=True, help_text="The story's web address under /stories/.")
    body = models.TextField(help_text="The story in the author's words (Markdown).")
    photo = models.ImageField(
        upload_to=f"{PHOTO_FOLDER}/",
        blank=True,
        help_text="Optional. Stored without its metadata (no location or camera details) under a random name.",
    )
    photo_alt = models.CharField(
        "photo description",
        max_length=200,
        blank=True,
        help_text="What the photo shows, for people who cannot see it.",
    )
    treatment_year = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(FIRST_TREATMENT_YEAR), validate_not_in_future],
        help_text="The year the author started Lemtrada, if they said.",
    )
    side_effects = models.ManyToManyField(
        "pages.SideEffect",
        blank=True,
        related_name="stories",
        help_text="Side effects the story talks about. The story is listed on each one's page.",
    )
    consent_version = models.CharField(max_length=20, help_text="Which wording of the consent the author agreed to.")
    consented_at = models.DateTimeField(help_text="When the author gave consent.")
    status = models.CharField(max_length=10, choices=Status, default=Status.PENDING)
    submitted_at = models.DateTimeField(default=timezone.now)
    moderated_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(
        auto_now=True, help_text="When anything about the story last changed (its feed entry shows this date)."
    )
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The signed-in account that sent the story, if any (so nobody approves their own story).",
    )
    rejection_reason = models.TextField(
        blank=True, help_text="Why the story was not published. The author receives this by email."
    )
    # Only a hash of the author's private link is kept; the link itself exists only in their email.
    token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    # A hash of the signed timer of the form it came from: one form, one story, however often it is sent.
    form_digest = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The moderator who last changed the author's words or details, if anyone did.",
    )
    edited_at = models.DateTimeField(null=True, blank=True, help_text="When a moderator last changed the story.")
    edited_fields = models.CharField(
        max_length=200, blank=True, help_text="What the moderator changed (the history has every version)."
    )
    # Filled by save() from the body (RENDERED, below): the sanitized HTML pages print, and the start of the
    # text as plain words for cards and descriptions. Withdrawal blanks them with the body.
    body_html = models.TextField(blank=True, editable=False)
    excerpt = models.TextField(blank=True, editable=False)

    # What the pre-screens (stories/prescreen.py) noticed, worked out again on every save; a story that
    # may describe urgent signs happening now goes to the top of the moderators' queue.
    flags = models.JSONField(default=list, blank=True, editable=False)
    urgent = models.BooleanField(default=False, editable=False)

    objects = StoryQuerySet.as_manager()
    RENDERED = {"body": ("body_html", "excerpt")}
    history = HistoricalRecords(
        excluded_fields=["token_hash", "form_digest", "flags", "urgent", "body_html", "excerpt"]
    )

    class Meta:
        verbose_name_plural = "stories"
        ordering = ["-published_at", "-submitted_at"]
        indexes = [
            models.Index(fields=["status", "-published_at"]),
            # The public list's order (see published()), for approved stories only: a page of the list is a
            # walk from where it starts (stories/paging.py), however many stories come before it.
            models.Index(
                fields=["-published_at", "-id"], condition=models.Q(status="approved"), name="story_published_order"
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, update_fields=None, **kwargs):
        normalise_line_endings(self)  # before the pre-screens, which read the text as it will be stored
        if not self.slug:
            self.slug = f"{slugify(self.title)[:60].strip('-') or 'story'}-{get_random_string(6).lower()}"
        self.flags = prescreen.screen(self) if self.status != self.Status.WITHDRAWN else []
        self.urgent = any(flag["kind"] == prescreen.URGENT for flag in self.flags)
        if update_fields is not None:
            update_fields = {*update_fields, "flags", "urgent"}
        super().save(*args, update_fields=update_fields, **kwargs)  # renders the body (RenderedMarkdown)

    def get_absolute_url(self):
        return reverse("stories:detail", kwargs={"slug": self.slug})

    def search_document(self):
        """What site search finds the story by: its title, no lead, and its text (Markdown); None unless published."""
        return (self.title, [], [self.body]) if self.is_public else None

    def rendered(self, field):
        """The body as sanitized HTML (its links marked as the author's) and its first words as plain text."""
        return rendered_body(self.body)

    def issue_private_token(self):
        """Give the story a new private link; returns the token, which is not stored anywhere."""
        token = secrets.token_urlsafe(32)
        self.token_hash = hash_token(token)
        return token

    def approve(self, moderator):
        """Publish the story; the moderator is recorded for the audit trail."""
        self._check_moderator(moderator)
        if not self.can_approve:
            raise ModerationRefused(f"“{self}” can't be published: it is {self.get_status_display().lower()}.")
        now = timezone.now()
        self.status, self.moderated_by, self.moderated_at, self.published_at = (
            self.Status.APPROVED,
            moderator,
            now,
            now,
        )
        self.rejection_reason = ""
        self.save(
            update_fields=["status", "moderated_by", "moderated_at", "published_at", "rejection_reason", "updated_at"]
        )

    def reject(self, moderator, reason):
        """Keep the story off the site; the author is told the reason."""
        self._check_moderator(moderator)
        if not reason.strip():
            raise ModerationRefused("Please give the author a reason.")
        if not self.can_reject:
            raise ModerationRefused(f"“{self}” can't be rejected: it is {self.get_status_display().lower()}.")
        self.status, self.moderated_by, self.moderated_at = self.Status.REJECTED, moderator, timezone.now()
        self.rejection_reason, self.published_at = reason.strip(), None
        self.save(
            update_fields=["status", "moderated_by", "moderated_at", "rejection_reason", "published_at", "updated_at"]
        )

    def withdraw(self):
        """
        The author takes the story back: unpublish it, delete the photo and erase every personal
        detail (and the edit history and admin log lines that hold copies of them). A dated stub
        stays for the record.
        """
        if not self.can_withdraw:
            raise ModerationRefused("This story has already been withdrawn.")
        photo_name = self.photo.name
        self.status, self.withdrawn_at, self.published_at = self.Status.WITHDRAWN, timezone.now(), None
        self.display_name = self.email = self.body = self.photo_alt = self.rejection_reason = self.edited_fields = ""
        self.title, self.slug = "Withdrawn story", f"withdrawn-{self.pk}"
        self.photo, self.treatment_year, self.token_hash = None, None, None
        with transaction.atomic():
            self.save()
            self.side_effects.clear()
            _forget_copies(self.pk, shown_as=self.title)
        if photo_name:
            erase_after_commit(photo_name)
        # Copies of pages that showed it, in the page cache (nginx replaces its own: docs/deploy.md).
        transaction.on_commit(page_cache.forget_old_copies)

    def erase_rejected(self):
        """
        Delete a rejected story for good, once we have kept it as long as we say (housekeeping): the row,
        its side-effect links, every earlier version in the history, its title in the admin log, and
        its photo once the deletion has committed. Nothing of it is left to publish or to leak.
        """
        if self.status != self.Status.REJECTED:
            raise ModerationRefused(f"“{self}” is {self.get_status_display().lower()}, not rejected.")
        pk, photo_name = self.pk, self.photo.name
        with transaction.atomic():
            # As it is now, not as it was read: a moderator may have published it again meanwhile, or its
            # author withdrawn it. The row stays locked until the deletion commits.
            still = Story.objects.select_for_update().filter(
                pk=pk, status=self.Status.REJECTED, moderated_at=self.moderated_at
            )
            if still.values_list("pk", flat=True).first() is None:
                raise ModerationRefused(f"“{self}” was moderated again or withdrawn after it was read: not erased.")
            self.delete()  # simple_history records the deletion with a copy of every field: removed below
            _forget_copies(pk, shown_as="Rejected story, erased")
        if photo_name:
            erase_after_commit(photo_name)

    def remove_photo(self, moderator):
        """Take the photo off the story (and out of storage) but keep the story; marked as a moderator's edit."""
        if not self.photo:
            raise ModerationRefused(f"“{self}” has no photo to remove.")
        photo_name = self.photo.name
        self.photo, self.photo_alt = None, ""
        self.record_edit(moderator, fields=["Photo"])
        self.save()
        erase_after_commit(photo_name)

    def record_edit(self, moderator, *, fields):
        """Mark the story as changed by a moderator, so the desk shows it before anyone approves it."""
        self.edited_by, self.edited_at = moderator, timezone.now()
        self.edited_fields = ", ".join(fields)[:200]

    def _check_moderator(self, moderator):
        if moderator is not None and moderator.pk is not None:
            own_account = self.submitted_by_id == moderator.pk
            own_email = bool(moderator.email) and mailbox(moderator.email) == mailbox(self.email)
            if own_account or own_email:
                raise ModerationRefused(f"You can't moderate “{self}”: you sent it yourself. Ask another moderator.")

    @property
    def is_public(self):
        return self.status == self.Status.APPROVED

    @property
    def is_pending(self):
        return self.status == self.Status.PENDING

    @property
    def can_approve(self):
        return self.status in self.TRANSITIONS["approve"]

    @property
    def can_reject(self):
        return self.status in self.TRANSITIONS["reject"]

    @property
    def can_withdraw(self):
        return self.status in self.TRANSITIONS["withdraw"]
