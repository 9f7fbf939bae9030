from django.core.management.base import BaseCommand

from search import index


class Command(BaseCommand):
    help = "Write the site search index again from the published content (the site keeps it up to date itself)."

    def handle(self, *args, **options):
        count = index.rebuild()
        self.stdout.write(self.style.SUCCESS(f"The search index holds {count} pages, side effects and stories."))
