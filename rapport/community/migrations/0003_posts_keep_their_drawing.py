from django.db import migrations, models

from rapport.community.discussions.mentions import prerender


def draw_existing_posts(apps, schema_editor):
    """Posts written before the drawing was kept get it now, so no view renders them."""
    Post = apps.get_model("community", "Post")
    batch = []
    for post in Post.objects.only("pk", "body").iterator(chunk_size=500):
        post.body_html, post.body_html_key = prerender(post.body)
        batch.append(post)
        if len(batch) == 500:
            Post.objects.bulk_update(batch, ["body_html", "body_html_key"])
            batch = []
    Post.objects.bulk_update(batch, ["body_html", "body_html_key"])


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0002_reactions_share_one_emoji_set"),
    ]

    operations = [
        migrations.AddField(
            model_name="post",
            name="body_html",
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.AddField(
            model_name="post",
            name="body_html_key",
            field=models.CharField(blank=True, editable=False, max_length=32),
        ),
        migrations.RunPython(draw_existing_posts, migrations.RunPython.noop, elidable=True),
    ]
