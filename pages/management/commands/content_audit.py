from django.core.management.base import BaseCommand, CommandError

from pages.models import Page, SideEffect


class Command(BaseCommand):
    help = (
        "List every clinical paragraph or list item without a citation, every comment that is not written as a "
        "citation, and every citation naming a document the item's sources do not list by that short name. "
        "Exits with an error when there is any, so CI fails on uncited clinical text."
    )

    def handle(self, *args, **options):
        items = [
            *(("page", page) for page in Page.objects.order_by("position", "title")),
            *(("side effect", side_effect) for side_effect in SideEffect.objects.order_by("band", "position", "name")),
        ]
        found = 0
        checked = 0
        for kind, item in items:
            if not item.is_clinical:
                continue
            checked += 1
            for problem in item.citation_problems():
                found += 1
                self.stdout.write(f"{kind} “{item}” ({item.get_status_display().lower()}): {problem}")
        if found:
            raise CommandError(
                f"{found} problem{'s' if found != 1 else ''} in {checked} clinical pages and side effects. Give each "
                "paragraph and list item its citation, as pages/content/README.md explains."
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Every paragraph and list item of {checked} clinical pages and side effects cites its source."
            )
        )
