"""The audit trail: who changed what, and when, in Django's admin log.

Edits made in the admin's forms are logged by the admin itself. Every other change made by
staff (an admin action, the door check-in, a status change, a promotion from the waiting
list) is recorded here by the domain function that makes it, so the log is complete whichever
screen the change came from. Organisers read it in the admin under Administrasi › Entri
pencatatan (Log entries).

What is recorded names the object by its `audit_label` when it has one (a registration's
code, a request's reference), never by a person's name: the log outlives the erasure of
personal data after the festival.
"""

from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import models

ACTIONS = {"added": ADDITION, "changed": CHANGE, "deleted": DELETION}


def label_of(obj: models.Model) -> str:
    """How the log names `obj`: its audit_label if it defines one, else str(obj)."""
    label = getattr(obj, "audit_label", None)
    return str(label if label is not None else obj)[:200]


def record(*, user, objects, message: str, action: str = "changed") -> None:
    """Record that `user` did `action` to each of `objects`, with a readable message.

    Does nothing without a signed-in user (a visitor cancelling their own ticket is not staff
    work). Runs inside the caller's transaction, so a rolled-back change leaves no record.
    """
    if user is None or not getattr(user, "is_authenticated", False):
        return
    objects = list(objects)
    if not objects:
        return
    flag = ACTIONS[action]
    LogEntry.objects.bulk_create(
        [
            LogEntry(
                user_id=user.pk,
                content_type_id=ContentType.objects.get_for_model(obj, for_concrete_model=False).pk,
                object_id=str(obj.pk),
                object_repr=label_of(obj),
                action_flag=flag,
                change_message=message,
            )
            for obj in objects
        ]
    )
