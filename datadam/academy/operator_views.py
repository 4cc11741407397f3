"""Operator pages: courses, lessons and items, cohorts and applicants, attendance, progress, project rules."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from datadam.academy import forms, selectors
from datadam.academy.services import cohorts, courses, qualifications
from datadam.accounts import selectors as account_selectors
from datadam.core.errors import DomainError, NotFound
from datadam.projects import selectors as project_selectors


@login_required
def manage(request: HttpRequest) -> HttpResponse:
    """The operator's courses, and the form for a new one."""
    organizations = account_selectors.organization_list(actor=request.user)
    managed = selectors.course_managed_list(actor=request.user)
    form = forms.CourseForm(request.POST or None, organizations=organizations, courses=managed)
    error = None
    if request.method == "POST" and form.is_valid():
        try:
            course = courses.course_create(actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            error = exc.message
        else:
            messages.success(request, _("The course is created. Add lessons, items and a cohort next."))
            return redirect("academy:course_manage", course_id=course.id)
    context = {"courses": managed, "form": form, "error": error, "can_create": organizations.exists()}
    return render(request, "academy/manage.html", context, status=422 if error else 200)


@login_required
def course_manage(request: HttpRequest, course_id: int) -> HttpResponse:
    course = selectors.course_managed_get(actor=request.user, course_id=course_id)
    context = {
        "course": course,
        "lessons": course.lessons.all(),
        "items": course.course_items.select_related("item"),
        "cohorts": course.cohorts.all(),
        "lesson_form": forms.LessonForm(),
        "item_form": forms.CourseItemForm(),
    }
    return render(request, "academy/course_manage.html", context)


@login_required
@require_POST
def lesson_add(request: HttpRequest, course_id: int) -> HttpResponse:
    course = selectors.course_managed_get(actor=request.user, course_id=course_id)
    form = forms.LessonForm(request.POST)
    if form.is_valid():
        courses.lesson_create(actor=request.user, course=course, **form.cleaned_data)
        messages.success(request, _("The lesson is added."))
    else:
        messages.error(request, _("The lesson was not added: fill in the title and the text."))
    return redirect("academy:course_manage", course_id=course.id)


@login_required
@require_POST
def item_add(request: HttpRequest, course_id: int) -> HttpResponse:
    course = selectors.course_managed_get(actor=request.user, course_id=course_id)
    form = forms.CourseItemForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect("academy:course_manage", course_id=course.id)
    data = form.cleaned_data
    try:
        courses.course_item_add(
            actor=request.user,
            course=course,
            data={"text": data["text"]},
            gold=data["gold"],
            use=data["use"],
            explanation_ko=data["explanation_ko"],
            explanation_en=data["explanation_en"],
        )
    except DomainError as exc:
        if isinstance(exc, NotFound):
            raise
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The item is added."))
    return redirect("academy:course_manage", course_id=course.id)


@login_required
def cohort_create(request: HttpRequest, course_id: int) -> HttpResponse:
    course = selectors.course_managed_get(actor=request.user, course_id=course_id)
    agreements = selectors.agreement_list(actor=request.user).filter(organization_id=course.organization_id)
    initial = {"number": (course.cohorts.order_by("-number").values_list("number", flat=True).first() or 0) + 1}
    form = forms.CohortForm(request.POST or None, agreements=agreements, initial=initial)
    error = None
    if request.method == "POST" and form.is_valid():
        try:
            cohort = cohorts.cohort_create(actor=request.user, course=course, **form.cleaned_data)
        except DomainError as exc:
            error = exc.message
        else:
            messages.success(request, _("The cohort is created. Share its public page."))
            return redirect("academy:cohort_manage", cohort_id=cohort.id)
    status = 422 if error or (request.method == "POST" and not form.is_valid()) else 200
    return render(
        request, "academy/cohort_create.html", {"course": course, "form": form, "error": error}, status=status
    )


@login_required
def cohort_manage(request: HttpRequest, cohort_id: int) -> HttpResponse:
    cohort = selectors.cohort_managed_get(actor=request.user, cohort_id=cohort_id)
    enrolments = selectors.enrolment_list_for_cohort(cohort=cohort)
    for enrolment in enrolments:
        enrolment.position = cohorts.waitlist_position(enrolment)
    context = {
        "cohort": cohort,
        "course": cohort.course,
        "enrolments": enrolments,
        "progress": selectors.cohort_progress(cohort=cohort),
        "taken": sum(1 for e in enrolments if e.status in cohorts.SEAT_HOLDING),
    }
    return render(request, "academy/cohort_manage.html", context)


@login_required
@require_POST
def enrolment_select(request: HttpRequest, enrolment_id: int) -> HttpResponse:
    enrolment = selectors.enrolment_managed_get(actor=request.user, enrolment_id=enrolment_id)
    try:
        enrolment = cohorts.enrolment_select(actor=request.user, enrolment=enrolment)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("%(name)s: %(status)s.") % {"name": enrolment.user, "status": enrolment.get_status_display()},
        )
    return redirect("academy:cohort_manage", cohort_id=enrolment.cohort_id)


