"""Model-province designations and demonstration centres move to `forums`.

State only: the tables and their rows stay; forums' 0007 takes the models over and
renames their tables (docs/decisions/0006-one-way-dependencies.md).
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("provinces", "0009_reviewed_communes_and_villages"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="HistoricalDemonstrationCentre"),
                migrations.DeleteModel(name="HistoricalModelProvinceDesignation"),
                migrations.DeleteModel(name="DemonstrationCentre"),
                migrations.DeleteModel(name="ModelProvinceDesignation"),
            ],
            database_operations=[],
        ),
    ]
