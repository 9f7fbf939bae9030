from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def check_story_protections(app_configs, **kwargs):
    """`check --deploy` warns where the story rate limit or the lockout would not work as meant."""
    warnings = []
    if not settings.REDIS_URL:
        warnings.append(
            Warning(
                "REDIS_URL is not set: each gunicorn worker keeps its own cache, so the story rate limit "
                "counts per worker, not per client.",
                hint="Set REDIS_URL to a Redis server (see docs/deploy.md).",
                id="stories.W001",
            )
        )
    if not settings.CLIENT_IP_HEADER:
        warnings.append(
            Warning(
                "CLIENT_IP_HEADER is not set: behind the TLS proxy every visitor has the proxy's address, so "
                "the story rate limit and the admin lockout would treat everyone as one client.",
                hint="Set CLIENT_IP_HEADER=X-Forwarded-For (the header the proxy sets; see docs/deploy.md).",
                id="stories.W002",
            )
        )
    if not settings.SITE_URL:
        warnings.append(
            Warning(
                "SITE_URL is not set: links in mail to authors and moderators, and in the stories feed, "
                "would have no address to point to.",
                hint="Set SITE_URL to the site's public address, e.g. https://lemtrada.example.org.",
                id="stories.W003",
            )
        )
    return warnings
