from django.urls import path

from rapport.media import views

app_name = "media"

# One course's recordings: every view below starts with courses.access.course_access.
media = "c/<slug:course_slug>/media/"

urlpatterns = [
    path(media + "upload/", views.upload, name="upload"),
    path(media + "<uuid:media_id>/", views.status, name="status"),
    path(media + "<uuid:media_id>/captions/", views.captions, name="captions"),
    path(media + "<uuid:media_id>/captions/draft/", views.caption_draft, name="caption_draft"),
    path(
        media + "<uuid:media_id>/captions/<str:language>/cues/",
        views.caption_cues,
        name="caption_cues",
    ),
    path(
        media + "<uuid:media_id>/captions/<str:language>.vtt",
        views.captions_vtt,
        name="captions_vtt",
    ),
    # playback | poster | original; listed after captions/ so that word is never a variant
    path(media + "<uuid:media_id>/<str:variant>/", views.media_file, name="file"),
]
