from django import template

from stories.models import Story

register = template.Library()


@register.inclusion_tag("stories/includes/latest_stories.html")
def latest_stories(count=3):
    """The newest approved stories, for the home page."""
    return {"stories": Story.objects.published().order_by("-published_at")[:count]}


@register.inclusion_tag("stories/includes/stories_mentioning.html")
def stories_mentioning(side_effect):
    """The approved stories that mention a side effect, for its page."""
    return {
        "side_effect": side_effect,
        "stories": side_effect.stories.published().order_by("-published_at")[:10],
    }
