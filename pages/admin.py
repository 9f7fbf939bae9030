from django import forms, http
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from markdownx.models import MarkdownxField
from markdownx.widgets import AdminMarkdownxWidget
from simple_history.admin import SimpleHistoryAdmin

from . import history
from .markdown import MAX_MARKDOWN_LENGTH
from .models import Page, SideEffect


class ReviewStatusFilter(admin.SimpleListFilter):
    title = "review"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("overdue", "Overdue for review"), ("current", "Review not yet due")]

    def queryset(self, request, queryset):
        overdue = queryset.overdue_for_review()
        if self.value() == "overdue":
            return overdue
        if self.value() == "current":
            return queryset.exclude(pk__in=overdue.values("pk"))
        return queryset


class LineEndingsForm(forms.ModelForm):
    """
    Browsers send text areas with CR LF line ends, and the database holds LF (the model normalises on
    save). Normalising what was sent too means saving unchanged text records no change.
    """

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and hasattr(data, "lists"):
            normalised = data.copy()
            for key, values in data.lists():
                normalised.setlist(key, [value.replace("\r\n", "\n") for value in values])
            data = normalised
        super().__init__(data, *args, **kwargs)


class ReviewedContentAdmin(SimpleHistoryAdmin):
    """Shared desk for content that carries a status, review dates and sources."""

    form = LineEndingsForm
    formfield_overrides = {MarkdownxField: {"widget": AdminMarkdownxWidget, "max_length": MAX_MARKDOWN_LENGTH}}
    list_filter = ["status", ReviewStatusFilter]
    list_per_page = 50
    save_on_top = True
    review_fieldset = (
        "Review and sources",
        {
            "description": "Readers see these dates and sources under the text. "
            "Update “last reviewed” each time a clinician checks the content.",
            "fields": ["status", "last_reviewed", "next_review_due", "sources"],
        },
    )

    @admin.display(boolean=True, description="Review overdue")
    def overdue(self, obj):
        return obj.is_overdue_for_review

    # --- History: each version compared with the content now, and a revert that keeps review records ---

    def get_urls(self):
        opts = self.model._meta
        revert = path(
            "<path:object_id>/history/<int:version_id>/revert/",
            self.admin_site.admin_view(self.revert_view),
            name=f"{opts.app_label}_{opts.model_name}_revert",
        )
        return [revert, *super().get_urls()]

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
            "changes": history.changes(obj, version.instance, self.model.revertible_fields()),
            "kept": [(field.verbose_name, history.shown(obj, field)) for field in kept],
            "history_url": reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_history", args=[obj.pk]),
            "change_url": reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[obj.pk]),
            "revert_url": reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_revert", args=[obj.pk, version.history_id]
            ),
        }


@admin.register(Page)
class PageAdmin(ReviewedContentAdmin):
    list_display = ["title", "slug", "status", "position", "last_reviewed", "next_review_due", "overdue"]
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
        *["last_reviewed", "next_review_due", "overdue"],
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
                "description": "Tick “urgent” if some signs need medical help the same day, and list those signs. "
                "The site then shows them first, under “Get help straight away”. Tick “call 999” too if the "
                "signs mean calling an ambulance.",
                "fields": ["urgent", "emergency", "urgent_signs"],
            },
        ),
        ReviewedContentAdmin.review_fieldset,
    ]
