"""A moment as whole seconds since 1970 (UTC): worked out in Python (``epoch_seconds``) and
by the database (``EpochSeconds``), which agree to the second."""

from datetime import UTC, datetime, timedelta

from django.db import models
from django.db.models import BigIntegerField, Func

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def epoch_seconds(moment: datetime) -> int:
    """Whole seconds since 1970, rounded down — in integers, so no float rounds it up."""
    return (moment - _EPOCH) // timedelta(seconds=1)


class EpochSeconds(Func):
    output_field = BigIntegerField()

    def as_sqlite(self, compiler, connection, **extra):
        # strftime('%s') reads Django's stored UTC text ("2026-03-08 07:59:59.999999"); it
        # is deterministic (no 'now'). It would round the fraction to the millisecond (so to
        # the next second here), so only the first 19 characters, the whole seconds, are
        # given. Its format travels as a parameter: a percent sign in the SQL would be read as
        # one.
        moment, params = compiler.compile(self.source_expressions[0])
        return f"CAST(strftime(%s, substr({moment}, 1, 19)) AS INTEGER)", ["%s", *params]

    def as_postgresql(self, compiler, connection, **extra):
        # EXTRACT(EPOCH FROM timestamptz) is only stable; from an interval it is immutable.
        return self.as_sql(
            compiler,
            connection,
            template=(
                "FLOOR(EXTRACT(EPOCH FROM (%(expressions)s - "
                "TIMESTAMPTZ '1970-01-01 00:00:00+00')))::bigint"
            ),
            **extra,
        )


class EpochSecondsField(models.BigIntegerField):
    """A copy of another date-time field of the row in whole seconds, set whenever the row is
    saved (bulk_create included). Pair it with a check constraint (``EpochSeconds``) so the
    database refuses a row where the two disagree."""

    def __init__(self, *args, source: str = "", **kwargs):
        self.source = source
        kwargs["editable"] = False
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["source"] = self.source
        kwargs.pop("editable", None)
        return name, path, args, kwargs

    def pre_save(self, model_instance, add):
        moment = getattr(model_instance, self.source)
        value = None if moment is None else epoch_seconds(moment)
        setattr(model_instance, self.attname, value)
        return value
