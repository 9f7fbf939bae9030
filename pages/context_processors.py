from django.conf import settings
from django.db import DatabaseError
from django.utils import timezone

from lemtrada_site.sources import LEAFLET

from .models import SITE_PAGE_SLUGS, Page, SideEffect


def site_navigation(request):
    """The published pages for the header, the official links for the footer, and today's date."""
    try:
        # The site's pages about itself are linked from the footer instead.
        navigation_pages = list(
            Page.objects.published().exclude(slug__in=SITE_PAGE_SLUGS).only("title", "slug", "navigation_label")
        )
    except DatabaseError:
        # Error pages must still render when the database is down; they do so without the pages.
        navigation_pages = []
    return {
        "navigation_pages": navigation_pages,
        "leaflet": LEAFLET,
        # What the site tells readers to do at once, worded in one place (SideEffect's urgency words).
        "if_unreachable": SideEffect.IF_UNREACHABLE,
        "side_effect_reporting_url": settings.SIDE_EFFECT_REPORTING_URL,
        "site_owner": settings.SITE_OWNER,
        # The day the page is shown for, as the page cache's key has it: review notices compare with it.
        "today": timezone.localdate(),
    }
