
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('provinces', '0006_khmer_collation'),
    ]

    operations = [
        migrations.AddField(
            model_name='historicalmodelprovincedesignation',
            name='declared_by_km',
            field=models.CharField(blank=True, max_length=200, verbose_name='declared by (Khmer)'),
        ),
        migrations.AddField(
            model_name='historicalmodelprovincedesignation',
            name='khmer_is_translation',
            field=models.BooleanField(default=False, help_text="Tick when the Khmer statement is the portal's own translation of an English source; Khmer pages then say so.", verbose_name='Khmer translated by the portal'),
        ),
        migrations.AddField(
            model_name='modelprovincedesignation',
            name='declared_by_km',
            field=models.CharField(blank=True, max_length=200, verbose_name='declared by (Khmer)'),
        ),
        migrations.AddField(
            model_name='modelprovincedesignation',
            name='khmer_is_translation',
            field=models.BooleanField(default=False, help_text="Tick when the Khmer statement is the portal's own translation of an English source; Khmer pages then say so.", verbose_name='Khmer translated by the portal'),
        ),
    ]
