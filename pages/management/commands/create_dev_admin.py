import secrets

from axes.models import AccessAttempt
from axes.utils import reset as reset_lockouts
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "For development only: create an admin account if none exists and print its password. "
        "With --reset, give the account a new password (and lift any login lockout) and print it."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")
        parser.add_argument("--reset", action="store_true", help="Set a new password for the account and print it.")

    def handle(self, *args, username, reset, **options):
        if not settings.DEBUG:
            raise CommandError("create_dev_admin is for development (DEBUG=1) only. Use createsuperuser instead.")
        User = get_user_model()
        password = secrets.token_urlsafe(12)
        if reset:
            user, created = User.objects.get_or_create(
                username=username, defaults={"is_staff": True, "is_superuser": True}
            )
            user.set_password(password)
            user.save()
            if AccessAttempt.objects.filter(username=username).exists():
                reset_lockouts(username=username)
            self.print_password("Created a development admin" if created else "New password set", username, password)
            return
        if User.objects.filter(is_superuser=True).exists():
            self.stdout.write(
                "An admin account already exists; its password is not shown again. "
                'Forgotten it? make manage ARGS="create_dev_admin --reset" sets a new one.'
            )
            return
        User.objects.create_superuser(username=username, email="", password=password)
        self.print_password("Created a development admin", username, password)

    def print_password(self, what, username, password):
        self.stdout.write(
            self.style.SUCCESS(
                f"\n{what}. Keep this password: it is not shown again.\n"
                f"    username: {username}\n    password: {password}\n"
                f"Sign in at {settings.SITE_URL}/admin/\n"
            )
        )
