from django.conf import settings
from django.core.checks import Tags, Warning, register

# What a reader must be told about who stands behind the site (HONcode: transparency, financial disclosure).
SITE_FACTS = {
    "SITE_OWNER": "who runs the site",
    "SITE_FUNDING": "who pays for it",
    "CONTACT_EMAIL": "where to write to",
}


@register(Tags.security, deploy=True)
def check_site_facts(app_configs, **kwargs):
    """`check --deploy` warns while /about/ cannot say who runs the site, who pays, or where to write."""
    return [
        Warning(
            f"{name} is not set: the About page cannot tell readers {meaning}.",
            hint=f"Set {name} in the environment (see .env.example).",
            id=f"pages.W00{number}",
        )
        for number, (name, meaning) in enumerate(SITE_FACTS.items(), start=1)
        if not getattr(settings, name)
    ]
