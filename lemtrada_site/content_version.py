"""
The content version: one row (lemtrada_site.models.ContentVersion) that moves, in the same
transaction, with every change a public page shows, and with nothing else.

Database triggers move it, so every way of writing counts: save() and delete(), QuerySet.update(),
bulk_create() and bulk_update() (rerender_markdown), admin actions, the shell, migrations and
load_seed_content. A write moves it when it touches a row that is public before or after; each app
says which of its rows those are (`public_rows()` in pages/models.py and stories/models.py): a
published page or side effect, a sign-off of one, an approved story and the side effects it
mentions. A story sent through the form (pending), a draft saved or a rejected story edited moves
nothing, so the public pages' ETags say nothing about when people write to the site.

Reading it is one primary-key lookup, whatever the number of stories. It is a row, not a sequence,
because a row is transactional: a reader sees the new version exactly when it sees the new content,
never before (a sequence would let a page be cached under the new number with the old content). Its
time never goes backwards (the greater of the last one and now), so neither does Last-Modified, even
after a deletion.

On PostgreSQL the triggers run once per statement (a bulk_create of 5,000 rows moves it once). On
SQLite they run per row: SQLite has no statement triggers, and one writer at a time. Each move, in
the same transaction as the change, holds the row's lock until that transaction ends, so writers of
public content take turns at their commit; a story sent through the form never waits.

Each app writes its triggers in a migration and again after every `migrate` (SQLite drops a table's
triggers when a migration rebuilds the table); after every `migrate` the version moves once too (a
release may render pages differently, and a migration may have changed content while a table had
no triggers).
"""

import datetime
import functools

from django.apps import apps as global_apps
from django.db import connections
from django.db.models.signals import post_migrate
from django.utils import timezone

ROW_ID = 1
EVENTS = ("INSERT", "UPDATE", "DELETE")


def _table(apps=global_apps):
    return apps.get_model("lemtrada_site", "ContentVersion")._meta.db_table


@functools.cache
def _read_sql():
    return f"SELECT number, changed_at, previous_changed_at FROM {_table()} WHERE id = {ROW_ID}"


def read(using="default"):
    """
    The row as the database returns it, in one primary-key lookup (None before the first migrate):
    `parse()` makes it (number, changed_at, previous_changed_at).
    """
    with connections[using].cursor() as cursor:
        cursor.execute(_read_sql())
        return cursor.fetchone()


def parse(row):
    number, changed, previous = row
    return number, aware(changed), aware(previous)


def aware(value):
    """A datetime as a raw query returns it: aware from PostgreSQL; from SQLite, text as stored (naive UTC)."""
    if isinstance(value, str):
        value = datetime.datetime.fromisoformat(value)
    if timezone.is_naive(value):
        value = value.replace(tzinfo=datetime.UTC)
    return value


def move(using="default", apps=global_apps, **kwargs):
    """Move the version once (creating its row if need be): after every `migrate`."""
    if not _exists(apps):
        return
    apps.get_model("lemtrada_site", "ContentVersion")._default_manager.using(using).get_or_create(pk=ROW_ID)
    connection = connections[using]
    with connection.cursor() as cursor:
        cursor.execute(_bump_sql(connection.vendor, apps))


def install(public_rows, *, using="default", apps=global_apps):
    """
    (Re)write the triggers on each table of `public_rows` ({table: SQL saying when its row `{row}` is
    public}). Safe to run again.
    """
    if not _exists(apps):
        return
    connection = connections[using]
    build = _postgresql if connection.vendor == "postgresql" else _sqlite
    with connection.cursor() as cursor:
        for statement in build(public_rows, apps):
            cursor.execute(statement)


def install_after_migrate(app_config, public_rows):
    """Write `app_config`'s triggers again after every migrate (`public_rows(apps)` names its tables)."""

    def install_again(using="default", apps=global_apps, **kwargs):
        install(public_rows(apps), using=using, apps=apps)

    post_migrate.connect(install_again, sender=app_config, weak=False, dispatch_uid=f"{app_config.label}.triggers")