@login_required
@require_POST
def enrolment_cancel(request: HttpRequest, enrolment_id: int) -> HttpResponse:
    enrolment = selectors.enrolment_managed_get(actor=request.user, enrolment_id=enrolment_id)
    try:
        cohorts.enrolment_cancel(actor=request.user, enrolment=enrolment)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("%(name)s's place is cancelled.") % {"name": enrolment.user})
    return redirect("academy:cohort_manage", cohort_id=enrolment.cohort_id)


@login_required
def attendance(request: HttpRequest, cohort_id: int) -> HttpResponse:
    """A grid of check boxes, one row per trainee and one column per classroom session."""
    cohort = selectors.cohort_managed_get(actor=request.user, cohort_id=cohort_id)
    grid = selectors.attendance_grid(cohort=cohort)
    if request.method == "POST":
        for enrolment, _marks in grid:
            for session in range(1, cohort.sessions + 1):
                present = request.POST.get(f"a-{enrolment.id}-{session}") == "on"
                cohorts.attendance_record(actor=request.user, enrolment=enrolment, session=session, present=present)
            qualifications.enrolment_complete_if_done(user=enrolment.user, course=cohort.course)
        messages.success(request, _("Attendance is saved."))
        return redirect("academy:attendance", cohort_id=cohort.id)
    context = {"cohort": cohort, "grid": grid, "sessions": range(1, cohort.sessions + 1)}
    return render(request, "academy/attendance.html", context)


@login_required
def project_people(request: HttpRequest, project_id: int) -> HttpResponse:
    """What a project asks of people who join, and the labelers Datadam suggests for promotion to reviewer."""
    project = project_selectors.project_managed_get(actor=request.user, project_id=project_id)
    agreements = selectors.agreement_list(actor=request.user).filter(organization_id=project.organization_id)
    requirement = selectors.project_requirement(project)
    initial = {}
    if requirement:
        initial = {"data_type": requirement.data_type, "subject": requirement.subject, "role": requirement.role}
        initial["agreement"] = requirement.agreement_id
    form = forms.RequirementForm(request.POST or None, agreements=agreements, initial=initial)
    if request.method == "POST" and form.is_valid():
        qualifications.requirement_set(actor=request.user, project=project, **form.cleaned_data)
        messages.success(request, _("The project's requirement is saved."))
        return redirect("academy:project_people", project_id=project.id)
    context = {
        "project": project,
        "form": form,
        "requirement": requirement,
        "candidates": selectors.reviewer_candidates(project=project),
    }
    return render(request, "academy/project_people.html", context)


@login_required
@require_POST
def reviewer_promote(request: HttpRequest, project_id: int) -> HttpResponse:
    project = project_selectors.project_managed_get(actor=request.user, project_id=project_id)
    user = project.memberships.filter(user_id=request.POST.get("user"), role="labeler").first()
    if user is None:
        messages.error(request, _("Pick one of the project's labelers."))
    else:
        qualifications.reviewer_promote(actor=request.user, project=project, user=user.user)
        messages.success(request, _("%(name)s is now a reviewer in this project.") % {"name": user.user})
    return redirect("academy:project_people", project_id=project.id)


@login_required
def agreements(request: HttpRequest) -> HttpResponse:
    organizations = account_selectors.organization_list(actor=request.user)
    form = forms.AgreementForm(request.POST or None, organizations=organizations)
    error = None
    if request.method == "POST" and form.is_valid():
        try:
            qualifications.agreement_publish(actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            error = exc.message
        else:
            messages.success(request, _("The agreement is published."))
            return redirect("academy:agreements")
    context = {"agreements": selectors.agreement_list(actor=request.user), "form": form, "error": error}
    return render(request, "academy/agreements.html", context, status=422 if error else 200)
