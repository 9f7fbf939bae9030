from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from lemtrada_site.batches import batch
from pages import seed
from pages.models import Page, SideEffect


class Command(BaseCommand):
    help = (
        "Create the site's starting pages and side effects from the Markdown files in pages/content/. "
        "Safe to run again: it only creates what is missing and never changes what an editor has written. "
        "With --update-unedited it also brings rows nobody has edited since they were loaded up to the new text."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--update-unedited",
            action="store_true",
            help="Update rows that still hold exactly what was loaded, and name the rows an editor has changed.",
        )

    @transaction.atomic
    def handle(self, *args, update_unedited=False, **options):
        try:
            content = [
                (Page, seed.load_pages(), seed.PAGE_FIELDS),
                (SideEffect, seed.load_side_effects(), seed.SIDE_EFFECT_FIELDS),
            ]
        except seed.ContentError as error:
            raise CommandError(f"Nothing was loaded. {error}") from error

        created, updated, edited = [], [], []
        with batch():  # what every save would repeat (the search index's lists) is done once, at the end
            self._load(content, update_unedited, created, updated, edited)
        self._report(created, updated, edited, update_unedited)

    def _load(self, content, update_unedited, created, updated, edited):
        for model, entries, fields in content:
            existing = {row.slug: row for row in model.objects.filter(slug__in=[entry["slug"] for entry in entries])}
            for entry in entries:
                loaded = seed.fingerprint(entry, fields)
                row = existing.get(entry["slug"])
                if row is None:
                    row = model(**seed.review_defaults(entry), seed_fingerprint=loaded)
                    row.save()
                    created.append(str(row))
                elif update_unedited and row.seed_fingerprint != loaded:
                    current = seed.fingerprint({field: getattr(row, field) for field in fields}, fields)
                    if row.seed_fingerprint and current == row.seed_fingerprint:
                        for field in fields:
                            setattr(row, field, entry[field])
                        row.seed_fingerprint = loaded
                        row._change_reason = "Updated by load_seed_content --update-unedited"
                        row.save()
                        updated.append(str(row))
                    elif current != loaded:
                        edited.append(str(row))

    def _report(self, created, updated, edited, update_unedited):
        if created:
            self.stdout.write(self.style.SUCCESS(f"Created {len(created)}: {', '.join(created)}."))
        if updated:
            self.stdout.write(self.style.SUCCESS(f"Updated {len(updated)} unedited: {', '.join(updated)}."))
        if edited:
            self.stdout.write(
                self.style.WARNING(
                    f"Left alone {len(edited)} changed by an editor since they were loaded: {', '.join(edited)}. "
                    "Compare them with the files in pages/content/ by hand."
                )
            )
        if not (created or updated or edited):
            if update_unedited:
                self.stdout.write("All seed content is there and up to date; nothing changed.")
            else:
                self.stdout.write("All seed content is already there; nothing changed.")