def migration(public_rows):
    """The migration operation that writes an app's triggers (and takes them away when migrating back)."""
    from django.db.migrations import RunPython

    def forwards(apps, schema_editor):
        install(public_rows(apps), using=schema_editor.connection.alias, apps=apps)

    def backwards(apps, schema_editor):
        uninstall(public_rows(apps), using=schema_editor.connection.alias)

    return RunPython(forwards, backwards)


def uninstall(tables, *, using="default"):
    """Remove the triggers from these tables (before a migration back takes away what they use)."""
    connection = connections[using]
    with connection.cursor() as cursor:
        for table in tables:
            for event in EVENTS:
                if connection.vendor == "postgresql":
                    cursor.execute(f"DROP TRIGGER IF EXISTS content_version_{event.lower()} ON {table}")
                    cursor.execute(f"DROP FUNCTION IF EXISTS {_function(table, event)}()")
                else:
                    cursor.execute(f"DROP TRIGGER IF EXISTS {_function(table, event)}")


def _exists(apps):
    try:
        apps.get_model("lemtrada_site", "ContentVersion")
    except LookupError:
        return False
    return True


def _function(table, event):
    return f"content_version_{table}_{event.lower()}"[:63]


def _bump_sql(vendor, apps):
    table = _table(apps)
    if vendor == "postgresql":
        return (
            f"UPDATE {table} SET number = number + 1, previous_changed_at = changed_at, "
            f"changed_at = GREATEST(changed_at, clock_timestamp()) WHERE id = {ROW_ID}"
        )
    # Per row, but `now` stays the same through a statement: only its first row moves the times.
    now = "strftime('%Y-%m-%d %H:%M:%f', 'now')"
    return (
        f"UPDATE {table} SET number = number + 1, "
        f"previous_changed_at = CASE WHEN changed_at < {now} THEN changed_at ELSE previous_changed_at END, "
        f"changed_at = max(changed_at, {now}) WHERE id = {ROW_ID}"
    )


def _postgresql(public_rows, apps):
    bump = _bump_sql("postgresql", apps)
    statements = [f"CREATE OR REPLACE FUNCTION content_version_bump() RETURNS void LANGUAGE sql AS $$ {bump} $$"]
    for table, public in public_rows.items():
        for event in EVENTS:
            seen = {"INSERT": ["new_rows"], "UPDATE": ["old_rows", "new_rows"], "DELETE": ["old_rows"]}[event]
            condition = " OR ".join(f"EXISTS (SELECT 1 FROM {rows} r WHERE {public.format(row='r')})" for rows in seen)
            referencing = " ".join(f"{rows.split('_')[0].upper()} TABLE AS {rows}" for rows in seen)
            statements += [
                f"CREATE OR REPLACE FUNCTION {_function(table, event)}() RETURNS trigger LANGUAGE plpgsql AS $$ "
                f"BEGIN IF {condition} THEN PERFORM content_version_bump(); END IF; RETURN NULL; END $$",
                f"DROP TRIGGER IF EXISTS content_version_{event.lower()} ON {table}",
                f"CREATE TRIGGER content_version_{event.lower()} AFTER {event} ON {table} "
                f"REFERENCING {referencing} FOR EACH STATEMENT EXECUTE FUNCTION {_function(table, event)}()",
            ]
    return statements


def _sqlite(public_rows, apps):
    statements = []
    for table, public in public_rows.items():
        for event in EVENTS:
            seen = {"INSERT": ["NEW"], "UPDATE": ["OLD", "NEW"], "DELETE": ["OLD"]}[event]
            condition = " OR ".join(f"({public.format(row=row)})" for row in seen)
            statements += [
                f"DROP TRIGGER IF EXISTS {_function(table, event)}",
                f"CREATE TRIGGER {_function(table, event)} AFTER {event} ON {table} FOR EACH ROW WHEN {condition} "
                f"BEGIN {_bump_sql('sqlite', apps)}; END",
            ]
    return statements
