from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def list_discussions(apps, schema_editor):
    """List the discussions whose opening message is published or deleted."""
    Message = apps.get_model("discussions", "Message")
    Discussion = apps.get_model("discussions", "Discussion")
    opening = (
        Message.objects.filter(discussion=OuterRef("pk"))
        .order_by("pk")
        .values("status")[:1]
    )
    Discussion.objects.annotate(opening_status=Subquery(opening)).filter(
        opening_status__in=["published", "deleted"]
    ).update(is_listed=True)


class Migration(migrations.Migration):
    dependencies = [
        ("discussions", "0003_xtdcomment_parent_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="discussion",
            name="is_listed",
            field=models.BooleanField(
                default=False,
                help_text=(
                    "Vrai quand son message d'ouverture est publié ou supprimé par "
                    "son auteur. Une discussion dont l'ouverture a été retirée par "
                    "la modération reste lisible à son adresse, pour les réponses "
                    "des autres, mais ne paraît plus dans les listes, les flux, le "
                    "plan du site ni la recherche."
                ),
                verbose_name="listée",
            ),
        ),
        migrations.RunPython(list_discussions, migrations.RunPython.noop),
    ]
