"""
The treatment planner. Nothing the person types is stored, logged or cached: the dates live only in
the plan's own address, and these views write no log lines of their own.
"""

import functools

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render

from . import rules
from .forms import PlanForm
from .ics import plan_calendar
from .plan import build_plan


def private(view):
    """
    Kept out of search engines. (No caching anywhere and no Referer sent to the pages linked from it:
    the site's policy for every private address, lemtrada_site/middleware.py, covers /planner/.)
    """

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    return wrapper


@private
def start(request):
    """The empty form, or the form filled in again from a plan's address ("Change the dates")."""
    form = PlanForm(request.GET) if any(key.startswith("course") for key in request.GET) else PlanForm()
    return render(request, "planner/start.html", {"form": form, "rules": rules})


@private
def plan(request):
    form = PlanForm(request.GET)
    if not form.is_valid():
        return render(request, "planner/start.html", {"form": form, "rules": rules})
    the_plan = build_plan(form.course_starts())
    return render(
        request,
        "planner/plan.html",
        {
            "form": form,
            "plan": the_plan,
            "today": the_plan.today(form.today),
            "timeline": the_plan.timeline(form.today),
            "query": form.query(),
            "sources": rules.SOURCES,
            "rules": rules,
        },
    )


@private
def plan_ics(request):
    form = PlanForm(request.GET)
    if not form.is_valid():
        return render(request, "planner/start.html", {"form": form, "rules": rules}, status=400)
    # Links in the file start with the site's configured address, never the Host the request came with.
    response = HttpResponse(
        plan_calendar(build_plan(form.course_starts()), site_url=settings.SITE_URL),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="my-lemtrada-plan.ics"'
    return response
