from django.db import migrations

# django-comments-xtd looks up a message's replies by `parent_id` each time a
# message is saved, and declares no index on it: on a discussion of a
# thousand messages every save read the whole table, and before PostgreSQL's
# statistics catch up with a new table its plan compares every row with
# every other.
INDEX = "discussions_xtdcomment_parent_id"


class Migration(migrations.Migration):
    dependencies = [
        ("discussions", "0002_message_published_at"),
        ("django_comments_xtd", "0008_auto_20200920_2037"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {INDEX} "
            "ON django_comments_xtd_xtdcomment (parent_id)",
            f"DROP INDEX IF EXISTS {INDEX}",
        ),
    ]
