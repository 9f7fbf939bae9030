"""Addresses of plans, as the planner's form makes them: each course date as day, month and year."""

from urllib.parse import urlencode


def plan_query(*starts):
    """starts: (day, month, year) per course, course 1 first; a course given as None is left empty."""
    params = {}
    for number, start in enumerate(starts, start=1):
        if start is not None:
            day, month, year = start
            params.update({f"course{number}_day": day, f"course{number}_month": month, f"course{number}_year": year})
    return urlencode(params)


def plan_url(*starts):
    return f"/planner/plan/?{plan_query(*starts)}"


def calendar_url(*starts):
    return f"/planner/plan.ics?{plan_query(*starts)}"
