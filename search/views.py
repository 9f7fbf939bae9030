from django.core.paginator import Paginator
from django.shortcuts import render

from pages.models import SideEffect

from . import query as site_search

PER_PAGE = 10
# Searches that show what the search box can do, on the empty and no-results pages.
SUGGESTIONS = ["infusion", "blood tests", "thyroid", "bruising", "infection"]


def search(request):
    """At most three queries: the navigation, the index's words, the search (or the side effects)."""
    results = site_search.search(request.GET.get("q", ""))
    page = Paginator(results.hits, PER_PAGE).get_page(request.GET.get("page"))
    side_effects = None
    if not results.hits:
        side_effects = SideEffect.objects.published().only("name", "slug", "urgent")
    return render(
        request,
        "search/results.html",
        {"results": results, "page_obj": page, "side_effects": side_effects, "suggestions": SUGGESTIONS},
    )
