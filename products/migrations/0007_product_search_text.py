
from django.db import migrations, models

from portal.text import searchable_text

SEARCHED_FIELDS = ("name_en", "name_km", "description_en", "description_km")


def fill_search_text(apps, schema_editor):
    """Give every existing product its segmented search text (new ones get it on save)."""
    Product = apps.get_model("products", "Product")
    batch = []
    for product in Product.objects.only(*SEARCHED_FIELDS).order_by("pk").iterator():
        product.search_text = searchable_text(*(getattr(product, f) for f in SEARCHED_FIELDS))
        batch.append(product)
        if len(batch) == 1000:
            Product.objects.bulk_update(batch, ["search_text"])
            batch = []
    Product.objects.bulk_update(batch, ["search_text"])


class Migration(migrations.Migration):

    dependencies = [
        ('products', '0006_prices_not_negative_in_forms'),
    ]

    operations = [
        migrations.AddField(
            model_name='product',
            name='search_text',
            field=models.TextField(blank=True, default='', editable=False, help_text='Names and descriptions cut into words, as search reads them.', verbose_name='search text'),
        ),
        migrations.AddField(
            model_name="historicalproduct",
            name="search_text",
            field=models.TextField(
                blank=True,
                default="",
                editable=False,
                help_text="Names and descriptions cut into words, as search reads them.",
                verbose_name="search text",
            ),
        ),
        migrations.RunPython(fill_search_text, migrations.RunPython.noop),
    ]
