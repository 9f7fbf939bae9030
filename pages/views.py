from django.conf import settings
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from lemtrada_site.forms import receive
from lemtrada_site.sources import sources_markdown

from . import emails, lists
from .forms import FeedbackForm, page_on_this_site, title_of_page
from .markdown import render_markdown
from .models import HOME_SLUG, Page, SideEffect

# The list's bands and urgent signs come from the leaflet's section 4; each entry's page cites its own.
SIDE_EFFECT_LIST_SOURCES = sources_markdown("PL", "Each side effect's own page lists the sources for it.")
SIDE_EFFECT_LIST_SOURCES_HTML = render_markdown(SIDE_EFFECT_LIST_SOURCES)

# How many of the newest stories that mention a side effect its page shows.
STORIES_MENTIONING = 10


def page_detail(request, slug):
    if slug == HOME_SLUG:
        return redirect("home", permanent=True)
    page = get_object_or_404(Page.objects.published(), slug=slug)
    context = {"page": page}
    if page.shows_infusion_panel:
        context["signs_to_call_999"] = SideEffect.signs_to_call_999()
    if slug == "about":
        context["site_facts"] = {
            "owner": settings.SITE_OWNER,
            "funding": settings.SITE_FUNDING,
            "contact_email": settings.CONTACT_EMAIL,
        }
    if slug == "privacy":  # the periods housekeeping keeps to, from the settings it reads
        context["retention"] = {
            "rejected_stories": settings.REJECTED_STORY_RETENTION_DAYS,
            "messages": settings.FEEDBACK_RETENTION_DAYS,
        }
    return render(request, "pages/page_detail.html", context)


@require_http_methods(["GET", "POST"])
def contact(request):
    """A reader's message to the Editors: stored, listed in the admin, never shown on the site."""
    if request.method == "GET":
        about = page_on_this_site(request.GET.get("page"))
        return render(request, "pages/contact.html", {"form": FeedbackForm(initial={"page": about}), **_about(about)})

    def again(form):
        return render(request, "pages/contact.html", {"form": form, **_about(form.data.get("page"))})

    return receive(
        request,
        FeedbackForm,
        store=lambda form: emails.feedback_received(form.save_message()),
        again=again,
        thanks="pages:contact-thanks",
    )


def _about(path):
    """The page a reader's message is about, by its address and its title (both empty for no page of ours)."""
    title = title_of_page(path)
    return {"about": path if title else "", "about_title": title}


def contact_thanks(request):
    return render(request, "pages/contact_thanks.html")


def side_effect_list(request):
    side_effects = list(SideEffect.objects.published())
    bands = [
        (band, SideEffect.band_heading(band), [effect for effect in side_effects if effect.band == band])
        for band in SideEffect.Band  # declaration order: very common first, those with no frequency given last
    ]
    return render(
        request,
        "pages/side_effect_list.html",
        {
            # Get help straight away: the 999 signs first, then those for the MS team immediately.
            "urgent_side_effects": SideEffect.urgent_in_order(side_effects),
            "bands": [(band, heading, effects) for band, heading, effects in bands if effects],
            "review_dates": _review_dates(side_effects),
            "sources": SIDE_EFFECT_LIST_SOURCES_HTML,
            "listing": lists.SIDE_EFFECTS,
        },
    )


def side_effect_detail(request, slug):
    side_effect = get_object_or_404(SideEffect.objects.published(), slug=slug)
    # Through the stories' own link to their side effects: their published() is the one rule for readers.
    stories = side_effect.stories.published()[:STORIES_MENTIONING]
    return render(
        request,
        "pages/side_effect_detail.html",
        {"side_effect": side_effect, "stories": stories, "signs_to_call_999": SideEffect.signs_to_call_999()},
    )


def warning_signs(request):
    """
    Every urgent side effect's signs, read from the side effects themselves on each request (the page cache keys
    on their changes), grouped by what to do: call 999, or contact the MS team immediately.
    """
    urgent = SideEffect.urgent_in_order(SideEffect.objects.published().filter(urgent=True))
    groups = [
        {
            "id": "call-999",
            "action": SideEffect.CALL_999,
            "side_effects": [effect for effect in urgent if effect.emergency],
        },
        {
            "id": "ms-team-immediately",
            "action": SideEffect.MS_TEAM_IMMEDIATELY,
            "if_unreachable": True,
            "side_effects": [effect for effect in urgent if not effect.emergency],
        },
    ]
    return render(
        request,
        "pages/warning_signs.html",
        {
            "groups": [group for group in groups if group["side_effects"]],
            "review_dates": _review_dates(urgent),
            "sources": SIDE_EFFECT_LIST_SOURCES_HTML,
            "listing": lists.WARNING_SIGNS,
        },
    )


def _review_dates(side_effects):
    """
    The list is reviewed only when every entry is, as its text stands now (an edit since its sign-off
    makes it unreviewed, as its own page says), and due when the first one is. It reads what each row
    stores of its latest sign-off (its dates, and whether the text changed since), so the list costs no
    query per side effect.
    """
    if not side_effects:
        return None
    return {
        "all_reviewed": all(effect.reviewed_as_it_is for effect in side_effects),
        "next_review_due": min(filter(None, (effect.next_review_due for effect in side_effects)), default=None),
        "updated_at": max(effect.updated_at for effect in side_effects),
        "overdue": any(effect.is_overdue_for_review for effect in side_effects),
    }
