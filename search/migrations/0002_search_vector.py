import django.contrib.postgres.search
from django.db import migrations

from search.models import TEXT_VECTOR


def index_and_fill_vectors(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "CREATE INDEX search_document_vector_gin "
        "ON search_searchdocument USING gin (search_vector)"
    )
    SearchDocument = apps.get_model("search", "SearchDocument")
    SearchDocument.objects.update(search_vector=TEXT_VECTOR)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS search_document_vector_gin")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="searchdocument",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False, null=True
            ),
        ),
        migrations.RunPython(index_and_fill_vectors, drop_index),
    ]
