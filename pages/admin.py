import re

from django import forms, http
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AdminDateWidget
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats
from django.utils.safestring import mark_safe
from markdownx.models import MarkdownxField
from markdownx.widgets import AdminMarkdownxWidget
from simple_history.admin import SimpleHistoryAdmin

from . import history
from .markdown import MAX_MARKDOWN_LENGTH, render_markdown
from .models import (
    MAX_REVIEW_YEARS,
    Feedback,
    Page,
    Review,
    ReviewReason,
    SideEffect,
    default_next_review,
    may_sign_off,
)


class ReviewStatusFilter(admin.SimpleListFilter):
    """The reviewers' to-do list (the same as the admin's home page and the reminder), and each reason for it."""

    title = "clinical review"
    parameter_name = "review"
    TODO = "todo"
    UP_TO_DATE = "up_to_date"

    def lookups(self, request, model_admin):
        return [
            (self.TODO, "On the reviewers' to-do list"),
            *((reason.value, reason.label) for reason in ReviewReason),
            (self.UP_TO_DATE, "Not on the to-do list"),
        ]

    def queryset(self, request, queryset):
        if self.value() == self.TODO:
            return queryset.review_todo()
        if self.value() in ReviewReason.values:
            return queryset.with_review_reason().filter(review_reason=self.value())
        if self.value() == self.UP_TO_DATE:
            return queryset.with_review_reason().filter(review_reason="")
        return queryset


HEADING_TAG = re.compile(r"<(/?)h([1-6])>")


def headings_below(html, *, level):
    """Sanitized HTML (its headings start at h2) with each heading moved down so h2 sits just below `level`."""
    return mark_safe(HEADING_TAG.sub(lambda tag: f"<{tag[1]}h{min(int(tag[2]) + level - 1, 6)}>", str(html)))


class LineEndingsForm(forms.ModelForm):
    """
    Browsers send text areas with CR LF line ends, and the database holds LF (the model normalises on
    save). Normalising what was sent too means saving unchanged text records no change. A summary is
    written in a box that shows all of it, but stays one line.
    """

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and hasattr(data, "lists"):
            normalised = data.copy()
            for key, values in data.lists():
                normalised.setlist(key, [value.replace("\r\n", "\n") for value in values])
            data = normalised
        super().__init__(data, *args, **kwargs)

    def clean_summary(self):
        return " ".join(self.cleaned_data["summary"].split())


