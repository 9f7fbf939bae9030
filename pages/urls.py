from django.urls import path

from . import views

app_name = "pages"

urlpatterns = [
    path("side-effects/", views.side_effect_list, name="side-effects"),
    path("side-effects/<slug:slug>/", views.side_effect_detail, name="side-effect"),
    path("warning-signs/", views.warning_signs, name="warning-signs"),
    path("contact/", views.contact, name="contact"),
    path("contact/thanks/", views.contact_thanks, name="contact-thanks"),
    # Last: a page slug is the catch-all first path segment.
    path("<slug:slug>/", views.page_detail, name="detail"),
]
