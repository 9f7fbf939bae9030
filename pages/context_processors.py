from django.conf import settings

from .models import Page


def site_navigation(request):
    """The published pages for the header, and the official links for the footer of every page."""
    return {
        "navigation_pages": Page.objects.published().only("title", "slug"),
        "patient_leaflet_url": settings.PATIENT_LEAFLET_URL,
        "side_effect_reporting_url": settings.SIDE_EFFECT_REPORTING_URL,
    }
