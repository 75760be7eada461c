
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('provinces', '0004_code_rules_worded_from_one_module'),
    ]

    operations = [
        migrations.AddField(
            model_name='commune',
            name='also_known_as',
            field=models.CharField(blank=True, help_text='Other spellings of the name in use, separated by commas (e.g. Kirivong for Kiri Vung). Searches on the public site find the place and its products by them.', max_length=200, verbose_name='also known as'),
        ),
        migrations.AddField(
            model_name='district',
            name='also_known_as',
            field=models.CharField(blank=True, help_text='Other spellings of the name in use, separated by commas (e.g. Kirivong for Kiri Vung). Searches on the public site find the place and its products by them.', max_length=200, verbose_name='also known as'),
        ),
        migrations.AddField(
            model_name='historicalcommune',
            name='also_known_as',
            field=models.CharField(blank=True, help_text='Other spellings of the name in use, separated by commas (e.g. Kirivong for Kiri Vung). Searches on the public site find the place and its products by them.', max_length=200, verbose_name='also known as'),
        ),
        migrations.AddField(
            model_name='historicaldistrict',
            name='also_known_as',
            field=models.CharField(blank=True, help_text='Other spellings of the name in use, separated by commas (e.g. Kirivong for Kiri Vung). Searches on the public site find the place and its products by them.', max_length=200, verbose_name='also known as'),
        ),
        migrations.AddField(
            model_name='historicalprovince',
            name='also_known_as',
            field=models.CharField(blank=True, help_text='Other spellings of the name in use, separated by commas (e.g. Kirivong for Kiri Vung). Searches on the public site find the place and its products by them.', max_length=200, verbose_name='also known as'),
        ),
        migrations.AddField(
            model_name='historicalvillage',
            name='also_known_as',
            field=models.CharField(blank=True, help_text='Other spellings of the name in use, separated by commas (e.g. Kirivong for Kiri Vung). Searches on the public site find the place and its products by them.', max_length=200, verbose_name='also known as'),
        ),
        migrations.AddField(
            model_name='province',
            name='also_known_as',
            field=models.CharField(blank=True, help_text='Other spellings of the name in use, separated by commas (e.g. Kirivong for Kiri Vung). Searches on the public site find the place and its products by them.', max_length=200, verbose_name='also known as'),
        ),
        migrations.AddField(
            model_name='village',
            name='also_known_as',
            field=models.CharField(blank=True, help_text='Other spellings of the name in use, separated by commas (e.g. Kirivong for Kiri Vung). Searches on the public site find the place and its products by them.', max_length=200, verbose_name='also known as'),
        ),
    ]
