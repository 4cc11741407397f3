"""Courses, their lessons, and the practice and evaluation items kept in each course's hidden project."""

from typing import BinaryIO

from django.db import transaction
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from datadam.academy import explanations, permissions
from datadam.academy.models import MAX_STIPEND, Course, CourseItem, Lesson
from datadam.accounts.models import Organization, User
from datadam.audit.services import audit_record
from datadam.core.errors import Invalid, NotFound
from datadam.media import services as media_services
from datadam.media.models import MediaFile
from datadam.projects import services as project_services
from datadam.projects.models import Item, Project
from datadam.projects.schema.validate import annotation_validate, schema_parse


def lesson_html(markdown_text: str) -> SafeString:
    """Lessons are Markdown like guidelines, and rendered by the same sanitizing path (markdown-it, then nh3)."""
    return project_services.guideline_html(markdown_text)


def _check_course_fields(
    *, data_types: list[str], labeler_threshold: float, reviewer_threshold: float, evaluation_size: int
) -> None:
    known = set(Project.DataType.values)
    if not data_types or not set(data_types) <= known:
        raise Invalid(_("Pick one or more data types: %(known)s.") % {"known": ", ".join(sorted(known))})
    if not 0 <= labeler_threshold <= reviewer_threshold <= 1:
        raise Invalid(_("Scores run from 0 to 1, and the reviewer score cannot be below the labeler score."))
    if evaluation_size < 1:
        raise Invalid(_("An evaluation needs at least one item."))


@transaction.atomic
def course_create(
    *,
    actor: User,
    organization: Organization,
    title_ko: str,
    title_en: str,
    schema: dict,
    data_types: list[str],
    description_ko: str = "",
    description_en: str = "",
    subject: str = "",
    prerequisite: Course | None = None,
    labeler_threshold: float = 0.7,
    reviewer_threshold: float = 0.9,
    evaluation_mode: str = Course.EvaluationMode.FIXED,
    evaluation_size: int = 10,
    time_limit_minutes: int | None = None,
    max_attempts: int = 3,
    cooldown_minutes: int = 60,
    stipend: int = 0,
) -> Course:
    """Create a course and its hidden project (invite-only, off every list) for practice and evaluation items."""
    if not permissions.is_organization_staff(actor, organization.id):
        raise NotFound(_("No such organization."))
    _check_course_fields(
        data_types=data_types,
        labeler_threshold=labeler_threshold,
        reviewer_threshold=reviewer_threshold,
        evaluation_size=evaluation_size,
    )
    if evaluation_mode not in Course.EvaluationMode.values:
        raise Invalid(_("Unknown evaluation mode."))
    if max_attempts < 1:
        raise Invalid(_("Allow at least one attempt."))
    if not 0 <= stipend <= MAX_STIPEND:
        raise Invalid(_("The stipend is a whole number of won from 0 to %(max)s.") % {"max": f"{MAX_STIPEND:,}"})
    project = project_services.project_create(
        actor=actor,
        organization=organization,
        name=_("%(course)s — course items") % {"course": title_ko},
        schema=schema,
        data_type=data_types[0],
        join_policy=Project.JoinPolicy.INVITE,
    )
    Project.objects.filter(id=project.id).update(hidden=True)
    course = Course.objects.create(
        organization=organization,
        title_ko=title_ko,
        title_en=title_en,
        description_ko=description_ko,
        description_en=description_en,
        data_types=list(data_types),
        subject=subject,
        prerequisite=prerequisite,
        item_project=project,
        labeler_threshold=labeler_threshold,
        reviewer_threshold=reviewer_threshold,
        evaluation_mode=evaluation_mode,
        evaluation_size=evaluation_size,
        time_limit_minutes=time_limit_minutes or None,
        max_attempts=max_attempts,
        cooldown_minutes=cooldown_minutes,
        stipend=stipend,
        created_by=actor,
    )
    audit_record(actor=actor, action="course.create", target=course, organization_id=organization.id)
    return course


@transaction.atomic
def lesson_create(
    *,
    actor: User,
    course: Course,
    title_ko: str,
    title_en: str,
    body_ko: str = "",
    body_en: str = "",
    minutes: int = 30,
    position: int | None = None,
) -> Lesson:
    if not permissions.is_course_staff(actor, course):
        raise NotFound(_("No such course."))
    if position is None:
        position = course.lessons.count() + 1
    lesson = Lesson.objects.create(
        course=course,
        title_ko=title_ko,
        title_en=title_en,
        body_ko=body_ko,
        body_en=body_en,
        minutes=minutes,
        position=position,
    )
    audit_record(actor=actor, action="lesson.create", target=lesson, organization_id=course.organization_id)
    return lesson


@transaction.atomic
def course_item_add(
    *,
    actor: User,
    course: Course,
    data: dict,
    gold: dict,
    use: str,
    explanation_ko: str = "",
    explanation_en: str = "",
) -> CourseItem:
    """Add a gold item to the course's hidden project. The gold answer is checked against the project's schema
    and the item's data (spans against its text; boxes against an image stored with `course_media_add`), so it
    has the same shape as real work and scores with the same control functions."""
    if not permissions.is_course_staff(actor, course):
        raise NotFound(_("No such course."))
    if use not in CourseItem.Use.values:
        raise Invalid(_("An item is for practice or for the evaluation."))
    if not isinstance(data, dict) or not data:
        raise Invalid(_('The item needs its data, e.g. {"text": "..."}.'))
    schema = schema_parse(course.item_project.schema)
    annotation_validate(schema, gold, data, project_id=course.item_project_id)
    for explanation in (explanation_ko, explanation_en):
        hidden = explanations.hidden_fields_named(schema, data, explanation)
        if hidden:
            raise Invalid(
                _("The explanation mentions “%(field)s”, which labelers do not see. Explain from what the item shows.")
                % {"field": hidden[0]}
            )
    # open_slots stays 0: course items never enter a labeling queue.
    item = Item.objects.create(project=course.item_project, data=data, is_published=True, open_slots=0)
    position = course.course_items.filter(use=use).count() + 1
    return CourseItem.objects.create(
        course=course,
        item=item,
        use=use,
        gold=gold,
        explanation_ko=explanation_ko,
        explanation_en=explanation_en,
        position=position,
    )


def course_media_add(*, actor: User, course: Course, name: str, stream: BinaryIO) -> str:
    """Store an image or a recording for the course's items; returns the reference an item's data holds
    ("media:<id>"). Its trainees see it through the media viewer check the academy registers. An unreadable
    file raises Invalid with the probe's reason and is not referenced by anything."""
    if not permissions.is_course_staff(actor, course):
        raise NotFound(_("No such course."))
    media = media_services.media_file_store(project=course.item_project, name=name, stream=stream, actor=actor)
    media = media_services.media_file_probe(media=media)
    if media.status != MediaFile.Status.OK:
        raise Invalid(_("%(name)s could not be read: %(reason)s") % {"name": name, "reason": media.reason})
    return f"media:{media.id}"
