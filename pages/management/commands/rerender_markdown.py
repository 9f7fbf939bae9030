from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from pages.models import RenderedMarkdown


class Command(BaseCommand):
    help = (
        "Render every page, side effect and story's Markdown again into the HTML the site shows. Run it after "
        "changing what the renderer allows (pages/markdown.py). Rows whose HTML comes out the same are left alone; "
        "the others are marked as changed, so the public pages' cache serves the new HTML at once."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        now = timezone.now()
        # Every model that renders its Markdown at save, whichever app it is in.
        for model in [model for model in apps.get_models() if issubclass(model, RenderedMarkdown)]:
            fields = model.stored_html_fields()
            changed, total = [], 0
            for row in model.objects.order_by("pk").iterator(chunk_size=500):
                total += 1
                before = [getattr(row, field) for field in fields]
                row.render_stored_html()
                if before != [getattr(row, field) for field in fields]:
                    row.updated_at = now
                    changed.append(row)
            # Not save(): no history record, no review date moves. The text is the same; only its HTML changed.
            model.objects.bulk_update(changed, [*fields, "updated_at"], batch_size=500)
            self.stdout.write(f"{len(changed)} of {total} {model._meta.verbose_name_plural} re-rendered.")
