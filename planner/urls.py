from django.urls import path

from . import views

app_name = "planner"

urlpatterns = [
    path("", views.start, name="start"),
    path("plan/", views.plan, name="plan"),
    path("plan.ics", views.plan_ics, name="plan-ics"),
]
