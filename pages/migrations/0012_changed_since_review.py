"""
Content edited after its sign-off joins the reviewers' to-do list: each row stores the fingerprint of the
text as last signed off and whether the text now differs from it. Existing rows get both from their
latest sign-off.
"""

from django.db import migrations, models

from pages.seed import fingerprint

# What a sign-off covers, as the models define it at this migration (Page/SideEffect.CONTENT_FIELDS).
CONTENT_FIELDS = {
    "Page": ["title", "summary", "body", "sources"],
    "SideEffect": [
        *["name", "band", "summary", "description", "what_to_do"],
        *["urgent", "emergency", "urgent_signs", "sources"],
    ],
}
REVIEW_LINK = {"Page": "page", "SideEffect": "side_effect"}


def from_latest_sign_off(apps, schema_editor):
    Review = apps.get_model("pages", "Review")
    for name, fields in CONTENT_FIELDS.items():
        for row in apps.get_model("pages", name).objects.all():
            review = Review.objects.filter(**{REVIEW_LINK[name]: row}).order_by("-reviewed_at").first()
            if review is None:
                continue
            now = fingerprint({field: getattr(row, field) for field in fields}, fields)
            row.reviewed_fingerprint = review.content_fingerprint
            row.changed_since_review = review.content_fingerprint != now
            # Not save(): a migration must not move updated_at or render anything again.
            type(row).objects.filter(pk=row.pk).update(
                reviewed_fingerprint=row.reviewed_fingerprint, changed_since_review=row.changed_since_review
            )


class Migration(migrations.Migration):

    dependencies = [
        ('pages', '0011_no_frequency_band_wording'),
    ]

    operations = [
        migrations.AddField(
            model_name='historicalpage',
            name='changed_since_review',
            field=models.BooleanField(default=False, editable=False, help_text='Edited after its last clinical sign-off: readers are told the changes have not been checked.'),
        ),
        migrations.AddField(
            model_name='historicalpage',
            name='reviewed_fingerprint',
            field=models.CharField(blank=True, editable=False, max_length=64),
        ),
        migrations.AddField(
            model_name='historicalsideeffect',
            name='changed_since_review',
            field=models.BooleanField(default=False, editable=False, help_text='Edited after its last clinical sign-off: readers are told the changes have not been checked.'),
        ),
        migrations.AddField(
            model_name='historicalsideeffect',
            name='reviewed_fingerprint',
            field=models.CharField(blank=True, editable=False, max_length=64),
        ),
        migrations.AddField(
            model_name='page',
            name='changed_since_review',
            field=models.BooleanField(default=False, editable=False, help_text='Edited after its last clinical sign-off: readers are told the changes have not been checked.'),
        ),
        migrations.AddField(
            model_name='page',
            name='reviewed_fingerprint',
            field=models.CharField(blank=True, editable=False, max_length=64),
        ),
        migrations.AddField(
            model_name='sideeffect',
            name='changed_since_review',
            field=models.BooleanField(default=False, editable=False, help_text='Edited after its last clinical sign-off: readers are told the changes have not been checked.'),
        ),
        migrations.AddField(
            model_name='sideeffect',
            name='reviewed_fingerprint',
            field=models.CharField(blank=True, editable=False, max_length=64),
        ),
        migrations.RunPython(from_latest_sign_off, migrations.RunPython.noop),
    ]
