"""Trainee and public pages: courses, cohorts and applications, lessons, practice, evaluation, certificates."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from datadam.academy import forms, item_layout, permissions, selectors
from datadam.academy.models import Enrolment, EvaluationAttempt
from datadam.academy.services import cohorts, courses, learning
from datadam.core.errors import DomainError, Invalid, NotFound
from datadam.projects import selectors as project_selectors
from datadam.projects.schema.answers import answer_from_post
from datadam.projects.schema.validate import schema_parse


def index(request: HttpRequest) -> HttpResponse:
    """The academy's catalogue, public: courses open for applications with each cohort's seats left; a logged-in
    trainee also sees their own applications and qualifications."""
    courses = selectors.course_list_open(actor=request.user)
    for course in courses:
        for cohort in course.open_cohorts:
            cohort.seats_now = selectors.cohort_seats(cohort)
    context = {"courses": courses}
    if request.user.is_authenticated:
        enrolments = list(selectors.enrolment_list_own(actor=request.user))
        for enrolment in enrolments:
            enrolment.position = cohorts.waitlist_position(enrolment)
        context |= {
            "enrolments": enrolments,
            "qualifications": selectors.qualifications_of(request.user),
            "manages": selectors.course_managed_list(actor=request.user).exists()
            or request.user.org_memberships.exists(),
        }
    return render(request, "academy/index.html", context)


def cohort_public(request: HttpRequest) -> HttpResponse:
    """The public cohort page other sites link to: /academy/cohort/?code=…"""
    code = request.GET.get("code", "").strip()
    if not code:
        return render(request, "academy/cohort_find.html", {})
    cohort = selectors.cohort_get_public(code=code)
    enrolment = None
    if request.user.is_authenticated:
        enrolment = Enrolment.objects.filter(cohort=cohort, user=request.user).first()
    context = {
        "cohort": cohort,
        "course": cohort.course,
        "lessons": cohort.course.lessons.all(),
        "enrolment": enrolment,
        "position": cohorts.waitlist_position(enrolment) if enrolment else None,
        "is_open": cohort.enrol_opens_at <= timezone.now() <= cohort.enrol_closes_at,
        "seats": selectors.cohort_seats(cohort),
    }
    return render(request, "academy/cohort_public.html", context)


@login_required
def cohort_apply(request: HttpRequest, cohort_code: str) -> HttpResponse:
    cohort = selectors.cohort_get_public(code=cohort_code)
    data = request.POST if request.method == "POST" else None
    form = forms.ApplyForm(data, questions=cohort.eligibility_questions or [])
    error = None
    if request.method == "POST" and form.is_valid():
        try:
            enrolment, created = cohorts.cohort_apply(
                actor=request.user,
                cohort=cohort,
                answers=form.answers(),
                consent=form.cleaned_data["consent"],
                agreement_accepted=form.cleaned_data["agree"],
            )
        except DomainError as exc:
            error = exc.message
        else:
            messages.success(request, _apply_message(enrolment, created))
            return redirect(_cohort_url(cohort))
    context = {"cohort": cohort, "course": cohort.course, "form": form, "error": error}
    return render(request, "academy/apply.html", context, status=422 if error else 200)


def _cohort_url(cohort) -> str:
    return f"{reverse('academy:cohort')}?code={cohort.code}"


def _apply_message(enrolment: Enrolment, created: bool) -> str:
    if not created:
        return _("You have already applied. Your application: %(status)s.") % {"status": enrolment.get_status_display()}
    if enrolment.status == Enrolment.Status.ENROLLED:
        return _("You are enrolled. You can start the lessons now.")
    if enrolment.status == Enrolment.Status.WAITLISTED:
        return _("The cohort is full. You are number %(position)s on the waiting list.") % {
            "position": cohorts.waitlist_position(enrolment)
        }
    return _("Your application is received. The organizers will tell you by email.")


@login_required
@require_POST
def enrolment_cancel(request: HttpRequest, enrolment_id: int) -> HttpResponse:
    enrolment = selectors.enrolment_get_own(actor=request.user, enrolment_id=enrolment_id)
    cohorts.enrolment_cancel(actor=request.user, enrolment=enrolment)
    messages.success(request, _("Your application is cancelled."))
    return redirect("academy:index")


@login_required
@require_POST
def enrolment_answers_delete(request: HttpRequest, enrolment_id: int) -> HttpResponse:
    enrolment = selectors.enrolment_get_own(actor=request.user, enrolment_id=enrolment_id)
    cohorts.enrolment_answers_delete(actor=request.user, enrolment=enrolment)
    messages.success(request, _("Your answers are deleted."))
    return redirect("academy:index")


def course_public(request: HttpRequest, course_code: str) -> HttpResponse:
    """A published course's overview, public: what it teaches, its lessons and study time, and its open cohorts.
    Lessons, practice and the evaluation stay on the study page, for the people enrolled."""
    course = selectors.course_get_public(code=course_code)
    context = {
        "course": course,
        "lessons": course.lessons.all(),
        "cohorts": selectors.cohort_list_open(course),
        "studies": permissions.can_study(request.user, course),
    }
    return render(request, "academy/course_public.html", context)


@login_required
def course_detail(request: HttpRequest, course_id: int) -> HttpResponse:
    course = selectors.course_get_for_study(actor=request.user, course_id=course_id)
    done = set(course.lessons.filter(progress__user=request.user).values_list("id", flat=True))
    context = {
        "course": course,
        "lessons": course.lessons.all(),
        "done": done,
        "progress": selectors.course_progress(user=request.user, course=course),
        "attempts": course.attempts.filter(user=request.user).order_by("-started_at"),
    }
    return render(request, "academy/course.html", context)


@login_required
def lesson_detail(request: HttpRequest, course_id: int, lesson_id: int) -> HttpResponse:
    course = selectors.course_get_for_study(actor=request.user, course_id=course_id)
    lesson = selectors.lesson_get(actor=request.user, course=course, lesson_id=lesson_id)
    if request.method == "POST":
        learning.lesson_complete(actor=request.user, lesson=lesson)
        following = course.lessons.filter(position__gt=lesson.position).first()
        if following:
            return redirect("academy:lesson", course_id=course.id, lesson_id=following.id)
        return redirect("academy:course", course_id=course.id)
    context = {"course": course, "lesson": lesson, "body": courses.lesson_html(lesson.body)}
    return render(request, "academy/lesson.html", context)


@login_required
def practice(request: HttpRequest, course_id: int) -> HttpResponse:
    """One practice item at a time (?n=1…); answering shows right or wrong, the expected answer beside the
    trainee's and why. A refused answer (a label outside the schema) comes back as drawn, with the reason."""
    course = selectors.course_get_for_study(actor=request.user, course_id=course_id)
    items = selectors.practice_items(course)
    if not items:
        return render(request, "academy/practice.html", {"course": course, "item": None})
    number = _page_number(request.POST.get("n") or request.GET.get("n"), len(items))
    item = items[number - 1]
    schema = schema_parse(course.item_project.schema)
    feedback, error, answer = None, None, {}
    if request.method == "POST":
        answer = answer_from_post(schema, request.POST)
        try:
            feedback = learning.practice_answer(actor=request.user, course_item=item, answer=answer)
        except DomainError as exc:
            error = exc.message
    layout = item_layout.item_layout(request.user, schema, item, answer)
    context = {
        "course": course,
        "item": item,
        "number": number,
        "count": len(items),
        "layout": layout,
        "blocks": layout["blocks"],
        "feedback": feedback,
        "shown": item_layout.feedback_layout(schema, feedback, answer, layout) if feedback else None,
        "error": error,
        **item_layout.page_scripts([layout]),
    }
    return render(request, "academy/practice.html", context, status=422 if error else 200)


