from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.caches, deploy=True)
def check_page_copies_have_their_own_redis(app_configs, **kwargs):
    """`check --deploy` warns while copies of pages share a Redis with the hourly allowances' counters."""
    if settings.REDIS_URL and settings.PAGE_CACHE_URL == settings.REDIS_URL:
        return [
            Warning(
                "PAGE_CACHE_URL is not set: copies of public pages share REDIS_URL's Redis with the hourly "
                "allowances' counters, so it can't have a memory limit that evicts copies but never a counter.",
                hint="Run a second Redis with maxmemory and maxmemory-policy allkeys-lru for the copies and set "
                "PAGE_CACHE_URL to it (docs/deploy.md, section 3).",
                id="lemtrada_site.W001",
            )
        ]
    return []
