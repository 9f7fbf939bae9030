"""
Once: index the content that was already published. 0005_words_and_stems writes the whole index again (with
the lead and the lists it added), so this step no longer needs to: a site that ran it keeps what it wrote until
0005 replaces it, and a site that didn't gets its index from 0005.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("search", "0003_sqlite_fts5")]

    operations = [migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop)]
