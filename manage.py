#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lemtrada_site.settings")
    try:
        from django.core.exceptions import ImproperlyConfigured
        from django.core.management import execute_from_command_line
    except ImportError:
        sys.exit(
            "Django is not installed for this Python. In development, run commands through the project's "
            'virtual environment: make manage ARGS="…" (see the README).'
        )
    try:
        execute_from_command_line(sys.argv)
    except ImproperlyConfigured as error:
        # A missing or wrong setting is the person's to fix, not a bug: one clear line, no traceback.
        sys.exit(f"{error}")


if __name__ == "__main__":
    main()
