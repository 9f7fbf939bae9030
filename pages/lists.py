"""
The two pages made from the side effects rather than written by an editor: the list of side effects and
the warning signs. Their titles and summaries are said once, here, for the page, its metadata and search.
"""

from dataclasses import dataclass

from django.urls import reverse

from .models import SideEffect


@dataclass(frozen=True)
class ListPage:
    key: str
    title: str
    summary: str
    url_name: str

    def get_absolute_url(self):
        return reverse(self.url_name)


SIDE_EFFECTS = ListPage(
    key="side-effects",
    title="Side effects of Lemtrada",
    summary="The side effects of Lemtrada (alemtuzumab): the ones that need help straight away first, then by how "
    "often they happen.",
    url_name="pages:side-effects",
)
WARNING_SIGNS = ListPage(
    key="warning-signs",
    title="Feeling unwell? Warning signs that need help straight away",
    summary="The signs of the serious side effects of Lemtrada, and what to do at once: call 999, or contact your "
    "MS team immediately.",
    url_name="pages:warning-signs",
)


def search_documents(side_effects):
    """
    What site search finds each list by, made from the published side effects as the pages are: each list, its
    title, what it says first (its summary) and its text (Markdown).
    """
    side_effects = list(side_effects)
    listed = [f"## {effect.name}\n\n{effect.summary}" for effect in side_effects]
    signs = [f"## {effect.name}\n\n{effect.urgent_signs}" for effect in SideEffect.urgent_in_order(side_effects)]
    return [
        (SIDE_EFFECTS, SIDE_EFFECTS.title, [SIDE_EFFECTS.summary], listed),
        (WARNING_SIGNS, WARNING_SIGNS.title, [WARNING_SIGNS.summary], signs),
    ]
