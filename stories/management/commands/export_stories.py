from django.core.management.base import BaseCommand

from stories import export


class Command(BaseCommand):
    help = (
        "Writes every story but withdrawn ones as CSV or JSON, without authors' emails or private links. "
        "Example: manage.py export_stories --format json > stories.json"
    )

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["csv", "json"], default="csv")
        parser.add_argument("--output", help="A file to write to (default: standard output).")

    def handle(self, *args, format, output, **options):
        write = export.write_csv if format == "csv" else export.write_json
        if output:
            with open(output, "w", encoding="utf-8", newline="") as out:
                write(out)
        else:
            write(self.stdout._out)  # the stream itself: the wrapper would add a line ending to every write
