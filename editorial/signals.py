"""
Tell members what became of the testimony they proposed.

Wagtail sends `page_published` when an editor approves the workflow or
publishes the page directly, and `workflow_rejected` when the reviewing task
is rejected ("Request changes" in the admin). Pages written by staff, without
`submitted_by`, send nothing.
"""

from wagtail.models import WorkflowState
from wagtail.signals import page_published, workflow_rejected

from .models import TestimonyPage
from .testimonies import tell_member_published, tell_member_rejected


def testimony_published(sender, instance, **kwargs):
    # A page scheduled for later is not live yet and is announced when it
    # goes live. Publishing sets both dates to the same instant the first
    # time only: later corrections or a republication send nothing.
    first_publication = instance.live and (
        instance.first_published_at == instance.last_published_at
    )
    if instance.submitted_by_id and first_publication:
        tell_member_published(instance)


def testimony_rejected(sender, instance, **kwargs):
    page = instance.content_object
    page = getattr(page, "specific", page)
    if not isinstance(page, TestimonyPage) or not page.submitted_by_id:
        return
    task_state = instance.current_task_state
    tell_member_rejected(page, comment=task_state.comment if task_state else "")


def connect():
    page_published.connect(
        testimony_published,
        sender=TestimonyPage,
        dispatch_uid="editorial_testimony_published",
    )
    workflow_rejected.connect(
        testimony_rejected,
        sender=WorkflowState,
        dispatch_uid="editorial_testimony_rejected",
    )
