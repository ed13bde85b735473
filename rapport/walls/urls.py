from django.urls import path

from rapport.walls import views

app_name = "walls"

course = "c/<slug:course_slug>/walls/"
board = course + "<int:board_id>/"
card = board + "cards/<int:card_id>/"

# Every view below starts with courses.access.course_access.
urlpatterns = [
    path(course, views.board_list, name="boards"),
    path(course + "new/", views.board_new, name="board_new"),
    path(course + "cards/<int:card_id>/photo/", views.card_image, name="card_image"),
    path(board, views.board, name="board"),
    path(board + "settings/", views.board_settings, name="board_settings"),
    path(board + "export.csv", views.board_export, name="board_export"),
    path(board + "picture.png", views.board_picture, name="board_picture"),
    path(board + "cards/", views.card_add, name="card_add"),
    path(card + "edit/", views.card_edit, name="card_edit"),
    path(card + "move/", views.card_move, name="card_move"),
    path(card + "delete/", views.card_delete, name="card_delete"),
    path(card + "approve/", views.card_approve, name="card_approve"),
    path(card + "react/", views.card_react, name="card_react"),
    path(card + "comment/", views.card_comment, name="card_comment"),
]
