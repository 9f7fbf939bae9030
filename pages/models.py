import re
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import Permission
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import capfirst
from markdownx.models import MarkdownxField
from simple_history.models import HistoricalRecords

from . import citations, seed
from .history import when
from .markdown import render_markdown, visible_text

# First path segments the site itself answers; a page with one of these slugs could never be reached.
RESERVED_SLUGS = frozenset(
    {
        *["admin", "side-effects", "stories", "markdownx", "static", "media", "healthz", "search", "contact"],
        *["planner", "warning-signs"],
    }
)

# The page that is served at "/" rather than at its own slug.
HOME_SLUG = "home"

# The site's pages about itself: linked from the footer rather than the menu, and not clinical content
# (they carry no review by a health professional, and are not in the review reminders).
SITE_PAGE_SLUGS = ("about", "privacy", "accessibility")

# The permission to sign clinical content off (Review's; the Clinical reviewers group is granted it).
SIGN_OFF = "pages.sign_off_content"
# How long a sign-off lasts: one year unless the reviewer says otherwise, never more than three.
DEFAULT_REVIEW_YEARS = 1
MAX_REVIEW_YEARS = 3

# One item of a rendered Markdown list (urgent signs are written as one).
LIST_ITEM = re.compile(r"<li>(.*?)</li>", re.S)

# Pages that carry the "If you feel unwell after an infusion" panel (every side-effect page does too).
INFUSION_PANEL_SLUGS = frozenset({"treatment"})


def normalise_line_endings(instance):
    """
    Browsers send text areas with CR LF line ends; store LF only, so saving unchanged text from a form
    changes nothing. Applied to every text field of the instance.
    """
    for field in instance._meta.concrete_fields:
        if isinstance(field, models.CharField | models.TextField):
            value = getattr(instance, field.attname)
            if isinstance(value, str) and "\r" in value:
                setattr(instance, field.attname, value.replace("\r\n", "\n").replace("\r", "\n"))


class RenderedMarkdown(models.Model):
    """
    The one render-at-save path, for every model with Markdown (pages, side effects, stories).

    RENDERED names each Markdown field and the fields filled from it at every save: its sanitized HTML
    (and, for a story, its excerpt). Pages print what is stored and never render on a request;
    `manage.py rerender_markdown` renders every such model again when the renderer changes. Each save
    also stores text fields with LF line ends and moves `updated_at` (which the model must have).
    """

    RENDERED = {}

    class Meta:
        abstract = True

    def save(self, *args, update_fields=None, **kwargs):
        normalise_line_endings(self)
        self.render_stored_html()
        if update_fields is not None:
            # Every save is a change the public pages' version must see (see lemtrada_site/page_cache.py), and
            # a partial save of a Markdown field keeps what is rendered from it in step.
            update_fields = {*update_fields, "updated_at"}
            update_fields |= {target for field in update_fields for target in self.RENDERED.get(field, ())}
        super().save(*args, update_fields=update_fields, **kwargs)

    def rendered(self, field):
        """The values of RENDERED[field], worked out from the field's Markdown now: its sanitized HTML."""
        return (str(render_markdown(getattr(self, field))),)

    def render_stored_html(self):
        """Fill every field RENDERED names from its Markdown, through the one renderer."""
        for source, targets in self.RENDERED.items():
            for target, value in zip(targets, self.rendered(source), strict=True):
                setattr(self, target, value)

    @classmethod
    def stored_html_fields(cls):
        return [target for targets in cls.RENDERED.values() for target in targets]


def validate_slug_not_reserved(slug):
    if slug.lower() in RESERVED_SLUGS:
        raise ValidationError(
            "“%(slug)s” is already used by the site itself (for /%(slug)s/), so a page with this address could "
            "never be shown. Please choose a different one.",
            params={"slug": slug},
            code="reserved_slug",
        )


