from django.urls import path

from rapport.accounts import views

app_name = "accounts"

urlpatterns = [
    path("profile/", views.profile_edit, name="profile_edit"),
    path("photos/<int:user_id>/", views.photo, name="photo"),
    path("pronunciation/<int:user_id>/", views.pronunciation, name="pronunciation"),
    path("profile/name-recording/", views.pronunciation_record, name="pronunciation_record"),
]
