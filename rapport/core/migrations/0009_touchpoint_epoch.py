"""Each touchpoint's moment in whole seconds, for the radar's pass: added, filled in from
``occurred_at`` for the rows already there, then checked by the database."""

from django.db import migrations, models

import rapport.core.epoch


def fill_in(apps, schema_editor):
    Touchpoint = apps.get_model("core", "Touchpoint")
    Touchpoint.objects.using(schema_editor.connection.alias).update(
        occurred_epoch=rapport.core.epoch.EpochSeconds("occurred_at")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0008_touchpoints_by_kind"),
    ]

    operations = [
        migrations.AddField(
            model_name="touchpoint",
            name="occurred_epoch",
            field=rapport.core.epoch.EpochSecondsField(default=0, source="occurred_at"),
            preserve_default=False,
        ),
        migrations.RunPython(fill_in, migrations.RunPython.noop),
        migrations.RemoveIndex(model_name="touchpoint", name="tp_radar_pass"),
        migrations.AddIndex(
            model_name="touchpoint",
            index=models.Index(
                fields=[
                    "course",
                    "actor",
                    "subject",
                    "kind",
                    "occurred_at",
                    "occurred_epoch",
                    "value",
                    "object_type",
                    "object_id",
                ],
                name="tp_radar_pass",
            ),
        ),
        migrations.AddIndex(
            model_name="touchpoint",
            index=models.Index(
                fields=["course", "kind", "object_id", "object_type", "actor", "occurred_at"],
                name="tp_by_object",
            ),
        ),
        migrations.AddConstraint(
            model_name="touchpoint",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    occurred_epoch=rapport.core.epoch.EpochSeconds("occurred_at")
                ),
                name="tp_epoch_is_the_moment",
            ),
        ),
    ]