def years_after(day, years):
    """The same day `years` later (28 February when the day is 29 February and the year is not a leap year)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def may_sign_off(user):
    """
    Whether `user` may sign content off: someone granted the sign-off permission (an MS nurse, neurologist
    or pharmacist; the Clinical reviewers group has it). A superuser holds every permission without being
    granted it, but signing off is for clinicians: a superuser, too, needs it granted (to them or a group).
    """
    if not (user and user.is_active and user.has_perm(SIGN_OFF)):
        return False
    if not user.is_superuser:
        return True
    app_label, codename = SIGN_OFF.split(".")
    granted = Permission.objects.filter(content_type__app_label=app_label, codename=codename)
    return granted.filter(models.Q(user=user) | models.Q(group__user=user)).exists()


# The reviewers' to-do list shows what falls due within this many days, as well as what is overdue.
REVIEW_SOON_DAYS = 30


class ReviewReason(models.TextChoices):
    """Why an item is on the reviewers' to-do list; declaration order is the list's order."""

    OVERDUE = "overdue", "Past its review date"
    CHANGED = "changed", "Changed since its last review"
    DUE_SOON = "due_soon", f"Due within {REVIEW_SOON_DAYS} days"
    NEVER = "never", "Published but never reviewed"


class ReviewedContentQuerySet(models.QuerySet):
    def published(self):
        """The one definition of what the public may read."""
        return self.filter(status=ReviewedContent.Status.PUBLISHED)

    def with_review_reason(self, today=None):
        """
        Each row annotated with `review_reason`: why it is on the reviewers' to-do list (a ReviewReason
        value, the first that applies in that order), or "" when it is not. The one definition of that list:
        the admin's home page, its lists and the daily reminder all use it. Only clinical content is on it.
        """
        today = today or timezone.localdate()
        soon = today + timedelta(days=REVIEW_SOON_DAYS)
        reasons = [
            models.When(next_review_due__lt=today, then=models.Value(ReviewReason.OVERDUE)),
            models.When(changed_since_review=True, then=models.Value(ReviewReason.CHANGED)),
            models.When(next_review_due__lte=soon, then=models.Value(ReviewReason.DUE_SOON)),
            models.When(
                status=ReviewedContent.Status.PUBLISHED,
                last_reviewed__isnull=True,
                then=models.Value(ReviewReason.NEVER),
            ),
        ]
        if self.model.NOT_CLINICAL is not None:
            reasons.insert(0, models.When(self.model.NOT_CLINICAL, then=models.Value("")))
        return self.annotate(
            review_reason=models.Case(*reasons, default=models.Value(""), output_field=models.CharField())
        )

    def review_todo(self, today=None):
        """The reviewers' to-do list: clinical content past its review date, changed since its last
        sign-off, due within REVIEW_SOON_DAYS, or published and never signed off (see with_review_reason)."""
        return self.with_review_reason(today).exclude(review_reason="")


def public_rows(apps):
    """
    For the triggers that move the content version (lemtrada_site/content_version.py): each table of
    this app that a public page reads, and when a row of it is public (as published() says), in SQL
    about the row `{row}`. `apps`: the models as they are, or as a migration has them.
    """
    page, side_effect, review = (apps.get_model("pages", name)._meta for name in ["Page", "SideEffect", "Review"])
    published = f"'{ReviewedContent.Status.PUBLISHED.value}'"
    return {
        page.db_table: f"{{row}}.status = {published}",
        side_effect.db_table: f"{{row}}.status = {published}",
        # A sign-off shows as "Reviewed by ..." on the content it is about.
        review.db_table: (
            f"EXISTS (SELECT 1 FROM {page.db_table} p WHERE p.id = {{row}}.{review.get_field('page').column} "
            f"AND p.status = {published}) OR EXISTS (SELECT 1 FROM {side_effect.db_table} s "
            f"WHERE s.id = {{row}}.{review.get_field('side_effect').column} AND s.status = {published})"
        ),
    }


class ReviewedContent(RenderedMarkdown):
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
    # Both set only by a clinical reviewer's sign-off (see sign_off()); empty until the first one. They
    # copy the latest review record, so lists and reminders can filter on them.
    last_reviewed = models.DateField(
        null=True,
        blank=True,
        editable=False,
        help_text="The day a clinical reviewer last signed this content off. Empty until the first sign-off.",
    )
    next_review_due = models.DateField(
        null=True,
        blank=True,
        editable=False,
        help_text="When this content should next be checked, as the reviewer set it when signing off.",
    )
    sources = MarkdownxField(
        blank=True,
        help_text="Where the facts come from, one per line as a Markdown list: each document's title (linked where "
        "possible), its publisher and its date or version. Start a line with a short name and a colon (“PL: …”) "
        'and the citations in the text can name it (<!-- PL 4: "within 24 hours" -->). Shown under the content.',
    )
    sources_html = models.TextField(blank=True, editable=False)
    # The fingerprint of the text as last signed off (empty until the first sign-off), and whether the
    # text now differs from it: worked out at every save, so lists and the reminder can filter on it.
    reviewed_fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    changed_since_review = models.BooleanField(
        default=False,
        editable=False,
        help_text="Edited after its last clinical sign-off: readers are told the changes have not been checked.",
    )
    updated_at = models.DateTimeField(auto_now=True)
    # What `load_seed_content` last loaded, as a fingerprint of the row's content fields; empty when
    # the row never came from the content files. A row whose fingerprint still matches is unedited.
    seed_fingerprint = models.CharField(max_length=64, blank=True, editable=False)

    objects = ReviewedContentQuerySet.as_manager()

    # Rows that are not clinical content (no review by a health professional), as a condition; None: all are.
    NOT_CLINICAL = None

    # A review or sign-off, and the decision to publish, are about the content as it is now: going back
    # to an earlier text must not make it look reviewed when it was not, or publish or hide it.
    KEPT_ON_REVERT = ("status", "last_reviewed", "next_review_due")

    RENDERED = {"sources": ("sources_html",)}

    class Meta:
        abstract = True

    def save(self, *args, update_fields=None, **kwargs):
        # "Changed since its last review": the text differs from what was signed off (an edit put back as
        # it was is not a change).
        self.changed_since_review = bool(self.reviewed_fingerprint) and (
            self.reviewed_fingerprint != self.content_fingerprint()
        )
        if update_fields is not None:
            update_fields = {*update_fields, "changed_since_review"}
        super().save(*args, update_fields=update_fields, **kwargs)

    @classmethod
    def revertible_fields(cls):
        """The fields an editor writes that a revert puts back: everything but the review records."""
        return [
            field
            for field in cls._meta.concrete_fields
            if field.editable and not field.primary_key and field.name not in cls.KEPT_ON_REVERT
        ]

    def revert_to(self, version, *, user):
        """
        Put back the content of an earlier version (a historical record of this object); the status
        and review dates stay as they are. Raises ValidationError (nothing saved) if the old content
        no longer fits, for example a slug another page now uses.
        """
        for field in self.revertible_fields():
            setattr(self, field.attname, getattr(version, field.attname))
        self.full_clean()
        self._history_user = user
        self._change_reason = f"Reverted to the version of {when(version)}"
        self.save()

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED

    @property
    def is_overdue_for_review(self):
        return self.next_review_due is not None and self.next_review_due < timezone.localdate()

    # --- Clinical sign-off ---

    @property
    def is_clinical(self):
        return True

    def cited_fields(self):
        """The Markdown fields readers see as the item's text (not its sources): where claims are made."""
        return [name for name in self.RENDERED if name != "sources"]

    def claims_by_field(self):
        """Each text field's name and its claims (paragraphs and list items), each with its citations."""
        return [
            (self._meta.get_field(name).verbose_name, citations.claims(getattr(self, name)))
            for name in self.cited_fields()
        ]

    def citation_problems(self):
        """
        What keeps this item's text from being traceable: a paragraph or list item without a citation, a
        comment that is not written as one, and a citation naming a document its sources do not define
        by that short name (or define twice). Empty for content that carries no clinical claims.
        """
        if not self.is_clinical:
            return []
        defined = citations.defined_sources(self.sources)
        problems = [f"sources: “{name}” is defined {count} times" for name, count in defined.items() if count > 1]
        for label, claims in self.claims_by_field():
            for claim in claims:
                quoted = f"“{claim.text[:80]}”" if claim.text else ""
                if not claim.is_cited and claim.text:
                    problems.append(f"{label}: uncited {claim.kind} {quoted}")
                for note in claim.unreadable:
                    problems.append(f"{label}: not a citation ({note}) {quoted}".rstrip())
                for citation in claim.citations:
                    if citation.source not in defined:
                        problems.append(f"{label}: cites “{citation.source}”, which its sources do not list {quoted}")
        return problems

    def content_fingerprint(self):
        """A hash of what an editor writes (not the status or review dates): a sign-off is of this text."""
        return seed.fingerprint({field: getattr(self, field) for field in self.CONTENT_FIELDS}, self.CONTENT_FIELDS)

    @cached_property
    def latest_review(self):
        """
        The latest clinical sign-off of this content (a Review), or None when no clinical reviewer has
        ever signed it off. The only thing a page, or its metadata, may present as a review.
        """
        return self.reviews.order_by("-reviewed_at").first()

    def sign_off_problems(self):
        """
        Why this content can't be signed off as it is now, as sentences for the reviewer (empty when it can):
        whatever the model's own checks refuse. The sign-off screen says so before anyone starts reading,
        and sign_off() refuses too.
        """
        try:
            self.full_clean(validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            return [
                message
                if field == NON_FIELD_ERRORS
                else f"{capfirst(self._meta.get_field(field).verbose_name)}: {message}"
                for field, messages in error.message_dict.items()
                for message in messages
            ]
        return []

    @property
    def reviewed_as_it_is(self):
        """
        True when a clinical reviewer signed off the text exactly as it is now: the only time a page, a
        list or the metadata search engines read may say it was reviewed. The opposite of what the page
        says ("changed since its last review"), read from the same stored fields: no query or hash per row.
        """
        return bool(self.reviewed_fingerprint) and not self.changed_since_review

    def sign_off(self, reviewer, *, name, role, checked_against, note="", next_review_due, fingerprint):
        """
        Record a clinical reviewer's sign-off of the content as it is now. `fingerprint` is that of the
        version the reviewer read: if the text has changed since, or it has sign_off_problems(), nothing is
        saved (ValidationError).
        Raises PermissionDenied for anyone not granted the sign-off permission.
        """
        if not may_sign_off(reviewer):
            raise PermissionDenied("Only a clinical reviewer can sign off content.")
        with transaction.atomic():
            current = type(self).objects.select_for_update().get(pk=self.pk)
            if problems := current.sign_off_problems():
                raise ValidationError(problems, code="not_ready")
            if current.content_fingerprint() != fingerprint:
                raise ValidationError(
                    "The text was changed while you were reading it. Please read the current version and sign "
                    "it off again.",
                    code="changed",
                )
            review = Review(
                **{self.REVIEW_LINK: current},
                reviewer=reviewer,
                reviewer_name=name,
                reviewer_role=role,
                reviewed_on=timezone.localdate(),
                next_review_due=next_review_due,
                checked_against=checked_against,
                note=note,
                content_fingerprint=fingerprint,
            )
            review.full_clean()
            review.save()
            self.last_reviewed, self.next_review_due = review.reviewed_on, review.next_review_due
            self.reviewed_fingerprint = fingerprint
            self._history_user = reviewer
            self._change_reason = f"Signed off by {name}, {role}"
            self.save(update_fields=["last_reviewed", "next_review_due", "reviewed_fingerprint"])
        self.__dict__.pop("latest_review", None)
        return review


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
    body_html = models.TextField(blank=True, editable=False)
    history = HistoricalRecords(excluded_fields=["body_html", "sources_html"])

    NOT_CLINICAL = models.Q(slug__in=SITE_PAGE_SLUGS)

    RENDERED = {**ReviewedContent.RENDERED, "body": ("body_html",)}

    # What a reviewer reads and signs off: the text, not where it sits in the menu.
    CONTENT_FIELDS = [field for field in seed.PAGE_FIELDS if field not in {"position", "navigation_label"}]
    REVIEW_LINK = "page"

    class Meta:
        ordering = ["position", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        if self.slug == HOME_SLUG:
            return reverse("home")
        return reverse("pages:detail", kwargs={"slug": self.slug})

    def search_document(self):
        """
        What site search finds the page by: its title, what it says first and the rest of its text (Markdown);
        None while it is a draft.
        """
        return (self.title, [self.summary], [self.body]) if self.is_published else None

    @property
    def shows_infusion_panel(self):
        return self.slug in INFUSION_PANEL_SLUGS

    @property
    def menu_title(self):
        return self.navigation_label or self.title

    @property
    def is_clinical(self):
        return self.slug not in SITE_PAGE_SLUGS


class SideEffect(ReviewedContent):
    class Band(models.TextChoices):
        # The Package Leaflet's frequency categories (section 4). Declaration order is display order: most
        # common first, and last the side effects the leaflet gives no frequency for: those it names without
        # one (PML), and those it does not name at all, which another source warns of (low platelets soon
        # after an infusion, from the MHRA's Drug Safety Update).
        VERY_COMMON = "very_common", "Very common"
        COMMON = "common", "Common"
        UNCOMMON = "uncommon", "Uncommon"
        RARE = "rare", "Rare"
        NOT_KNOWN = "not_known", "Not known"
        NO_FREQUENCY = "no_frequency", "No frequency given"

    # How the leaflet says how many people each band may affect.
    BAND_MAY_AFFECT = {
        Band.VERY_COMMON: "may affect more than 1 in 10 people",
        Band.COMMON: "may affect up to 1 in 10 people",
        Band.UNCOMMON: "may affect up to 1 in 100 people",
        Band.RARE: "may affect up to 1 in 1,000 people",
        Band.NOT_KNOWN: "how often cannot be estimated from the available data",
        Band.NO_FREQUENCY: "the leaflet does not say how often",
    }

    # What an urgent side effect's signs mean doing. The leaflet says "Get help right away" for the signs
    # of a stroke, a heart attack or bleeding in the lungs (PL 2): in the UK, an ambulance. For the bleeding
    # and kidney disorders, TTP, HLH, adult-onset Still's disease and PML it says "call your doctor
    # immediately" (PL 4, PL 2), and "If you cannot reach your doctor, you must seek immediate medical
    # attention" (PL 4): IF_UNREACHABLE is the UK route for that, for a clinical reviewer to confirm (the
    # content README lists it). Every template says these words through the properties below.
    CALL_999 = "Call 999"
    MS_TEAM_IMMEDIATELY = "Contact your MS team immediately"
    IF_UNREACHABLE = "If you cannot reach your MS team, get medical help at once: go to A&E or call 999."

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
        help_text="How often it happens, exactly as section 4 of the Package Leaflet puts it: very common (more "
        "than 1 in 10 people), common (up to 1 in 10), uncommon (up to 1 in 100), rare (up to 1 in 1,000) or not "
        "known. Choose “No frequency given” when the leaflet gives none: it names the side effect without saying "
        "how often, or does not name it at all (a warning from another source, such as the MHRA). Say which on its "
        "page. Never guess: check the leaflet.",
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
        help_text="Tick if the Package Leaflet tells patients to act on its signs at once: to call their doctor "
        "“immediately”, or to get help “right away” for the signs of a stroke, a heart attack or bleeding in the "
        "lungs. Readers are then told to contact their MS team immediately (or, if they cannot reach them, to go "
        "to A&E or call 999), and it is listed first, under “Get help straight away”. For the leaflet's other "
        "words (“tell your doctor right away”, “report it to your doctor”), leave it unticked and use those words "
        "in “What to do”.",
    )
    emergency = models.BooleanField(
        "call 999",
        default=False,
        help_text="Tick as well if its signs mean calling 999 (an ambulance), not the MS team: the signs of a "
        "stroke, a heart attack or bleeding in the lungs. Only for urgent side effects.",
    )
    urgent_signs = MarkdownxField(
        blank=True,
        help_text="For urgent side effects: the signs that mean acting at once, as a Markdown list, each in the "
        "leaflet's words with its citation.",
    )
    position = models.PositiveSmallIntegerField(
        default=100,
        help_text="Order within its band: lower numbers come first.",
    )
    description_html = models.TextField(blank=True, editable=False)
    what_to_do_html = models.TextField(blank=True, editable=False)
    urgent_signs_html = models.TextField(blank=True, editable=False)
    history = HistoricalRecords(
        excluded_fields=["description_html", "what_to_do_html", "urgent_signs_html", "sources_html"]
    )

    RENDERED = {
        **ReviewedContent.RENDERED,
        "description": ("description_html",),
        "what_to_do": ("what_to_do_html",),
        "urgent_signs": ("urgent_signs_html",),
    }

    # What a reviewer reads and signs off: the text, its band and urgency; not its place in the list.
    CONTENT_FIELDS = [field for field in seed.SIDE_EFFECT_FIELDS if field != "position"]
    REVIEW_LINK = "side_effect"

    class Meta:
        ordering = ["band", "position", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("pages:side-effect", kwargs={"slug": self.slug})

    def search_document(self):
        """
        What site search finds the side effect by: its name, what it says first (its summary and urgent signs) and
        the rest of its text (Markdown); None while it is a draft.
        """
        if not self.is_published:
            return None
        return self.name, [self.summary, self.urgent_signs], [self.description, self.what_to_do]

    @property
    def frequency(self):
        return self.band_heading(self.band)

    @classmethod
    def band_heading(cls, band):
        """What the list's heading and a side effect's page say about how often it happens."""
        return f"{cls.Band(band).label}: {cls.BAND_MAY_AFFECT[band]}"

    @classmethod
    def urgent_in_order(cls, side_effects):
        """
        The urgent ones of `side_effects`, as every list of warning signs shows them: the 999 signs first, then
        those for the MS team immediately; each group by band (most common first), then position.
        """
        bands = list(cls.Band)
        return sorted(
            (effect for effect in side_effects if effect.urgent),
            key=lambda effect: (not effect.emergency, bands.index(effect.band), effect.position, effect.name),
        )

    @classmethod
    def signs_to_call_999(cls):
        """Every sign of the published side effects whose signs mean calling 999, each once, as plain text."""
        signs = []
        for effect in cls.urgent_in_order(cls.objects.published().filter(urgent=True, emergency=True)):
            for item in LIST_ITEM.findall(effect.urgent_signs_html):
                sign = " ".join(visible_text(item).split())
                if sign and sign not in signs:
                    signs.append(sign)
        return signs

    @classmethod
    def help_now(cls):
        """
        What someone who may have urgent signs now is told first (a story's thanks page and receipt): call 999 for
        the signs of a stroke, a heart attack or bleeding in the lungs, the MS team immediately for the rest.
        """
        return {
            "call_999": cls.CALL_999,
            "signs_to_call_999": cls.signs_to_call_999(),
            "ms_team_immediately": cls.MS_TEAM_IMMEDIATELY,
            "if_unreachable": cls.IF_UNREACHABLE,
        }

    @property
    def urgent_action(self):
        """What to do at once about its signs; empty for a side effect that is not urgent."""
        if not self.urgent:
            return ""
        return self.CALL_999 if self.emergency else self.MS_TEAM_IMMEDIATELY

    def clean(self):
        super().clean()
        if self.urgent and not self.urgent_signs.strip():
            raise ValidationError({"urgent_signs": "An urgent side effect needs the signs that mean acting at once."})
        if self.emergency and not self.urgent:
            raise ValidationError(
                {"urgent": "A side effect whose signs mean calling 999 is urgent: tick “urgent” too."}
            )


class Review(models.Model):
    """
    One clinical sign-off of a page or a side effect: who checked it, against what, and when it is
    next due. Kept for good; the latest one is what readers see.
    """

    page = models.ForeignKey(Page, null=True, blank=True, on_delete=models.CASCADE, related_name="reviews")
    side_effect = models.ForeignKey(
        SideEffect, null=True, blank=True, on_delete=models.CASCADE, related_name="reviews"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="content_reviews"
    )
    reviewer_name = models.CharField(
        "name shown to readers", max_length=100, help_text="Your name as readers will see it, e.g. “Sam Patel”."
    )
    reviewer_role = models.CharField(
        "role shown to readers",
        max_length=100,
        help_text="Your role as readers will see it, e.g. “MS specialist nurse” or “Consultant neurologist”.",
    )
    reviewed_on = models.DateField(default=timezone.localdate)
    next_review_due = models.DateField(
        help_text=f"When this should next be checked: a year from today unless you choose otherwise, and at most "
        f"{MAX_REVIEW_YEARS} years."
    )
    checked_against = models.TextField(
        help_text="What you checked it against, with its version or date, e.g. “Lemtrada SmPC, EMA, "
        "16 January 2020; MHRA Drug Safety Update, February 2020”."
    )
    note = models.TextField(blank=True, help_text="Optional: anything editors should know. Not shown to readers.")
    # The text the reviewer read: a later edit makes the content "changed since its last review".
    content_fingerprint = models.CharField(max_length=64, editable=False)
    reviewed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-reviewed_at"]
        permissions = [("sign_off_content", "Can sign off pages and side effects (health professionals only)")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(page__isnull=False, side_effect__isnull=True)
                | models.Q(page__isnull=True, side_effect__isnull=False),
                name="review_of_one_item",
            )
        ]

    def __str__(self):
        return f"{self.item}: signed off by {self.reviewer_name} on {self.reviewed_on:%d %B %Y}"

    @property
    def item(self):
        return self.page or self.side_effect

    def clean(self):
        super().clean()
        if self.next_review_due and self.reviewed_on:
            if self.next_review_due <= self.reviewed_on:
                raise ValidationError({"next_review_due": "The next review must be after today."})
            if self.next_review_due > years_after(self.reviewed_on, MAX_REVIEW_YEARS):
                raise ValidationError(
                    {"next_review_due": f"The next review can be at most {MAX_REVIEW_YEARS} years from today."}
                )


def default_next_review(today=None):
    return years_after(today or timezone.localdate(), DEFAULT_REVIEW_YEARS)


class FeedbackQuerySet(models.QuerySet):
    def received_before(self, cutoff):
        """Messages that arrived before `cutoff`: past the time we keep them for (FEEDBACK_RETENTION_DAYS)."""
        return self.filter(received_at__lt=cutoff)


class Feedback(models.Model):
    """A message from a reader about the site, sent with the contact form. Never shown publicly."""

    class Kind(models.TextChoices):
        WRONG = "wrong", "Something is wrong or out of date"
        NOT_FOUND = "not_found", "I could not find what I needed"
        OTHER = "other", "Something else"

    class Status(models.TextChoices):
        NEW = "new", "New"
        IN_PROGRESS = "in_progress", "In progress"
        DONE = "done", "Done"

    kind = models.CharField(max_length=20, choices=Kind)
    page_path = models.CharField(
        "about the page", max_length=200, blank=True, help_text="The page the reader was on, if any."
    )
    message = models.TextField()
    email = models.EmailField(blank=True, help_text="Only for replying. Never publish it.")
    status = models.CharField(
        max_length=20,
        choices=Status,
        default=Status.NEW,
        help_text="Move it on as you work on it, so other editors know.",
    )
    received_at = models.DateTimeField(auto_now_add=True)
    # Names the copy of the form it came from, so the same form sent twice is stored once.
    form_digest = models.CharField(max_length=64, unique=True, editable=False)

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at"]
        verbose_name = "message from a reader"
        verbose_name_plural = "messages from readers"

    def __str__(self):
        return f"{self.get_kind_display()} ({self.received_at:%d %B %Y})" if self.received_at else self.kind
