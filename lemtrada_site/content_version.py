"""
The content version: one row (pages.ContentVersion) that moves, in the same transaction, with every
change a public page shows, and with nothing else.

Database triggers move it, so every way of writing counts: save() and delete(), QuerySet.update(),
bulk_create() and bulk_update() (rerender_markdown), admin actions, the shell, migrations and
load_seed_content. A write moves it when it touches a row that is public before or after: a published
page or side effect, an approved story or its side effects, a sign-off of published content. A story
sent through the form (pending), a draft saved or a rejected story edited moves nothing, so the
public pages' ETags say nothing about when people write to the site.

Reading it is one primary-key lookup, whatever the number of stories. It is a row, not a sequence,
because a row is transactional: a reader sees the new version exactly when it sees the new content,
never before (a sequence would let a page be cached under the new number with the old content). Its
time never goes backwards (the greater of the last one and now), so neither does Last-Modified, even
after a deletion.

On PostgreSQL the triggers run once per statement (a bulk_create of 5,000 rows moves it once). On
SQLite they run per row: SQLite has no statement triggers, and one writer at a time. Each move, in
the same transaction as the change, holds the row's lock until that transaction ends, so writers of
public content take turns at their commit; a story sent through the form never waits.

`install()` runs after every `migrate` (pages/apps.py): it writes the triggers again (SQLite drops a
table's triggers when a migration rebuilds the table) and moves the version (a release may render
pages differently, and a migration may have changed content while a table had no triggers).
"""

import datetime
import functools

from django.apps import apps as global_apps
from django.db import connections
from django.utils import timezone

ROW_ID = 1
EVENTS = ("INSERT", "UPDATE", "DELETE")


# The statuses the public may read (PRODUCT.md): a page or side effect "published", a story "approved".
PUBLISHED, APPROVED = "published", "approved"


def _public_rows(apps):
    """Each table a public page reads, and when one of its rows is public, as SQL about the row `{row}`."""
    page, side_effect = apps.get_model("pages", "Page")._meta.db_table, apps.get_model("pages", "SideEffect")._meta
    review, story = apps.get_model("pages", "Review")._meta, apps.get_model("stories", "Story")._meta
    mentions = story.get_field("side_effects").remote_field.through._meta
    side_effect = side_effect.db_table
    return {
        page: f"{{row}}.status = '{PUBLISHED}'",
        side_effect: f"{{row}}.status = '{PUBLISHED}'",
        # A sign-off shows as "Reviewed by ..." on the content it is about.
        review.db_table: (
            f"EXISTS (SELECT 1 FROM {page} p WHERE p.id = {{row}}.{review.get_field('page').column} "
            f"AND p.status = '{PUBLISHED}') OR EXISTS (SELECT 1 FROM {side_effect} s WHERE s.id = "
            f"{{row}}.{review.get_field('side_effect').column} AND s.status = '{PUBLISHED}')"
        ),
        story.db_table: f"{{row}}.status = '{APPROVED}'",
        # Which side effects an approved story mentions shows on both their pages.
        mentions.db_table: (
            f"EXISTS (SELECT 1 FROM {story.db_table} s WHERE s.id = {{row}}.{mentions.get_field('story').column} "
            f"AND s.status = '{APPROVED}')"
        ),
    }


def _table(apps=global_apps):
    return apps.get_model("pages", "ContentVersion")._meta.db_table


@functools.cache
def _read_sql():
    return f"SELECT number, changed_at, previous_changed_at FROM {_table()} WHERE id = {ROW_ID}"


def read(using="default"):
    """(number, changed_at, previous_changed_at) in one primary-key lookup; None before the first migrate."""
    connection = connections[using]
    with connection.cursor() as cursor:
        cursor.execute(_read_sql())
        row = cursor.fetchone()
    if row is None:
        return None
    number, changed, previous = row
    return number, aware(changed), aware(previous)


def aware(value):
    """A datetime as a raw query returns it: aware from PostgreSQL; from SQLite, text as stored (naive UTC)."""
    if isinstance(value, str):
        value = datetime.datetime.fromisoformat(value)
    if timezone.is_naive(value):
        value = value.replace(tzinfo=datetime.UTC)
    return value


def install(using="default", apps=global_apps, **kwargs):
    """
    Create the row if missing, (re)write every trigger, and move the version once. Safe to run again;
    a migration and the post_migrate signal call it (with the models as the migrations left them).
    """
    if not _installed(apps):
        return
    connection = connections[using]
    apps.get_model("pages", "ContentVersion")._default_manager.using(using).get_or_create(pk=ROW_ID)
    statements = _postgresql(apps) if connection.vendor == "postgresql" else _sqlite(apps)
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
        cursor.execute(_bump_sql(connection.vendor, apps))


def uninstall(using="default", apps=global_apps, **kwargs):
    """Remove every trigger (before the row's table goes, when migrating back)."""
    connection = connections[using]
    with connection.cursor() as cursor:
        for table in _public_rows(apps):
            for event in EVENTS:
                if connection.vendor == "postgresql":
                    cursor.execute(f"DROP TRIGGER IF EXISTS content_version_{event.lower()} ON {table}")
                    cursor.execute(f"DROP FUNCTION IF EXISTS {_function(table, event)}()")
                else:
                    cursor.execute(f"DROP TRIGGER IF EXISTS {_function(table, event)}")
        if connection.vendor == "postgresql":
            cursor.execute("DROP FUNCTION IF EXISTS content_version_bump()")


def _installed(apps):
    try:
        apps.get_model("pages", "ContentVersion")
        apps.get_model("stories", "Story")
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


def _postgresql(apps):
    bump = _bump_sql("postgresql", apps)
    statements = [f"CREATE OR REPLACE FUNCTION content_version_bump() RETURNS void LANGUAGE sql AS $$ {bump} $$"]
    for table, public in _public_rows(apps).items():
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


def _sqlite(apps):
    statements = []
    for table, public in _public_rows(apps).items():
        for event in EVENTS:
            seen = {"INSERT": ["NEW"], "UPDATE": ["OLD", "NEW"], "DELETE": ["OLD"]}[event]
            condition = " OR ".join(f"({public.format(row=row)})" for row in seen)
            statements += [
                f"DROP TRIGGER IF EXISTS {_function(table, event)}",
                f"CREATE TRIGGER {_function(table, event)} AFTER {event} ON {table} FOR EACH ROW WHEN {condition} "
                f"BEGIN {_bump_sql('sqlite', apps)}; END",
            ]
    return statements
