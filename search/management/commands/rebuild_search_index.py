from django.core.management.base import BaseCommand

from pages.models import Page, SideEffect
from search import index
from stories.models import Story


class Command(BaseCommand):
    help = "Write the site search index again from the published content (the site keeps it up to date itself)."

    def handle(self, *args, **options):
        count = index.rebuild(page_model=Page, side_effect_model=SideEffect, story_model=Story)
        self.stdout.write(self.style.SUCCESS(f"The search index holds {count} pages, side effects and stories."))
