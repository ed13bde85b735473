from django.urls import path

from rapport.surveys import views

app_name = "surveys"

course = "c/<slug:course_slug>/surveys/"
survey = course + "<int:survey_id>/"
question = survey + "questions/<int:question_id>/"

# Every view below starts with courses.access.course_access.
urlpatterns = [
    path(course, views.survey_list, name="list"),
    path(course + "new/", views.survey_new, name="new"),
    path(course + "new/getting-to-know-you/", views.intro_new, name="intro_new"),
    path(survey, views.survey_answer, name="answer"),
    path(survey + "edit/", views.survey_edit, name="edit"),
    path(survey + "publish/", views.survey_publish, name="publish"),
    path(survey + "close/", views.survey_close, name="close"),
    path(survey + "delete/", views.survey_delete, name="delete"),
    path(survey + "results/", views.results, name="results"),
    path(survey + "results.csv", views.export_csv, name="export"),
    path(survey + "my-answers.csv", views.my_answers_csv, name="my_answers"),
    path(survey + "questions/new/", views.question_new, name="question_new"),
    path(survey + "questions/order/", views.questions_reorder, name="reorder"),
    path(question + "edit/", views.question_edit, name="question_edit"),
    path(question + "delete/", views.question_delete, name="question_delete"),
    path(question + "move/", views.question_move, name="question_move"),
    path(question + "answer/", views.answer_question, name="answer_question"),
]
