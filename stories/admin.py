from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Case, Count, DateTimeField, F, IntegerField, Q, Value, When
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator
from django.utils.timesince import timesince
from markdownx.widgets import AdminMarkdownxWidget
from simple_history.admin import SimpleHistoryAdmin

from pages.models import SideEffect

from . import emails, export, prescreen
from .forms import BODY_MAX_LENGTH
from .models import ModerationRefused, Story

# Reasons moderators give most often, in words for the author: each says what they could change. The
# moderator can change the words before sending, or write their own.
STOCK_REASONS = {
    "identifies": (
        "It names or identifies someone else",
        "Your story names or describes someone else (for example a family member, a nurse or a doctor) in a way "
        "that could identify them. We can publish it if you leave out their name and anything else that would "
        "tell readers who they are. You are welcome to send it again.",
    ),
    "advice": (
        "It tells readers what to do about their treatment",
        "Your story tells readers what they should do about their own treatment. We publish people's own "
        "experiences, not advice, because everyone's treatment is different. If you tell it as what happened to "
        "you, you are welcome to send it again.",
    ),
    "contact_details": (
        "It has contact details, links or advertising",
        "Your story includes contact details, web links or advertising, which we can't publish, to keep everyone "
        "safe. If you take them out, you are welcome to send it again.",
    ),
    "not_about_lemtrada": (
        "It is not about having Lemtrada",
        "This site publishes stories about having Lemtrada (alemtuzumab) for MS. Your story is about something "
        "else, so we can't publish it here. Thank you for sending it.",
    ),
    "sent_before": (
        "The same story was sent before",
        "We already have this story from you, so we have not published this copy. You can see the other one "
        "through the private link in its receipt.",
    ),
}
OTHER_REASON = "other"


class RejectionForm(forms.Form):
    """A stock reason (whose words the moderator may change) or their own; the author receives the words."""

    choice = forms.ChoiceField(
        label="Why can't it be published?",
        choices=[*((key, label) for key, (label, _) in STOCK_REASONS.items()), (OTHER_REASON, "Another reason")],
        widget=forms.RadioSelect,
        error_messages={"required": "Please choose a reason, or “Another reason” and write your own."},
    )
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 7}),
        label="Reason for the author",
        required=False,
        help_text="The author receives this by email. Be kind and specific: say what they could change to have a "
        "new version published. Choosing a reason above puts its words here for you to change; leave this empty "
        "to send them as they are.",
    )

    def clean(self):
        cleaned = super().clean()
        choice, reason = cleaned.get("choice"), (cleaned.get("reason") or "").strip()
        if choice == OTHER_REASON and not reason:
            self.add_error("reason", "Please write your reason for the author.")
        elif choice in STOCK_REASONS and not reason:
            cleaned["reason"] = STOCK_REASONS[choice][1]
        return cleaned

    @property
    def stock_reasons(self):
        """Each radio button with the words it sends, shown under it."""
        return [(radio, STOCK_REASONS.get(radio.data["value"], ("", ""))[1]) for radio in self["choice"]]


class PublishedSideEffectFilter(admin.RelatedFieldListFilter):
    """Filter by side effect, offering only published ones: a draft's name stays in the editors' admin."""

    def field_choices(self, field, request, model_admin):
        return [(side_effect.pk, side_effect.name) for side_effect in SideEffect.objects.published()]


