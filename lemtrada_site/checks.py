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


@register(Tags.files, deploy=True)
def check_uploads_reach_readers(app_configs, **kwargs):
    """
    `check --deploy` warns while no one serves uploads: the shipped nginx passes /media/ to the app, so without
    MEDIA_ACCEL_REDIRECT (or SERVE_MEDIA) every editor's image and story photo would be a 404.
    """
    if not settings.SERVE_MEDIA:
        return [
            Warning(
                "Uploads are not served: every image on the pages and every story photo would be missing.",
                hint="Behind the shipped nginx with uploads on local disk, set MEDIA_ACCEL_REDIRECT=/internal-media/; "
                "on one machine without a proxy, set SERVE_MEDIA=1 (docs/deploy.md, section 3).",
                id="lemtrada_site.W002",
            )
        ]
    return []
