"""Create PostgreSQL's ICU Khmer collation where the server lacks it (see portal.collation).

PostgreSQL built with ICU ships `km-x-icu` among its predefined collations; a database
created from a template without them gets it here. SQLite has no such collation.
"""

from django.db import migrations


def create_khmer_collation(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_collation WHERE collname = 'km-x-icu'")
        if cursor.fetchone() is None:
            cursor.execute('CREATE COLLATION "km-x-icu" (provider = icu, locale = \'km\')')


class Migration(migrations.Migration):
    dependencies = [("provinces", "0005_place_also_known_as")]

    operations = [migrations.RunPython(create_khmer_collation, migrations.RunPython.noop)]
