from django.urls import path

from marmot_monitor.web.assessment.views import assessments, rounds, sets

SET = "sets/<slug:key>/"
ROUND = "rounds/<slug:slug>/"
ASSESSMENT = f"{ROUND}respondents/<slug:respondent>/"

urlpatterns = [
    path("", sets.home, name="assessment-home"),
    path(SET, sets.set_detail, name="assessment-set"),
    path(f"{SET}questions/new", sets.question_new, name="assessment-question-new"),
    path(f"{SET}questions/<str:code>/", sets.question_edit, name="assessment-question"),
    path(f"{SET}questions/<str:code>/move", sets.question_move, name="assessment-question-move"),
    path(f"{SET}rounds/new", rounds.round_new, name="assessment-round-new"),
    path(ROUND, rounds.round_detail, name="assessment-round"),
    path(f"{ROUND}results/", rounds.results, name="assessment-results"),
    path(f"{ROUND}results.<str:fmt>", rounds.results_download, name="assessment-results-download"),
    path(ASSESSMENT, assessments.assessment_detail, name="assessment-assessment"),
    path(f"{ASSESSMENT}template.xlsx", assessments.template, name="assessment-template"),
    path(f"{ASSESSMENT}upload", assessments.upload, name="assessment-upload"),
]
