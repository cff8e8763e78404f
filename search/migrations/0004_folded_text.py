from django.db import migrations, models

from search.folding import fold
from search.models import FOLDED_FIELDS


def fill_folded_text(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        return
    SearchDocument = apps.get_model("search", "SearchDocument")
    rows = list(SearchDocument.objects.only(*FOLDED_FIELDS))
    for row in rows:
        row.folded_text = fold("\n".join(getattr(row, name) for name in FOLDED_FIELDS))
    SearchDocument.objects.bulk_update(rows, ["folded_text"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0003_alter_searchdocument_kind"),
    ]

    operations = [
        migrations.AddField(
            model_name="searchdocument",
            name="folded_text",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(fill_folded_text, migrations.RunPython.noop),
    ]
