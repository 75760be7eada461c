
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('forums', '0005_reviewed_publishing'),
    ]

    operations = [
        migrations.AddField(
            model_name='eventorganisation',
            name='note_km',
            field=models.CharField(blank=True, max_length=200, verbose_name='note (Khmer)'),
        ),
        migrations.AddField(
            model_name='forumevent',
            name='khmer_is_translation',
            field=models.BooleanField(default=False, help_text="Tick when the Khmer texts are the portal's own translation of an English source; Khmer pages then say so.", verbose_name='Khmer translated by the portal'),
        ),
        migrations.AddField(
            model_name='historicaleventorganisation',
            name='note_km',
            field=models.CharField(blank=True, max_length=200, verbose_name='note (Khmer)'),
        ),
        migrations.AddField(
            model_name='historicalforumevent',
            name='khmer_is_translation',
            field=models.BooleanField(default=False, help_text="Tick when the Khmer texts are the portal's own translation of an English source; Khmer pages then say so.", verbose_name='Khmer translated by the portal'),
        ),
        migrations.AddField(
            model_name='historicalparticipant',
            name='name_km',
            field=models.CharField(blank=True, help_text='The name in Khmer script, where it is known for certain.', max_length=200, verbose_name='name (Khmer)'),
        ),
        migrations.AddField(
            model_name='historicalparticipant',
            name='title_km',
            field=models.CharField(blank=True, max_length=300, verbose_name='title or position (Khmer)'),
        ),
        migrations.AddField(
            model_name='participant',
            name='name_km',
            field=models.CharField(blank=True, help_text='The name in Khmer script, where it is known for certain.', max_length=200, verbose_name='name (Khmer)'),
        ),
        migrations.AddField(
            model_name='participant',
            name='title_km',
            field=models.CharField(blank=True, max_length=300, verbose_name='title or position (Khmer)'),
        ),
    ]
