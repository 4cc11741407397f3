from django.urls import path

from datadam.academy import edit_views, operator_views, views

app_name = "academy"
urlpatterns = [
    # trainees and the public
    path("academy/", views.index, name="index"),
    path("academy/cohort/", views.cohort_public, name="cohort"),
    path("academy/cohorts/<str:cohort_code>/apply/", views.cohort_apply, name="apply"),
    path("academy/enrolments/<int:enrolment_id>/cancel/", views.enrolment_cancel, name="enrolment_cancel"),
    path(
        "academy/enrolments/<int:enrolment_id>/answers/delete/",
        views.enrolment_answers_delete,
        name="answers_delete",
    ),
    path("academy/course/<str:course_code>/", views.course_public, name="course_public"),
    path("academy/courses/<int:course_id>/", views.course_detail, name="course"),
    path("academy/courses/<int:course_id>/lessons/<int:lesson_id>/", views.lesson_detail, name="lesson"),
    path("academy/courses/<int:course_id>/practice/", views.practice, name="practice"),
    path("academy/courses/<int:course_id>/evaluation/", views.evaluation, name="evaluation"),
    path("academy/attempts/<int:attempt_id>/", views.attempt_page, name="attempt"),
    path("academy/certificates/", views.certificate_list, name="certificates"),
    path("academy/verify/", views.certificate_verify, name="verify"),
    path("academy/projects/<int:project_id>/agreement/", views.project_agreement, name="project_agreement"),
    # operators
    path("academy/manage/", operator_views.manage, name="manage"),
    path("academy/manage/agreements/", operator_views.agreements, name="agreements"),
    path("academy/manage/courses/<int:course_id>/", operator_views.course_manage, name="course_manage"),
    path("academy/manage/courses/<int:course_id>/lessons/", operator_views.lesson_add, name="lesson_add"),
    path("academy/manage/courses/<int:course_id>/items/", operator_views.item_add, name="item_add"),
    path("academy/manage/courses/<int:course_id>/cohorts/new/", operator_views.cohort_create, name="cohort_create"),
    path("academy/manage/cohorts/<int:cohort_id>/", operator_views.cohort_manage, name="cohort_manage"),
    path("academy/manage/courses/<int:course_id>/edit/", edit_views.course_edit, name="course_edit"),
    path("academy/manage/courses/<int:course_id>/lessons/<int:lesson_id>/edit/", edit_views.lesson_edit,
         name="lesson_edit"),  # fmt: skip
    path("academy/manage/cohorts/<int:cohort_id>/edit/", edit_views.cohort_edit, name="cohort_edit"),
    path("academy/manage/cohorts/<int:cohort_id>/attendance/", operator_views.attendance, name="attendance"),
    path(
        "academy/manage/enrolments/<int:enrolment_id>/select/",
        operator_views.enrolment_select,
        name="enrolment_select",
    ),
    path(
        "academy/manage/enrolments/<int:enrolment_id>/cancel/",
        operator_views.enrolment_cancel,
        name="enrolment_cancel_operator",
    ),
    path("academy/manage/projects/<int:project_id>/", operator_views.project_people, name="project_people"),
    path("academy/manage/projects/<int:project_id>/promote/", operator_views.reviewer_promote, name="reviewer_promote"),
]
