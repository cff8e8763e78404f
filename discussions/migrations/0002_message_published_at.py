from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def mark_published_messages(apps, schema_editor):
    """
    Date the first publication of the messages readers have seen: published
    and removed ones, and deleted ones, which the threads showed as
    placeholders. A discussion whose opening message was removed becomes
    readable again; its search row follows at the next `search_index` run.
    """
    Comment = apps.get_model("django_comments", "Comment")
    Message = apps.get_model("discussions", "Message")
    Discussion = apps.get_model("discussions", "Discussion")

    submitted = Comment.objects.filter(pk=OuterRef("pk")).values("submit_date")
    Message.objects.filter(status__in=["published", "removed", "deleted"]).update(
        published_at=Subquery(submitted[:1])
    )
    opening = (
        Message.objects.filter(discussion=OuterRef("pk"))
        .order_by("pk")
        .values("published_at")[:1]
    )
    Discussion.objects.filter(is_public=False).annotate(
        opening_published_at=Subquery(opening)
    ).filter(opening_published_at__isnull=False).update(is_public=True)


class Migration(migrations.Migration):
    dependencies = [
        ("discussions", "0001_initial"),
        ("django_comments", "0004_add_object_pk_is_removed_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="message",
            name="published_at",
            field=models.DateTimeField(
                blank=True,
                editable=False,
                help_text=(
                    "Première publication. Un message déjà lu garde sa place dans "
                    "la discussion, même retiré ou en relecture après une "
                    "modification."
                ),
                null=True,
                verbose_name="publié le",
            ),
        ),
        migrations.AlterField(
            model_name="discussion",
            name="is_public",
            field=models.BooleanField(
                default=False,
                help_text=(
                    "Vrai dès que le message d'ouverture a été publié, même s'il a "
                    "été retiré depuis."
                ),
                verbose_name="visible",
            ),
        ),
        migrations.RunPython(mark_published_messages, migrations.RunPython.noop),
    ]
