"""The ways a rule disposes of a record: delete it with what belongs to it, its history and
its files, or blank the free text that carries personal details (in its history too) and
keep the facts; the DisposalRecord and the audit event say what went.
Files are removed from storage once the transaction commits, so a disposal undone leaves no
record pointing at a missing file."""

from typing import Any

from django.db import router, transaction
from django.db.models import FileField, Model, ProtectedError, QuerySet, RestrictedError
from django.db.models.deletion import Collector

from qmr.errors import DomainError


def remove_files_on_commit(names: list[tuple[Any, str]]) -> None:
    """Delete (storage, name) pairs once committed."""
    def remove() -> None:
        for storage, name in names:
            storage.delete(name)

    if names:
        transaction.on_commit(remove)


def files_of(instance: Model) -> list[tuple[Any, str]]:
    return [(f.storage, getattr(instance, f.attname).name)
            for f in instance._meta.fields
            if isinstance(f, FileField) and getattr(instance, f.attname)]


def delete_with_files(record: Model, what: str) -> str:
    """Delete the record and the rows that go with it (the guard checks each), their
    history and their files. Returns what was removed, in words."""
    collector = Collector(using=router.db_for_write(type(record)))
    try:
        collector.collect([record])
    except (ProtectedError, RestrictedError) as e:
        raise DomainError(f"{what} cannot be deleted while other records refer to it: "
                          f"{', '.join(sorted({str(o) for o in e.args[1]})[:3])}.") from None
    files = [pair for instances in collector.data.values() for i in instances
             for pair in files_of(i)]
    rows = sum(len(instances) for instances in collector.data.values())
    gone = {model: [i.pk for i in instances] for model, instances in collector.data.items()}
    record.delete()
    for model, pks in gone.items():  # the copies the history kept go with the rows
        history = getattr(model, "history", None)
        if history is not None:
            history.model.objects.filter(id__in=pks).delete()
    remove_files_on_commit(files)
    said = what
    if rows > 1:
        said += f", with the {rows - 1} record{'s' if rows != 2 else ''} belonging to it"
    if files:
        said += f"; {len(files)} stored file{'s' if len(files) != 1 else ''} removed"
    return said + "."


def blank(qs: QuerySet, fields: tuple[str, ...]) -> int:
    """Empty these text fields on the rows and in their history (plain updates: the history
    is what is being cleared, so none is written). Returns how many rows."""
    pks = list(qs.values_list("pk", flat=True))
    qs.model._base_manager.filter(pk__in=pks).update(**dict.fromkeys(fields, ""))
    history = getattr(qs.model, "history", None)
    if history is not None:
        history.model.objects.filter(id__in=pks).update(**dict.fromkeys(fields, ""))
    return len(pks)
