from django.urls import path

from rapport.courses import views
from rapport.courses.models import MembershipStatus

app_name = "courses"

course = "c/<slug:course_slug>/"

urlpatterns = [
    path("start/", views.start, name="start"),
    path("courses/", views.dashboard, name="dashboard"),
    path("courses/new/", views.course_create, name="create"),
    path("join/", views.join, name="join"),
    path("join/<str:code>/", views.join_link, name="join_link"),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation_accept"),
    # One course's pages: every view below starts with courses.access.course_access.
    path(course + "people/", views.people, name="people"),
    path(course + "people/<int:user_id>/", views.person, name="person"),
    path(course + "leave/", views.leave, name="leave"),
    path(course + "members/", views.members, name="members"),
    path(course + "members/invite/", views.invite, name="invite"),
    path(course + "members/<int:membership_id>/role/", views.member_role, name="member_role"),
    path(
        course + "members/<int:membership_id>/remove/",
        views.member_status,
        {"status": MembershipStatus.REMOVED},
        name="member_remove",
    ),
    path(
        course + "members/<int:membership_id>/archive/",
        views.member_status,
        {"status": MembershipStatus.ARCHIVED},
        name="member_archive",
    ),
    path(
        course + "members/<int:membership_id>/restore/",
        views.member_restore,
        name="member_restore",
    ),
    path(
        course + "invitations/<int:invitation_id>/resend/",
        views.invitation_resend,
        name="invitation_resend",
    ),
    path(
        course + "invitations/<int:invitation_id>/revoke/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path(course + "settings/", views.course_settings, name="settings"),
    path(course + "settings/details/", views.course_edit, name="edit"),
    path(course + "settings/join/", views.join_settings, name="join_settings"),
    path(course + "settings/join/new-code/", views.join_code_rotate, name="join_code_rotate"),
    path(course + "settings/archive/", views.course_archive, name="archive"),
    path(course + "settings/unarchive/", views.course_unarchive, name="unarchive"),
]
