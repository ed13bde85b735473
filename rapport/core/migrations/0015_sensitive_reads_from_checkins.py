"""The check-ins' own audit rows (moods and reflections) join the one log in core; the old
table goes in the community app's next migration."""

from django.db import migrations

BATCH = 2000


def copy_reads(apps, schema_editor):
    Old = apps.get_model("community", "SensitiveRead")
    New = apps.get_model("core", "SensitiveRead")
    old = Old.objects.select_related("prompt").order_by("pk")
    batch = []
    for read in old.iterator(chunk_size=BATCH):
        batch.append(
            New(
                course_id=read.course_id,
                viewer_id=read.viewer_id,
                learner_id=read.learner_id,
                kind=read.what,
                about=read.prompt.text[:200] if read.prompt else "",
                viewed_at=read.viewed_at,
            )
        )
        if len(batch) >= BATCH:
            New.objects.bulk_create(batch)
            batch = []
    New.objects.bulk_create(batch)


def copy_back(apps, schema_editor):
    Old = apps.get_model("community", "SensitiveRead")
    New = apps.get_model("core", "SensitiveRead")
    kinds = ("mood_overview", "mood_history", "prompt_answers", "reflection")
    Old.objects.bulk_create(
        Old(
            course_id=read.course_id,
            viewer_id=read.viewer_id,
            learner_id=read.learner_id,
            what=read.kind,
            viewed_at=read.viewed_at,
        )
        for read in New.objects.filter(kind__in=kinds).order_by("pk").iterator()
    )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0014_sensitive_read_log"),
        ("community", "0004_topic_group"),
    ]

    operations = [migrations.RunPython(copy_reads, copy_back)]
