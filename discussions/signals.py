"""Keep search rows in step when discussions disappear with their page."""

from django.db.models.signals import post_delete


def discussion_deleted(sender, instance, **kwargs):
    from search.documents import discussion_key, forget_key

    forget_key(discussion_key(instance))


def connect():
    from .models import Discussion

    post_delete.connect(discussion_deleted, sender=Discussion)
