"""
The page cache lives in Redis in production. Redis going down makes pages slower, never stale: the
content version comes from the database, so a page stored before a change is never served after it.
"""

import os

import pytest
import redis
from django.core.cache import cache

from lemtrada_site.cache import breaker
from stories.models import Story

pytestmark = pytest.mark.django_db

# The suite's own Redis when it runs on one (CI's second run), else a database of its own.
REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/13"


def _cache_settings(location):
    redis_cache = {
        "BACKEND": "lemtrada_site.cache.FailOpenRedisCache",
        "LOCATION": location,
        "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
    }
    return {"default": redis_cache, "pages": redis_cache}


@pytest.fixture
def live_redis(settings):
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.2).ping()
    except redis.RedisError:
        pytest.skip(f"needs a Redis at {REDIS_URL}")
    settings.CACHES = _cache_settings(REDIS_URL)
    cache.clear()
    yield settings
    cache.clear()


def test_a_story_withdrawn_while_redis_is_down_never_comes_back_when_it_returns(client, make_story, live_redis):
    story = make_story(title="Spring infusions", status=Story.Status.APPROVED)
    url = story.get_absolute_url()
    assert "Spring infusions" in client.get("/stories/").content.decode() and client.get(url).status_code == 200
    stored = redis.Redis.from_url(REDIS_URL).keys("*page:*")
    assert stored  # the list, with the story, is in Redis

    live_redis.CACHES = _cache_settings("redis://127.0.0.1:1/0")  # Redis goes down
    story.withdraw()
    response = client.get("/stories/")
    assert response.status_code == 200 and "Spring infusions" not in response.content.decode()
    assert client.get(url).status_code == 404

    live_redis.CACHES = _cache_settings(REDIS_URL)  # and comes back, still holding the old page
    breaker.reset()
    assert set(stored) <= set(redis.Redis.from_url(REDIS_URL).keys("*page:*"))
    assert "Spring infusions" not in client.get("/stories/").content.decode()
    assert "Spring infusions" not in client.get("/stories/feed/").content.decode()
    assert client.get(url).status_code == 404


def test_with_redis_down_every_public_page_serves_and_answers_304(client, seeded, make_story, settings):
    story = make_story(status=Story.Status.APPROVED)
    settings.CACHES = _cache_settings("redis://127.0.0.1:1/0")
    for url in ["/", "/treatment/", "/side-effects/", "/side-effects/itp/", "/stories/", story.get_absolute_url(),
                "/stories/feed/"]:  # fmt: skip
        response = client.get(url)
        assert response.status_code == 200, url
        assert client.get(url, headers={"If-None-Match": response["ETag"]}).status_code == 304, url
