"""The stored files that go with rows being deleted. Deleting a row leaves its files in
storage; erasure and retention find them first and delete them once the rows are gone."""

from django.core.files.storage import default_storage
from django.db import models, router, transaction
from django.db.models.deletion import Collector


def _file_fields(model) -> list[str]:
    return [f.name for f in model._meta.concrete_fields if isinstance(f, models.FileField)]


def stored_files_deleted_with(objs) -> list[str]:
    """The names of the files of ``objs`` (a list or queryset of one model) and of every
    row deleting them cascades to."""
    objs = list(objs)
    if not objs:
        return []
    collector = Collector(using=router.db_for_write(type(objs[0])))
    collector.collect(objs)
    names = []
    for model, instances in collector.data.items():
        for field in _file_fields(model):
            names += [getattr(obj, field).name for obj in instances if getattr(obj, field)]
    for queryset in collector.fast_deletes:
        for field in _file_fields(queryset.model):
            names += [name for name in queryset.values_list(field, flat=True) if name]
    return names


def files_delete_on_commit(names: list[str]) -> None:
    def delete():
        for name in names:
            default_storage.delete(name)

    transaction.on_commit(delete)
