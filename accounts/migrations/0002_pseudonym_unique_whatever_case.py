"""
Pseudonyms (usernames) are unique whatever their case, in the database too:
allauth checks it at sign-up, this index also covers two sign-ups at the same
moment and accounts made in the admin. PostgreSQL only; SQLite (make run)
relies on the form check.
"""

from django.db import migrations

CREATE = (
    "CREATE UNIQUE INDEX IF NOT EXISTS accounts_username_upper_uniq "
    "ON auth_user (UPPER(username))"
)
DROP = "DROP INDEX IF EXISTS accounts_username_upper_uniq"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_index, drop_index)]
