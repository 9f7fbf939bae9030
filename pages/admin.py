from django import forms
from django.contrib import admin
from markdownx.models import MarkdownxField
from markdownx.widgets import AdminMarkdownxWidget
from simple_history.admin import SimpleHistoryAdmin

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
    formfield_overrides = {MarkdownxField: {"widget": AdminMarkdownxWidget}}
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
