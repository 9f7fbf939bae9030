"""The triggers that move the content version with every change to published content or its sign-offs."""

from django.db import migrations

from lemtrada_site import content_version
from pages.models import public_rows


class Migration(migrations.Migration):
    dependencies = [
        ("lemtrada_site", "0001_content_version"),
        ("pages", "0012_changed_since_review"),
    ]

    operations = [content_version.migration(public_rows)]
