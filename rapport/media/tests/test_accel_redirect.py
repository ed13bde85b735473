"""Behind nginx (MEDIA_ACCEL_REDIRECT), a recording or photo on disk is sent by nginx: the
view checks who is asking, then answers with an empty body whose X-Accel-Redirect names
the file under nginx's internal location (deploy/nginx/rapport.conf), with our type,
caching and disposition."""

from django.urls import reverse


def test_a_permitted_viewer_gets_an_accel_redirect_to_the_file(client_for, learner_media, settings):
    settings.MEDIA_ACCEL_REDIRECT = "/protected-media/"
    url = reverse(
        "media:file", args=[learner_media.course.slug, learner_media.public_id, "original"]
    )
    response = client_for("learner").get(url, HTTP_RANGE="bytes=0-9")
    assert response.status_code == 200
    assert response.content == b""
    assert response["X-Accel-Redirect"] == f"/protected-media/{learner_media.original.name}"
    assert response["Content-Type"] == learner_media.original_content_type
    assert response["Content-Disposition"] == 'attachment; filename="clip.mp4"'
    assert response["Cache-Control"] == "private"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_others_get_no_accel_redirect(client_for, learner_media, settings):
    settings.MEDIA_ACCEL_REDIRECT = "/protected-media/"
    url = reverse(
        "media:file", args=[learner_media.course.slug, learner_media.public_id, "playback"]
    )
    for role in ("other_learner", "outsider"):
        response = client_for(role).get(url)
        assert response.status_code == 404
        assert "X-Accel-Redirect" not in response


def test_names_are_quoted_for_nginx(client_for, learner_media, settings):
    settings.MEDIA_ACCEL_REDIRECT = "/protected-media/"
    learner_media.poster.name = learner_media.poster.name.replace("poster", "po ster#1")
    learner_media.save(update_fields=["poster"])
    url = reverse("media:file", args=[learner_media.course.slug, learner_media.public_id, "poster"])
    accel = client_for("learner").get(url)["X-Accel-Redirect"]
    assert accel.endswith("/po%20ster%231.jpg")
