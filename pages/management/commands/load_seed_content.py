from django.core.management.base import BaseCommand
from django.db import transaction

from pages import seed
from pages.models import Page, SideEffect


class Command(BaseCommand):
    help = (
        "Create the site's starting pages and side effects. Safe to run again: it only creates what is "
        "missing and never changes what an editor has written."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        created = []
        for model, entries in [(Page, seed.PAGES), (SideEffect, seed.SIDE_EFFECTS)]:
            for entry in entries:
                defaults = seed.review_defaults(entry)
                slug = defaults.pop("slug")
                obj, was_created = model.objects.get_or_create(slug=slug, defaults=defaults)
                if was_created:
                    created.append(str(obj))
        if created:
            self.stdout.write(self.style.SUCCESS(f"Created {len(created)}: {', '.join(created)}."))
        else:
            self.stdout.write("All seed content is already there; nothing changed.")
