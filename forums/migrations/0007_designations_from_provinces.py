"""Model-province designations and demonstration centres, declared at forum events,
move here from `provinces`, keeping their rows and their history.

The models are taken over in the migration state only (provinces' 0010 lets them
go), then their four tables are renamed to this app's names. Their content types
move with them, so permissions, role grants and admin log entries keep pointing at
the same rows.
"""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models

MOVED = [
    "modelprovincedesignation",
    "historicalmodelprovincedesignation",
    "demonstrationcentre",
    "historicaldemonstrationcentre",
]


def move_content_types(apps, schema_editor, source, target):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    taken = set(
        ContentType.objects.using(db)
        .filter(app_label=target, model__in=MOVED)
        .values_list("model", flat=True)
    )
    # A content type already made under the new label (none is, unless someone ran
    # migrate with the models moved but not this step) keeps its own rows.
    ContentType.objects.using(db).filter(app_label=source, model__in=MOVED).exclude(
        model__in=taken
    ).update(app_label=target)


def content_types_to_forums(apps, schema_editor):
    move_content_types(apps, schema_editor, "provinces", "forums")


def content_types_to_provinces(apps, schema_editor):
    move_content_types(apps, schema_editor, "forums", "provinces")


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('forums', '0006_khmer_texts_of_events'),
        ('provinces', '0010_designations_move_to_forums'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='DemonstrationCentre',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('focus_en', models.CharField(max_length=300, verbose_name='focus (English)')),
                        ('focus_km', models.CharField(blank=True, max_length=300, verbose_name='focus (Khmer)')),
                        ('designated_at', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='demonstration_centres', to='forums.forumevent', verbose_name='designated at')),
                        ('district', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='demonstration_centre', to='provinces.district', verbose_name='district')),
                    ],
                    options={
                        'db_table': 'provinces_demonstrationcentre',
                        'verbose_name': 'demonstration centre',
                        'verbose_name_plural': 'demonstration centres',
                    },
                ),
                migrations.CreateModel(
                    name='HistoricalDemonstrationCentre',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('changed_fields', models.CharField(blank=True, editable=False, help_text='The fields this change altered, by name.', max_length=1000, verbose_name='fields changed')),
                        ('focus_en', models.CharField(max_length=300, verbose_name='focus (English)')),
                        ('focus_km', models.CharField(blank=True, max_length=300, verbose_name='focus (Khmer)')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.TextField(null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('designated_at', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='forums.forumevent', verbose_name='designated at')),
                        ('district', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='provinces.district', verbose_name='district')),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'provinces_historicaldemonstrationcentre',
                        'verbose_name': 'historical demonstration centre',
                        'verbose_name_plural': 'historical demonstration centres',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='HistoricalModelProvinceDesignation',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('changed_fields', models.CharField(blank=True, editable=False, help_text='The fields this change altered, by name.', max_length=1000, verbose_name='fields changed')),
                        ('declared_by', models.CharField(blank=True, max_length=200, verbose_name='declared by')),
                        ('declared_by_km', models.CharField(blank=True, max_length=200, verbose_name='declared by (Khmer)')),
                        ('statement_en', models.TextField(blank=True, verbose_name='statement (English)')),
                        ('statement_km', models.TextField(blank=True, verbose_name='statement (Khmer)')),
                        ('khmer_is_translation', models.BooleanField(default=False, help_text="Tick when the Khmer statement is the portal's own translation of an English source; Khmer pages then say so.", verbose_name='Khmer translated by the portal')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.TextField(null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('declared_at', models.ForeignKey(blank=True, db_constraint=False, help_text="The event at which the designation was declared; its date is the designation's date.", null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='forums.forumevent', verbose_name='declared at')),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('province', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='provinces.province', verbose_name='province')),
                    ],
                    options={
                        'db_table': 'provinces_historicalmodelprovincedesignation',
                        'verbose_name': 'historical model province designation',
                        'verbose_name_plural': 'historical model province designations',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='ModelProvinceDesignation',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('declared_by', models.CharField(blank=True, max_length=200, verbose_name='declared by')),
                        ('declared_by_km', models.CharField(blank=True, max_length=200, verbose_name='declared by (Khmer)')),
                        ('statement_en', models.TextField(blank=True, verbose_name='statement (English)')),
                        ('statement_km', models.TextField(blank=True, verbose_name='statement (Khmer)')),
                        ('khmer_is_translation', models.BooleanField(default=False, help_text="Tick when the Khmer statement is the portal's own translation of an English source; Khmer pages then say so.", verbose_name='Khmer translated by the portal')),
                        ('declared_at', models.ForeignKey(blank=True, help_text="The event at which the designation was declared; its date is the designation's date.", null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='model_province_designations', to='forums.forumevent', verbose_name='declared at')),
                        ('province', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='model_province_designation', to='provinces.province', verbose_name='province')),
                    ],
                    options={
                        'db_table': 'provinces_modelprovincedesignation',
                        'verbose_name': 'model province designation',
                        'verbose_name_plural': 'model province designations',
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.AlterModelTable(name='ModelProvinceDesignation', table=None),
        migrations.AlterModelTable(name='HistoricalModelProvinceDesignation', table=None),
        migrations.AlterModelTable(name='DemonstrationCentre', table=None),
        migrations.AlterModelTable(name='HistoricalDemonstrationCentre', table=None),
        migrations.RunPython(content_types_to_forums, content_types_to_provinces),
    ]
