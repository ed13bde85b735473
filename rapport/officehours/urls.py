from django.urls import path

from rapport.officehours import views

app_name = "officehours"

course = "c/<slug:course_slug>/office-hours/"
meeting = course + "meetings/<int:booking_id>/"
mine = course + "mine/"

# Every view starts with courses.access.course_access.
urlpatterns = [
    path(course, views.index, name="index"),
    path(course + "<int:office_hours_id>/", views.book, name="book"),
    path(course + "pools/new/", views.pool_new, name="pool_new"),
    path(course + "pools/<int:pool_id>/", views.pool, name="pool"),
    path(course + "invites/<int:invite_id>/", views.invite, name="invite"),
    path(course + "talk/<int:user_id>/", views.invite_new, name="invite_new"),
    path(meeting, views.booking, name="booking"),
    path(meeting + "move/", views.booking_move, name="booking_move"),
    path(meeting + "cancel/", views.booking_cancel, name="booking_cancel"),
    path(meeting + "mark/", views.booking_mark, name="booking_mark"),
    path(mine, views.manage, name="manage"),
    path(mine + "start/", views.start, name="start"),
    path(mine + "hours/", views.window_add, name="window_add"),
    path(mine + "hours/<int:window_id>/remove/", views.window_remove, name="window_remove"),
    path(mine + "dates/", views.exception_add, name="exception_add"),
    path(
        mine + "dates/<int:exception_id>/remove/", views.exception_remove, name="exception_remove"
    ),
]