def _page_number(raw: str | None, count: int) -> int:
    try:
        return min(max(int(raw or 1), 1), count)
    except ValueError:
        return 1


@login_required
def evaluation(request: HttpRequest, course_id: int) -> HttpResponse:
    """GET: what the evaluation is and the attempts so far. POST: start (or go back to) an attempt."""
    course = selectors.course_get_for_study(actor=request.user, course_id=course_id)
    error = None
    if request.method == "POST":
        try:
            attempt = learning.evaluation_start(actor=request.user, course=course)
        except DomainError as exc:
            error = exc.message
        else:
            return redirect("academy:attempt", attempt_id=attempt.id)
    context = {
        "course": course,
        "attempts": course.attempts.filter(user=request.user).order_by("-started_at"),
        "error": error,
    }
    return render(request, "academy/evaluation.html", context, status=409 if error else 200)


@login_required
def attempt_page(request: HttpRequest, attempt_id: int) -> HttpResponse:
    attempt = selectors.attempt_get_own(actor=request.user, attempt_id=attempt_id)
    course = attempt.course
    schema = schema_parse(course.item_project.schema)
    items = selectors.attempt_items(attempt)
    error, status, posted = None, 200, {}
    if request.method == "POST":
        posted = {str(item.id): answer_from_post(schema, request.POST, f"i{item.id}-") for item in items}
        try:
            attempt = learning.evaluation_submit(actor=request.user, attempt=attempt, answers=posted)
        except Invalid as exc:  # a malformed answer: the page comes back with every answer as it was posted
            error, status = exc.message, 422
        except DomainError as exc:
            error, status = exc.message, 409
        else:
            return redirect("academy:attempt", attempt_id=attempt.id)
    if attempt.status != EvaluationAttempt.Status.STARTED:
        context = {"course": course, "attempt": attempt, "qualifications": selectors.qualifications_of(request.user)}
        context["certificate"] = selectors.certificate_list_own(actor=request.user).filter(course=course).first()
        return render(request, "academy/attempt_result.html", context)
    rows = [
        item_layout.item_layout(request.user, schema, item, posted.get(str(item.id), {}), f"i{item.id}-")
        for item in items
    ]
    context = {"course": course, "attempt": attempt, "rows": rows, "error": error, **item_layout.page_scripts(rows)}
    return render(request, "academy/attempt.html", context, status=status)


@login_required
def certificate_list(request: HttpRequest) -> HttpResponse:
    context = {
        "certificates": selectors.certificate_list_own(actor=request.user),
        "qualifications": selectors.qualifications_of(request.user),
    }
    return render(request, "academy/certificates.html", context)


def certificate_verify(request: HttpRequest) -> HttpResponse:
    """Public: anyone checks a certificate by its code (/academy/verify/?code=…). Only name, course and date."""
    code = request.GET.get("code", "").strip()
    certificate, status = None, 200
    if code:
        try:
            certificate = selectors.certificate_verify(code=code)
        except NotFound:
            status = 404
    context = {"code": code, "certificate": certificate, "not_found": status == 404}
    return render(request, "academy/verify.html", context, status=status)


@login_required
def project_agreement(request: HttpRequest, project_id: int) -> HttpResponse:
    """The participation agreement of a project, shown before joining; its form posts to the project's join."""
    project = project_selectors.project_get_joinable(actor=request.user, project_id=project_id)
    requirement = selectors.project_requirement(project)
    if requirement is None or requirement.agreement is None:
        return redirect("projects:detail", project_id=project.id)
    context = {"project": project, "agreement": requirement.agreement}
    return render(request, "academy/project_agreement.html", context)
