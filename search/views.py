from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.cache import cache_control

from pages.models import SideEffect

from . import query as site_search

PER_PAGE = 10
# Searches that show what the search box can do, on the empty and no-results pages.
SUGGESTIONS = ["infusion", "blood tests", "thyroid", "bruising", "infection"]


# What someone searches for is health information: no copy of the page is kept, by a proxy or the browser.
@cache_control(private=True, no_store=True)
def search(request):
    """
    At most four queries: the navigation, the index's words, the search, and the urgent side effects it found
    (or, with no results, the list of side effects).
    """
    results = site_search.search(request.GET.get("q", ""))
    page = Paginator(results.hits, PER_PAGE).get_page(request.GET.get("page"))
    side_effects = None
    if not results.hits:
        side_effects = SideEffect.objects.published().only("name", "slug", "urgent")
    return render(
        request,
        "search/results.html",
        {
            "results": results,
            "page_obj": page,
            # Information first; patients' stories as a group of their own under it.
            "information": [hit for hit in page if not hit.is_story],
            "stories": [hit for hit in page if hit.is_story],
            "side_effects": side_effects,
            "suggestions": SUGGESTIONS,
        },
    )
