from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from pages.models import Page, SideEffect, render_stored_html
from stories.models import Story

# Each model, the fields its stored HTML is kept in, and how a row renders them again.
RENDERED = [
    (Page, list(Page.RENDERED.values()), render_stored_html),
    (SideEffect, list(SideEffect.RENDERED.values()), render_stored_html),
    (Story, ["body_html", "excerpt"], Story.render_body),
]


class Command(BaseCommand):
    help = (
        "Render every page, side effect and story's Markdown again into the HTML the site shows. Run it after "
        "changing what the renderer allows (pages/markdown.py). Rows whose HTML comes out the same are left alone; "
        "the others are marked as changed, so the public pages' cache serves the new HTML at once."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        now = timezone.now()
        for model, fields, render in RENDERED:
            changed, total = [], 0
            for row in model.objects.order_by("pk").iterator(chunk_size=500):
                total += 1
                before = [getattr(row, field) for field in fields]
                render(row)
                if before != [getattr(row, field) for field in fields]:
                    row.updated_at = now
                    changed.append(row)
            # Not save(): no history record, no review date moves. The text is the same; only its HTML changed.
            model.objects.bulk_update(changed, [*fields, "updated_at"], batch_size=500)
            self.stdout.write(f"{len(changed)} of {total} {model._meta.verbose_name_plural} re-rendered.")