class SignOffForm(forms.Form):
    reviewer_name = forms.CharField(label="Your name, as readers will see it", max_length=100)
    reviewer_role = forms.CharField(
        label="Your role, as readers will see it",
        max_length=100,
        help_text="For example “MS specialist nurse” or “Consultant neurologist”.",
    )
    checked_against = forms.CharField(
        label="What you checked it against",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Each source with its version or date, for example “Lemtrada SmPC, EMA, 16 January 2020”.",
    )
    next_review_due = forms.DateField(label="Next review due", widget=AdminDateWidget)
    note = forms.CharField(
        label="Note for editors (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    fingerprint = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The date as the box shows it (day/month/year here), with an example a year from today.
        example = formats.localize_input(default_next_review(), formats.get_format("DATE_INPUT_FORMATS")[0])
        self.fields["next_review_due"].help_text = (
            f"Day, month and year, for example {example} (a year from today, which is the usual choice). "
            f"At most {MAX_REVIEW_YEARS} years from today."
        )


class ReviewedContentAdmin(SimpleHistoryAdmin):
    """Shared desk for content that carries a status, review dates and sources."""

    form = LineEndingsForm
    formfield_overrides = {MarkdownxField: {"widget": AdminMarkdownxWidget, "max_length": MAX_MARKDOWN_LENGTH}}

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "summary":
            # One sentence of up to 200 characters: a box that shows all of it, not a short input that cuts it off.
            kwargs["widget"] = forms.Textarea(attrs={"rows": 2, "class": "summary-box"})
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    list_filter = ["status", ReviewStatusFilter]
    list_per_page = 50
    save_on_top = True
    change_form_template = "admin/pages/reviewed_content/change_form.html"  # not every pages model
    readonly_fields = ["last_reviewed", "next_review_due"]
    review_fieldset = (
        "Review and sources",
        {
            "description": "Readers see the sources under the text. Only a clinical reviewer can set the review "
            "dates, with the “Sign off” button at the top, after reading the current text.",
            "fields": ["status", "sources", "last_reviewed", "next_review_due"],
        },
    )

    def get_queryset(self, request):
        return super().get_queryset(request).with_review_reason()

    def view_on_site(self, obj):
        """A draft has no page on the site yet: no "View on site" link to a 404."""
        return obj.get_absolute_url() if obj.is_published else None

    @admin.display(description="Clinical review")
    def clinical_review(self, obj):
        """Why it is on the reviewers' to-do list (the home page's and the reminder's reasons), or a dash."""
        return ReviewReason(obj.review_reason).label if obj.review_reason else "–"

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        extra_context = {
            **(extra_context or {}),
            "can_sign_off": obj is not None and may_sign_off(request.user),
            "sign_off_problems": obj.sign_off_problems() if obj is not None else [],
        }
        return super().change_view(request, object_id, form_url, extra_context)

    # --- Clinical sign-off: a reviewer reads the current text, then records their review ---

    def sign_off_view(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise http.Http404
        if not (may_sign_off(request.user) and self.has_view_permission(request, obj)):
            raise PermissionDenied
        if request.method == "POST":
            form = SignOffForm(request.POST)
            if form.is_valid():
                data = form.cleaned_data
                try:
                    obj.sign_off(
                        request.user,
                        name=data["reviewer_name"],
                        role=data["reviewer_role"],
                        checked_against=data["checked_against"],
                        note=data["note"],
                        next_review_due=data["next_review_due"],
                        fingerprint=data["fingerprint"],
                    )
                except ValidationError as error:
                    errors = error.message_dict if hasattr(error, "error_dict") else {None: error.messages}
                    for field, field_errors in errors.items():
                        for message in field_errors:
                            form.add_error(field if field in form.fields else None, message)
                else:
                    self.message_user(
                        request,
                        f"You signed off “{obj}”. Readers now see your name and role, and the next review is "
                        f"due on {history.shown(obj, obj._meta.get_field('next_review_due'))}.",
                        messages.SUCCESS,
                    )
                    return redirect(self._admin_url("change", obj))
            # A stale form carries the version it was read from: show the current one to read again.
            form.data = form.data.copy()
            form.data["fingerprint"] = obj.content_fingerprint()
        else:
            previous = Review.objects.filter(reviewer=request.user).first()
            form = SignOffForm(
                initial={
                    "reviewer_name": previous.reviewer_name if previous else request.user.get_full_name(),
                    "reviewer_role": previous.reviewer_role if previous else "",
                    "next_review_due": default_next_review(),
                    "fingerprint": obj.content_fingerprint(),
                }
            )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": obj,
            "title": f"Sign off “{obj}”",
            "form": form,
            # The admin's own form layout (aligned labels, help, errors), as on every change form.
            "adminform": helpers.AdminForm(
                form, [("Your sign-off", {"fields": [field.name for field in form.visible_fields()]})], {}
            ),
            "media": self.media + form.media,
            # Said first, before any reading: what must be corrected before this can be signed off at all.
            "problems": obj.sign_off_problems(),
            "content": self._content_to_read(obj),
            "claims": obj.claims_by_field() if obj.is_clinical else [],
            "changes_since_review": self._changes_since_review(obj),
            "change_url": self._admin_url("change", obj),
        }
        return TemplateResponse(request, "admin/pages/sign_off.html", context)

    def _content_to_read(self, obj):
        """
        Each content field as readers will see it (Markdown rendered by the site's one renderer), its own
        headings moved below the screen's: each field is a level-3 heading under "The text now".
        """
        shown = []
        for name in obj.CONTENT_FIELDS:
            field = obj._meta.get_field(name)
            value = getattr(obj, name)
            if isinstance(field, MarkdownxField):
                shown.append((field.verbose_name, headings_below(render_markdown(value), level=3), True))
            else:
                shown.append((field.verbose_name, history.shown(obj, field), False))
        return shown

    def _changes_since_review(self, obj):
        """What changed in the text since the latest sign-off, word by word; None when never signed off."""
        review = obj.latest_review
        if review is None:
            return None
        try:
            reviewed = obj.history.as_of(review.reviewed_at)
        except obj.DoesNotExist:
            return None
        fields = [obj._meta.get_field(name) for name in obj.CONTENT_FIELDS]
        return history.changes(reviewed, obj, fields)

    def _admin_url(self, view, obj):
        return reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_{view}", args=[obj.pk])

    # --- History: each version compared with the content now, and a revert that keeps review records ---

    def get_urls(self):
        opts = self.model._meta
        revert = path(
            "<path:object_id>/history/<int:version_id>/revert/",
            self.admin_site.admin_view(self.revert_view),
            name=f"{opts.app_label}_{opts.model_name}_revert",
        )
        sign_off = path(
            "<path:object_id>/sign-off/",
            self.admin_site.admin_view(self.sign_off_view),
            name=f"{opts.app_label}_{opts.model_name}_sign_off",
        )
        return [revert, sign_off, *super().get_urls()]

    def get_history_queryset(self, request, history_manager, pk_name, object_id):
        # django-simple-history's own version adds select_related() with no field names for models
        # without foreign keys, which Django 6.1 deprecates; these models have none to fetch.
        return history_manager.filter(**{pk_name: object_id}).select_related("history_user")

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """One version: what it changed, and how it differs from the content now."""
        obj, version = self._version(request, object_id, version_id)
        if not self.has_view_history_or_change_history_permission(request, obj):
            raise PermissionDenied
        previous = version.prev_record
        context = {
            **self._version_context(request, obj, version),
            "title": f"{obj}: the version of {history.when(version)}",
            "edit_changes": history.changes(previous.instance, version.instance, self._all_fields())
            if previous
            else None,
            "can_revert": self.has_change_history_permission(request, obj),
        }
        return TemplateResponse(request, "admin/pages/history_version.html", context)

    def revert_view(self, request, object_id, version_id):
        """Shows what reverting would change and asks; a POST reverts, keeping the review records."""
        obj, version = self._version(request, object_id, version_id)
        if not self.has_change_history_permission(request, obj):
            raise PermissionDenied
        context = self._version_context(request, obj, version)
        if request.method == "POST" and context["changes"]:
            try:
                obj.revert_to(version, user=request.user)
            except ValidationError as error:
                context["errors"] = [message for messages_ in error.message_dict.values() for message in messages_]
            else:
                self.log_change(request, obj, [{"changed": {"fields": [c.label for c in context["changes"]]}}])
                self.message_user(
                    request,
                    f"“{obj}” is back to the version of {history.when(version)}. "
                    "Its status and review dates are unchanged.",
                    messages.SUCCESS,
                )
                return redirect(reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[obj.pk]))
        context["title"] = f"Revert “{obj}” to the version of {history.when(version)}?"
        return TemplateResponse(request, "admin/pages/history_revert.html", context)

    def _version(self, request, object_id, version_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise http.Http404
        version = get_object_or_404(obj.history.all(), history_id=version_id)
        return obj, version

    def _all_fields(self):
        return [field for field in self.model._meta.concrete_fields if field.editable and not field.primary_key]

    def _version_context(self, request, obj, version):
        kept = [self.model._meta.get_field(name) for name in self.model.KEPT_ON_REVERT]
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": obj,
            "version": version,
            # Older first, as comparisons read: this version's words struck through, the content now's underlined.
            "changes": history.changes(version.instance, obj, self.model.revertible_fields()),
            "kept": [(field.verbose_name, history.shown(obj, field)) for field in kept],
            "history_url": reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_history", args=[obj.pk]),
            "change_url": reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[obj.pk]),
            "revert_url": reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_revert", args=[obj.pk, version.history_id]
            ),
        }


