"""Operator pages to edit a course, a lesson or a cohort after creating it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from datadam.academy import forms, selectors
from datadam.academy.services import editing
from datadam.core.errors import DomainError, NotFound


def _initial(instance, names: set[str]) -> dict:
    """The instance's values for the form; times in the site's time zone, as the person entered them."""
    values = {name: getattr(instance, name) for name in names}
    return {name: timezone.localtime(value) if hasattr(value, "tzinfo") and value.tzinfo else value
            for name, value in values.items()}  # fmt: skip


def _edit_page(request: HttpRequest, *, form, save, title: str, back: str, locked: bool) -> HttpResponse:
    """Save a valid form through the service; a refusal stays on the page with its reason (422)."""
    error = None
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except NotFound:
            raise
        except DomainError as exc:
            error = exc.message
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect(back)
    status = 422 if request.method == "POST" else 200
    context = {"form": form, "error": error, "title": title, "back": back, "locked": locked}
    return render(request, "academy/edit.html", context, status=status)


@login_required
def course_edit(request: HttpRequest, course_id: int) -> HttpResponse:
    course = selectors.course_managed_get(actor=request.user, course_id=course_id)
    locked = editing.course_has_applications(course)
    held = editing.COURSE_FIELDS - editing.COURSE_SAFE if locked else set()
    form = forms.CourseEditForm(
        request.POST or None, names=editing.COURSE_FIELDS, locked=held, initial=_initial(course, editing.COURSE_FIELDS)
    )
    return _edit_page(
        request, form=form, title=_("Edit the course"), locked=locked,
        back=reverse("academy:course_manage", args=[course.id]),
        save=lambda data: editing.course_update(actor=request.user, course=course, **data),
    )


@login_required
def lesson_edit(request: HttpRequest, course_id: int, lesson_id: int) -> HttpResponse:
    course = selectors.course_managed_get(actor=request.user, course_id=course_id)
    lesson = course.lessons.filter(id=lesson_id).first()
    if lesson is None:
        raise NotFound(_("No such lesson."))
    names = set(forms.LessonForm.base_fields)
    form = forms.LessonForm(request.POST or None, initial=_initial(lesson, names))
    return _edit_page(
        request, form=form, title=_("Edit the lesson"), locked=False,
        back=reverse("academy:course_manage", args=[course.id]),
        save=lambda data: editing.lesson_update(actor=request.user, lesson=lesson, **data),
    )


@login_required
def cohort_edit(request: HttpRequest, cohort_id: int) -> HttpResponse:
    cohort = selectors.cohort_managed_get(actor=request.user, cohort_id=cohort_id)
    locked = editing.cohort_has_applications(cohort)
    held = editing.COHORT_FIELDS - editing.COHORT_SAFE if locked else set()
    form = forms.CohortEditForm(
        request.POST or None, names=editing.COHORT_FIELDS, locked=held, initial=_initial(cohort, editing.COHORT_FIELDS)
    )
    return _edit_page(
        request, form=form, title=_("Edit the cohort"), locked=locked,
        back=reverse("academy:cohort_manage", args=[cohort.id]),
        save=lambda data: editing.cohort_update(actor=request.user, cohort=cohort, **data),
    )
