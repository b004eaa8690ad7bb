from django.urls import path, register_converter

from marmot_monitor.web.programme.views.common import QuarterConverter
from marmot_monitor.web.stories.views import case_studies, images, partners

register_converter(QuarterConverter, "board_quarter")
STUDY = "case-studies/<int:number>/"
BOARD = "case-studies/board/<board_quarter:label>/"
PARTNER = "partners/<slug:code>/"

urlpatterns = [
    path("case-studies/", case_studies.case_study_list, name="stories-case-studies"),
    path("case-studies/new", case_studies.case_study_new, name="stories-case-study-new"),
    path(BOARD, case_studies.board_case_studies, name="stories-board"),
    path(STUDY, case_studies.case_study_detail, name="stories-case-study"),
    path(STUDY + "edit", case_studies.case_study_edit, name="stories-case-study-edit"),
    path(STUDY + "publish", case_studies.case_study_publish, name="stories-case-study-publish"),
    path(STUDY + "delete", case_studies.case_study_delete, name="stories-case-study-delete"),
    path(STUDY + "images/new", images.image_new, name="stories-image-new"),
    path(STUDY + "images/<int:image_id>", images.image, name="stories-image"),
    path(STUDY + "images/<int:image_id>/remove", images.image_remove, name="stories-image-remove"),
    path("partners/", partners.partner_list, name="stories-partners"),
    path(PARTNER, partners.partner_detail, name="stories-partner"),
    path(PARTNER + "edit", partners.profile_edit, name="stories-profile-edit"),
    path(PARTNER + "commitments/new", partners.commitment_new, name="stories-commitment-new"),
    path(
        PARTNER + "commitments/<int:number>/edit",
        partners.commitment_edit,
        name="stories-commitment-edit",
    ),
    path(
        PARTNER + "commitments/<int:number>/remove",
        partners.commitment_remove,
        name="stories-commitment-remove",
    ),
]