@admin.register(Page)
class PageAdmin(ReviewedContentAdmin):
    list_display = ["title", "slug", "status", "position", "last_reviewed", "next_review_due", "clinical_review"]
    list_editable = ["position"]
    search_fields = ["title", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "body", "navigation_label", "position"]}),
        ReviewedContentAdmin.review_fieldset,
    ]


@admin.register(SideEffect)
class SideEffectAdmin(ReviewedContentAdmin):
    list_display = [
        *["name", "band", "urgent", "emergency", "status", "position"],
        *["last_reviewed", "next_review_due", "clinical_review"],
    ]
    list_editable = ["position"]
    list_filter = ["band", "urgent", *ReviewedContentAdmin.list_filter]
    search_fields = ["name", "summary", "description", "what_to_do"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (None, {"fields": ["name", "slug", "band", "position", "summary", "description", "what_to_do"]}),
        (
            "Urgent signs",
            {
                "description": "Tick “urgent” if the Package Leaflet tells patients to act on the signs at once "
                "(“call your doctor immediately”), and list those signs, each with its citation. Readers are then "
                "told to contact their MS team immediately, and if they cannot, to go to A&E or call 999; the site "
                "lists it first, under “Get help straight away”. Tick “call 999” too for the signs of a stroke, a "
                "heart attack or bleeding in the lungs (the leaflet: “Get help right away”). Other wording, such "
                "as “tell your doctor right away”, belongs in “What to do”, in the leaflet's words.",
                "fields": ["urgent", "emergency", "urgent_signs"],
            },
        ),
        ReviewedContentAdmin.review_fieldset,
    ]


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    """All sign-offs, for staff to look through; made only with the "Sign off" button, never edited."""

    list_display = ["item", "reviewer_name", "reviewer_role", "reviewed_on", "next_review_due"]
    list_select_related = ["page", "side_effect"]
    search_fields = ["reviewer_name", "page__title", "side_effect__name", "checked_against"]
    date_hierarchy = "reviewed_on"
    fields = [
        *["page", "side_effect", "reviewer_name", "reviewer_role", "reviewed_on", "next_review_due"],
        *["checked_against", "note"],
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    """Readers' messages from the contact form: what they said stays here, never on the site."""

    list_display = ["received_at", "kind", "page_path", "status"]
    list_filter = ["status", "kind"]
    list_editable = ["status"]
    search_fields = ["message", "page_path"]
    date_hierarchy = "received_at"
    fields = ["kind", "page_path", "message", "email", "received_at", "status"]
    readonly_fields = ["kind", "page_path", "message", "email", "received_at"]

    def has_add_permission(self, request):
        return False
