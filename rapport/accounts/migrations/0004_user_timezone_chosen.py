from django.db import migrations, models


def zones_other_than_utc_were_chosen(apps, schema_editor):
    # Nobody ends up in a zone other than the default without someone choosing it.
    User = apps.get_model("accounts", "User")
    User.objects.exclude(timezone="UTC").update(timezone_chosen=True)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_time_zone_choices_read_at_run_time"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="timezone_chosen",
            field=models.BooleanField(default=False),
        ),
        migrations.RunPython(zones_other_than_utc_were_chosen, migrations.RunPython.noop),
    ]
