"""
The last band's wording is true of every side effect in it: "No frequency given" covers one the leaflet names
without a frequency (PML) and one it does not name at all (low platelets soon after an infusion, from the
MHRA). Wording only: no stored value changes.
"""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('pages', '0010_sign_off_permission'),
    ]

    operations = [
        migrations.AlterField(
            model_name='historicalsideeffect',
            name='band',
            field=models.CharField(choices=[('very_common', 'Very common'), ('common', 'Common'), ('uncommon', 'Uncommon'), ('rare', 'Rare'), ('not_known', 'Not known'), ('no_frequency', 'No frequency given')], default='common', help_text='How often it happens, exactly as section 4 of the Package Leaflet puts it: very common (more than 1 in 10 people), common (up to 1 in 10), uncommon (up to 1 in 100), rare (up to 1 in 1,000) or not known. Choose “No frequency given” when the leaflet gives none: it names the side effect without saying how often, or does not name it at all (a warning from another source, such as the MHRA). Say which on its page. Never guess: check the leaflet.', max_length=20),
        ),
        migrations.AlterField(
            model_name='sideeffect',
            name='band',
            field=models.CharField(choices=[('very_common', 'Very common'), ('common', 'Common'), ('uncommon', 'Uncommon'), ('rare', 'Rare'), ('not_known', 'Not known'), ('no_frequency', 'No frequency given')], default='common', help_text='How often it happens, exactly as section 4 of the Package Leaflet puts it: very common (more than 1 in 10 people), common (up to 1 in 10), uncommon (up to 1 in 100), rare (up to 1 in 1,000) or not known. Choose “No frequency given” when the leaflet gives none: it names the side effect without saying how often, or does not name it at all (a warning from another source, such as the MHRA). Say which on its page. Never guess: check the leaflet.', max_length=20),
        ),
    ]
