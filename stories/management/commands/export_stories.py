import os

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
            # Pending and rejected stories are in it: readable and writable by its owner alone (0600), even
            # when the file was there before with a wider mode.
            descriptor = os.open(output, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            os.fchmod(descriptor, 0o600)
            with open(descriptor, "w", encoding="utf-8", newline="") as out:
                write(out)
        else:
            write(self.stdout._out)  # the stream itself: the wrapper would add a line ending to every write