@admin.register(Story)
class StoryAdmin(SimpleHistoryAdmin):
    # The desk: one line a story (title, excerpt, side effects), what to notice about it, and where it stands.
    list_display = ["summary", "flag_badges", "waiting"]
    list_display_links = ["summary"]
    list_filter = ["status", ("side_effects", PublishedSideEffectFilter), "treatment_year"]
    search_fields = ["title", "display_name", "body"]
    list_per_page = 50
    actions = ["approve_selected", "reject_selected", "erase_selected"]
    readonly_fields = [
        "flags_explained",
        "preview",
        "status",
        "email",
        "submitted_at",
        "consent_version",
        "consented_at",
        "moderated_by",
        "moderated_at",
        "published_at",
        "withdrawn_at",
        "rejection_reason",
        "edit_record",
    ]

    fieldsets = [
        (
            "As it will be published",
            {
                "description": "This is how the story will look on the site. Read it through before approving.",
                "fields": ["flags_explained", "preview"],
            },
        ),
        (
            "Moderation",
            {"fields": ["status", "edit_record", "moderated_by", "moderated_at", "published_at", "rejection_reason"]},
        ),
        (
            "Correct the story",
            {
                "classes": ["collapse"],
                "description": "You may correct small things (a name that identifies someone else, a typo). "
                "Every change is kept in the history.",
                "fields": ["title", "display_name", "body", "photo_alt", "treatment_year", "side_effects"],
            },
        ),
        (
            "Author and consent",
            {
                "classes": ["collapse"],
                "description": "The email address is only for telling the author what happened. Never publish it.",
                "fields": ["email", "submitted_at", "consent_version", "consented_at", "withdrawn_at"],
            },
        ),
    ]

    def get_ordering(self, request):
        # The moderators' queue first (as Story.objects.pending_oldest_first): pending stories that may describe
        # urgent signs, then the longest-waiting. The rest newest first.
        pending = Q(status=Story.Status.PENDING)
        queue = Case(
            When(pending & Q(urgent=True), then=Value(0)),
            When(pending, then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        )
        waiting_since = Case(When(pending, then=F("submitted_at")), default=None, output_field=DateTimeField())
        return [queue.asc(), waiting_since.asc(nulls_last=True), "-submitted_at", "-pk"]

    def get_queryset(self, request):
        # Only published side effects outside the editing form: a draft's name must not show on the desk. Who
        # corrected each story (the desk's "Edited" note names them) comes in the same query.
        return super().get_queryset(request).with_public_side_effects().select_related("edited_by")

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "body":
            kwargs.update(widget=AdminMarkdownxWidget, max_length=BODY_MAX_LENGTH)
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def view_on_site(self, story):
        """Only a published story has a page on the site: no "View on site" link to a 404 for the rest."""
        return story.get_absolute_url() if story.is_public else None

    def has_add_permission(self, request):
        return False  # stories come from their authors, through the form

    def has_delete_permission(self, request, obj=None):
        # Deleting would keep the photo and the history's copies; "Withdraw and erase" removes both.
        return False

    def revert_disabled(self, request, obj=None):
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # Reverting would restore an old status too: a rejected story republished without approve()
        # and its rules. The history list still shows every change.
        raise PermissionDenied

    def changelist_view(self, request, extra_context=None):
        counts = dict(Story.objects.values_list("status").annotate(count=Count("pk")).values_list("status", "count"))
        status_counts = [(label, counts.get(value, 0), value) for value, label in Story.Status.choices]
        context = {"status_counts": status_counts, "current_status": request.GET.get("status__exact")}
        return super().changelist_view(request, {**(extra_context or {}), **context})

    def save_model(self, request, obj, form, change):
        if change and form.changed_data:
            obj.record_edit(request.user, fields=[str(form.fields[name].label) for name in form.changed_data])
        super().save_model(request, obj, form, change)

    @admin.display(description="Story")
    def summary(self, story):
        excerpt = Truncator(story.excerpt).chars(160)
        mentioned = ", ".join(side_effect.name for side_effect in story.side_effects.all())
        return format_html(
            '<bdi class="desk-title">{}</bdi> <bdi class="desk-excerpt">{}</bdi>{}',
            story.title,
            excerpt,
            format_html('<span class="desk-side-effects">Mentions: {}</span>', mentioned) if mentioned else "",
        )

    @admin.display(description="Notes")
    def flag_badges(self, story):
        """What the pre-screens noticed, and whether a moderator changed the author's words: in words, no icons."""
        kinds = {flag["kind"] for flag in story.flags}
        reasons = sorted({flag["why"] for flag in story.flags if flag["kind"] == prescreen.IDENTIFY})
        badges = []
        if prescreen.URGENT in kinds:
            badges.append(format_html('<span class="flag flag-urgent">{}</span>', "Urgent signs"))
        if reasons:
            badges.append(
                format_html(
                    '<span class="flag flag-identify" title="{}">{}</span>',
                    ", ".join(reasons),
                    f"Identifies? ({len(reasons)})",
                )
            )
        if story.edited_at is not None:
            badges.append(
                format_html('<span class="flag flag-edited" title="{}">{}</span>', self.edit_record(story), "Edited")
            )
        return format_html_join("", "{}", ((badge,) for badge in badges)) or "–"

    @admin.display(description="Status", ordering="submitted_at")
    def waiting(self, story):
        """How long a waiting story has waited; any other story's status."""
        if not story.is_pending:
            return story.get_status_display()
        return f"Waiting {timesince(story.submitted_at, depth=1)}"

    @admin.display(description="Pre-screen flags")
    def flags_explained(self, story):
        if not story.flags:
            return "Nothing flagged. The pre-screens only look for some things: read the story as usual."
        items = format_html_join(
            "",
            "<li><strong>{}</strong>: {} in the {}: “{}”</li>",
            (
                (
                    prescreen.KIND_LABELS[flag["kind"]],
                    flag["why"],
                    FIELD_NAMES[flag["field"]],
                    _in_context(story, flag),
                )
                for flag in story.flags
            ),
        )
        return format_html(
            '<ul class="flag-list">{}</ul><p class="help">Flags point things out; they decide nothing.</p>', items
        )

    @admin.display(description="Changed by a moderator")
    def edit_record(self, story):
        if story.edited_at is None:
            return "No: these are the author's own words."
        who = story.edited_by.get_username() if story.edited_by else "a moderator"
        when = timezone.localtime(story.edited_at).strftime("%-d %B %Y, %H:%M")
        return f"Yes: {who} changed {story.edited_fields or 'it'} on {when}. The history has every version."

    @admin.display(description="Preview")
    def preview(self, story):
        # Only published side effects, as readers will see them: a draft's name must not show here.
        story = Story.objects.with_public_side_effects().get(pk=story.pk)
        return render_to_string("admin/stories/story_preview.html", {"story": story})

    # --- Moderation: the actions and the change page's buttons both end here --------------------

    def get_urls(self):
        own = [
            path("<int:pk>/approve/", self.admin_site.admin_view(self.approve_view), name="stories_story_approve"),
            path(
                "<int:pk>/remove-photo/",
                self.admin_site.admin_view(self.remove_photo_view),
                name="stories_story_remove_photo",
            ),
            path("reject/", self.admin_site.admin_view(self.reject_view), name="stories_story_reject"),
            path("export.<str:kind>", self.admin_site.admin_view(self.export_view), name="stories_story_export"),
        ]
        return own + super().get_urls()

    @admin.action(description="Approve selected stories", permissions=["change"])
    def approve_selected(self, request, queryset):
        self._approve(request, list(queryset))

    @admin.action(description="Reject selected stories", permissions=["change"])
    def reject_selected(self, request, queryset):
        ids = ",".join(str(pk) for pk in queryset.values_list("pk", flat=True))
        return redirect(f"{reverse('admin:stories_story_reject')}?ids={ids}")

    @admin.action(description="Withdraw and erase selected stories (at the author's request)", permissions=["change"])
    def erase_selected(self, request, queryset):
        self._moderate(request, list(queryset), lambda story: story.withdraw(), "withdrawn and erased", None)

    def approve_view(self, request, pk):
        if request.method != "POST" or not self.has_change_permission(request):
            raise PermissionDenied
        self._approve(request, list(Story.objects.filter(pk=pk)))
        return self._next_or_back(request, pk)

    def remove_photo_view(self, request, pk):
        if request.method != "POST" or not self.has_change_permission(request):
            raise PermissionDenied
        with transaction.atomic():
            story = Story.objects.select_for_update().get(pk=pk)
            try:
                story.remove_photo(request.user)
            except ModerationRefused as refusal:
                self.message_user(request, str(refusal), messages.ERROR)
            else:
                self.message_user(
                    request, f"The photo was removed from “{story}”. The story is kept.", messages.SUCCESS
                )
        return redirect("admin:stories_story_change", pk)

    def _next_or_back(self, request, pk):
        """After a moderation step: the next story in the queue when asked for, else this story again."""
        if not request.POST.get("next"):
            return redirect("admin:stories_story_change", pk)
        following = Story.objects.pending_oldest_first().exclude(pk=pk).first()
        if following is None:
            self.message_user(request, "No more stories are waiting. Well done.", messages.INFO)
            return redirect("admin:stories_story_changelist")
        return redirect("admin:stories_story_change", following.pk)

    def export_view(self, request, kind):
        """Every story but withdrawn ones, for the site owner; moderators only (emails and private links left out)."""
        if not self.has_change_permission(request) or kind not in {"csv", "json"}:
            raise PermissionDenied
        content_type = "text/csv; charset=utf-8" if kind == "csv" else "application/json"
        response = HttpResponse(content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="stories-{timezone.localdate():%Y-%m-%d}.{kind}"'
        (export.write_csv if kind == "csv" else export.write_json)(response)
        return response

    def reject_view(self, request):
        """The reasons beside the story (or stories) being rejected, each as it would be published."""
        if not self.has_change_permission(request):
            raise PermissionDenied
        ids = [int(pk) for pk in request.GET.get("ids", "").split(",") if pk.isdigit()]
        stories = list(Story.objects.with_public_side_effects().filter(pk__in=ids).order_by("submitted_at", "pk"))
        form = RejectionForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            self._reject(request, stories, form.cleaned_data["reason"])
            if len(stories) == 1:
                return self._next_or_back(request, stories[0].pk)
            return redirect("admin:stories_story_changelist")
        context = {
            **self.admin_site.each_context(request),
            "title": f"Reject “{stories[0]}”" if len(stories) == 1 else f"Reject {len(stories)} stories",
            "media": forms.Media(js=["js/stock_reasons.js"]),
            "opts": self.opts,
            "stories": stories,
            "form": form,
            "and_next": bool(request.GET.get("next") or request.POST.get("next")),
        }
        return TemplateResponse(request, "admin/stories/story/reject.html", context)

    def _approve(self, request, stories):
        self._moderate(request, stories, lambda story: story.approve(request.user), "published", "been told")

    def _reject(self, request, stories, reason):
        self._moderate(
            request,
            stories,
            lambda story: story.reject(request.user, reason=reason),
            "rejected",
            "been sent your reason",
        )

    def _moderate(self, request, stories, step, done_to, told):
        """Apply one moderation step to each story, tell its author (if `told` says how), and say what happened."""
        done = []
        for story in stories:
            try:
                with transaction.atomic():
                    # Locked and read afresh: the author may have withdrawn it a moment ago.
                    story = Story.objects.select_for_update().get(pk=story.pk)
                    title = story.title  # before the step: erasing a story erases its title too
                    step(story)
                    if told:
                        emails.story_moderated(story)
            except ModerationRefused as refusal:
                self.message_user(request, str(refusal), messages.ERROR)
                continue
            done.append(title)
        if done:
            self.message_user(request, _outcome(done, done_to, told), messages.SUCCESS)


# How many stories a message names before it says "and N more".
NAMED_IN_A_MESSAGE = 5


def _outcome(titles, done_to, told):
    """
    What a moderation step did, naming the stories: "“Five days” has been published. Its author has been told."
    / "3 stories have been published: “A”, “B” and “C”. Their authors have been told."
    """
    quoted = [f"“{title}”" for title in titles[:NAMED_IN_A_MESSAGE]]
    if len(titles) > NAMED_IN_A_MESSAGE:
        quoted.append(f"{len(titles) - NAMED_IN_A_MESSAGE} more")
    if len(titles) == 1:
        return f"{quoted[0]} has been {done_to}." + (f" Its author has {told}." if told else "")
    names = f"{', '.join(quoted[:-1])} and {quoted[-1]}"
    return f"{len(titles)} stories have been {done_to}: {names}." + (f" Their authors have {told}." if told else "")


FIELD_NAMES = {"display_name": "name", "title": "title", "body": "story", "photo_alt": "photo description"}


def _in_context(story, flag):
    """The flagged words with a few words either side, the flagged ones marked, as readers see the text."""
    readings = prescreen.readings(story, flag["field"])
    text = next((reading for reading in readings if flag["words"] in reading), "")
    start = text.find(flag["words"])
    if start < 0:
        return flag["words"]
    end = start + len(flag["words"])
    before, after = text[max(0, start - 50) : start], text[end : end + 50]
    return format_html(
        "{}{}<mark>{}</mark>{}{}",
        "…" if start > 50 else "",
        before,
        flag["words"],
        after,
        "…" if end + 50 < len(text) else "",
    )
