from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Case, Count, IntegerField, Value, When
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from markdownx.widgets import AdminMarkdownxWidget
from simple_history.admin import SimpleHistoryAdmin

from . import emails
from .forms import BODY_MAX_LENGTH
from .models import ModerationRefused, Story


class RejectionForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5, "cols": 80}),
        label="Reason for the author",
        help_text="The author receives this by email. Be kind and specific: say what they could change to have a "
        "new version published.",
    )


@admin.register(Story)
class StoryAdmin(SimpleHistoryAdmin):
    list_display = ["title", "display_name", "status", "submitted_at", "treatment_year", "moderated_by", "edited"]
    list_display_links = ["title"]
    list_filter = ["status", "side_effects", "treatment_year"]
    search_fields = ["title", "display_name", "body"]
    list_per_page = 50
    actions = ["approve_selected", "reject_selected", "erase_selected"]
    readonly_fields = [
        "preview",
        "status",
        "email",
        "photo_shown",
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
                "fields": ["preview"],
            },
        ),
        (
            "Moderation",
            {"fields": ["status", "edit_record", "moderated_by", "moderated_at", "published_at", "rejection_reason"]},
        ),
        (
            "The story",
            {
                "description": "You may correct small things (a name that identifies someone else, a typo). "
                "Every change is kept in the history.",
                "fields": [
                    "title",
                    "display_name",
                    "body",
                    "photo_shown",
                    "photo_alt",
                    "treatment_year",
                    "side_effects",
                ],
            },
        ),
        (
            "Author and consent",
            {
                "description": "The email address is only for telling the author what happened. Never publish it.",
                "fields": ["email", "submitted_at", "consent_version", "consented_at", "withdrawn_at"],
            },
        ),
    ]

    def get_ordering(self, request):
        # Pending stories first: they are the moderators' queue.
        pending_first = Case(
            When(status=Story.Status.PENDING, then=Value(0)), default=Value(1), output_field=IntegerField()
        )
        return [pending_first.asc(), "-submitted_at"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "body":
            kwargs.update(widget=AdminMarkdownxWidget, max_length=BODY_MAX_LENGTH)
        return super().formfield_for_dbfield(db_field, request, **kwargs)

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
        return super().changelist_view(request, {**(extra_context or {}), "status_counts": status_counts})

    def save_model(self, request, obj, form, change):
        if change and form.changed_data:
            obj.record_edit(request.user, fields=[str(form.fields[name].label) for name in form.changed_data])
        super().save_model(request, obj, form, change)

    @admin.display(boolean=True, description="Edited by a moderator")
    def edited(self, story):
        return story.edited_at is not None

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

    @admin.display(description="Photo")
    def photo_shown(self, story):
        if not story.photo:
            return "No photo"
        return format_html('<img class="story-admin-photo" src="{}" alt="{}">', story.photo.url, story.photo_alt)

    # --- Moderation: the actions and the change page's buttons both end here --------------------

    def get_urls(self):
        own = [
            path("<int:pk>/approve/", self.admin_site.admin_view(self.approve_view), name="stories_story_approve"),
            path("reject/", self.admin_site.admin_view(self.reject_view), name="stories_story_reject"),
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
        self._moderate(request, list(queryset), lambda story: story.withdraw(), "withdrawn and erased.", tell=False)

    def approve_view(self, request, pk):
        if request.method != "POST" or not self.has_change_permission(request):
            raise PermissionDenied
        self._approve(request, list(Story.objects.filter(pk=pk)))
        return redirect("admin:stories_story_change", pk)

    def reject_view(self, request):
        if not self.has_change_permission(request):
            raise PermissionDenied
        ids = [int(pk) for pk in request.GET.get("ids", "").split(",") if pk.isdigit()]
        stories = list(Story.objects.filter(pk__in=ids))
        form = RejectionForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            self._reject(request, stories, form.cleaned_data["reason"])
            if len(stories) == 1:
                return redirect("admin:stories_story_change", stories[0].pk)
            return redirect("admin:stories_story_changelist")
        context = {
            **self.admin_site.each_context(request),
            "title": "Reject stories",
            "opts": self.opts,
            "stories": stories,
            "form": form,
        }
        return TemplateResponse(request, "admin/stories/story/reject.html", context)

    def _approve(self, request, stories):
        self._moderate(
            request, stories, lambda story: story.approve(request.user), "published. The authors have been told."
        )

    def _reject(self, request, stories, reason):
        self._moderate(
            request,
            stories,
            lambda story: story.reject(request.user, reason=reason),
            "rejected. The authors have been sent your reason.",
        )

    def _moderate(self, request, stories, step, outcome, *, tell=True):
        """Apply one moderation step to each story, tell its author, and say what happened."""
        done = 0
        for story in stories:
            try:
                with transaction.atomic():
                    # Locked and read afresh: the author may have withdrawn it a moment ago.
                    story = Story.objects.select_for_update().get(pk=story.pk)
                    step(story)
                    if tell:
                        emails.story_moderated(story)
            except ModerationRefused as refusal:
                self.message_user(request, str(refusal), messages.ERROR)
                continue
            done += 1
        if done:
            self.message_user(request, f"{_count(done)} {outcome}", messages.SUCCESS)


def _count(number):
    return "1 story" if number == 1 else f"{number} stories"
