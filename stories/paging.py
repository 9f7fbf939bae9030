"""
Pages of the story list that cost the same at page 2,000 as at page 1.

Django's Paginator counts every story and skips the ones before a page with OFFSET: at 100,000
stories that is most of a deep page's time, on every request. Here the list is read once per content
version (lemtrada_site/content_version.py) to note where each page starts (the newest story on it) and
how many stories there are; that index is cached under the version, so it moves with the content and
is never stale. A page is then the 20 stories from its start, found through the index on
(published_at, id) of approved stories, whatever its number. The addresses stay `?page=N`.
"""

from django.core.cache import caches
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import F, Q

from lemtrada_site import content_version, page_cache


class StoryPaginator(Paginator):
    """A Paginator over `Story.objects.published()` (or part of it) that reads only the page asked for."""

    def __init__(self, stories, per_page, *, request, name):
        super().__init__(stories, per_page)
        key = page_cache.version_for(request).key("story-list", name)
        cache = caches[page_cache.CACHE]
        index = cache.get(key)
        if index is None:
            index = _index(stories, per_page)
            cache.set(key, index, page_cache.TIMEOUT)
        self.count, self.starts = index

    def page(self, number):
        number = self.validate_number(number)
        if not self.starts:
            return self._get_page([], number, self)
        published_at, pk = self.starts[number - 1]
        # "At or after this page's first story", in an order the index can walk: the first condition
        # is where the walk starts, the second only sorts out stories published at the same moment.
        stories = self.object_list.filter(
            Q(published_at__lt=published_at) | Q(pk__lte=pk), published_at__lte=published_at
        )
        return self._get_page(list(stories[: self.per_page]), number, self)


def _index(stories, per_page):
    """How many stories there are, and the (published_at, pk) of each page's first one, in one query."""
    listed = stories.order_by().annotate(listed_at=F("published_at"), listed_id=F("pk"))
    listed, params = listed.values_list("listed_at", "listed_id").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            # One walk along the (published_at, id) index, numbering the stories as the list orders them.
            "SELECT listed_at, listed_id, position, total FROM (SELECT listed_at, listed_id, row_number() "
            "OVER (ORDER BY listed_at DESC, listed_id DESC) AS position, count(*) OVER () AS total "
            f"FROM ({listed}) listed) numbered WHERE position %% %s = 1",
            [*params, per_page],
        )
        rows = sorted(cursor.fetchall(), key=lambda row: row[2])
    starts = [(content_version.aware(published_at), pk) for published_at, pk, _position, _total in rows]
    return (rows[0][3] if rows else 0), starts
