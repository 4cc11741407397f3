"""Academy: courses and their lessons, cohorts (기수) and enrolments, practice and evaluation, qualifications,
certificates, project requirements and participation agreements."""

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from datadam.accounts.models import Organization
from datadam.projects.models import Item, Project


def new_code() -> str:
    """A public code: short, unguessable, no look-alike characters."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(10))

# The largest course stipend accepted, in won: a typo of extra zeros is refused.
MAX_STIPEND = 10_000_000


class Role(models.TextChoices):
    """What a qualification lets a person do in a project."""

    LABELER = "labeler", _("Labeler")
    REVIEWER = "reviewer", _("Reviewer")


def _by_language(korean: str, english: str) -> str:
    language = (translation.get_language() or "ko")[:2]
    if language == "en":
        return english or korean
    return korean or english


class Course(models.Model):
    class EvaluationMode(models.TextChoices):
        FIXED = "fixed", _("The same items for everyone")
        RANDOM = "random", _("A random draw from the bank")

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="courses")
    # The public overview's address: /academy/course/<code>/ (no database id in public paths).
    code = models.CharField(max_length=20, unique=True, default=new_code)
    title_ko = models.CharField(_("title (Korean)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    description_ko = models.TextField(_("description (Korean)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    # Project data types the course qualifies for ("text", "image", "audio"); subject is optional ("medical").
    data_types = models.JSONField(_("data types"), default=list)
    subject = models.CharField(_("subject area"), max_length=100, blank=True)
    prerequisite = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("prerequisite")
    )
    # The hidden project that holds the course's practice and evaluation items.
    item_project = models.OneToOneField(
        Project, on_delete=models.PROTECT, null=True, blank=True, related_name="academy_course"
    )
    labeler_threshold = models.FloatField(
        _("score for labeler"), default=0.7, validators=[MinValueValidator(0.0), MaxValueValidator(1.0)]
    )
    reviewer_threshold = models.FloatField(
        _("score for reviewer"), default=0.9, validators=[MinValueValidator(0.0), MaxValueValidator(1.0)]
    )
    evaluation_mode = models.CharField(max_length=10, choices=EvaluationMode.choices, default=EvaluationMode.FIXED)
    evaluation_size = models.PositiveSmallIntegerField(_("evaluation items"), default=10)
    time_limit_minutes = models.PositiveSmallIntegerField(_("time limit (minutes)"), null=True, blank=True)
    max_attempts = models.PositiveSmallIntegerField(_("attempts allowed"), default=3)
    cooldown_minutes = models.PositiveIntegerField(_("wait between attempts (minutes)"), default=60)
    # Paid into the earnings ledger when a trainee completes a cohort of the course (0: no stipend).
    stipend = models.PositiveIntegerField(
        _("completion stipend (won)"), default=0, validators=[MaxValueValidator(MAX_STIPEND)]
    )
    published = models.BooleanField(_("published"), default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return _by_language(self.title_ko, self.title_en)

    @property
    def description(self) -> str:
        return _by_language(self.description_ko, self.description_en)


class Lesson(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="lessons")
    position = models.PositiveSmallIntegerField(default=1)
    title_ko = models.CharField(_("title (Korean)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    body_ko = models.TextField(_("text (Korean, Markdown)"), blank=True)
    body_en = models.TextField(_("text (English, Markdown)"), blank=True)
    minutes = models.PositiveSmallIntegerField(_("minutes"), default=30)

    class Meta:
        ordering = ["position", "id"]

    @property
    def title(self) -> str:
        return _by_language(self.title_ko, self.title_en)

    @property
    def body(self) -> str:
        return _by_language(self.body_ko, self.body_en)


class CourseItem(models.Model):
    """An item of the course's hidden project with its gold answer: for practice or for the evaluation bank."""

    class Use(models.TextChoices):
        PRACTICE = "practice", _("Practice")
        EVALUATION = "evaluation", _("Evaluation")

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="course_items")
    item = models.OneToOneField(Item, on_delete=models.CASCADE, related_name="academy_use")
    use = models.CharField(max_length=12, choices=Use.choices)
    gold = models.JSONField()  # an annotation result: {control_name: value}
    explanation_ko = models.TextField(blank=True)
    explanation_en = models.TextField(blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    @property
    def explanation(self) -> str:
        return _by_language(self.explanation_ko, self.explanation_en)


class ParticipationAgreement(models.Model):
    """Versioned text a person accepts when joining a cohort or a project. A new version is a new row."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="agreements")
    key = models.SlugField(max_length=60)
    version = models.PositiveIntegerField(default=1)
    title = models.CharField(_("title"), max_length=200)
    text_ko = models.TextField(_("text (Korean)"))
    text_en = models.TextField(_("text (English)"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organization", "key", "version"], name="one_agreement_version")]

    @property
    def text(self) -> str:
        return _by_language(self.text_ko, self.text_en)


class AgreementAcceptance(models.Model):
    agreement = models.ForeignKey(ParticipationAgreement, on_delete=models.PROTECT, related_name="acceptances")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="agreement_acceptances")
    # What was joined: "cohort:<id>" or "project:<id>".
    context = models.CharField(max_length=60)
    accepted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agreement", "user", "context"], name="one_acceptance_per_context")
        ]


class Cohort(models.Model):
    class Mode(models.TextChoices):
        ONLINE = "online", _("Online")
        CLASSROOM = "classroom", _("Classroom")

    class Selection(models.TextChoices):
        FIRST_COME = "first_come", _("First come, first served")
        REVIEW = "review", _("Chosen by the operator")

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="cohorts")
    number = models.PositiveSmallIntegerField(_("cohort number"))
    # The public page's address: /academy/cohorts/<code>/ (no database id in public paths).
    code = models.CharField(max_length=20, unique=True, default=new_code)
    teaching_organization = models.CharField(_("teaching organization"), max_length=200, blank=True)
    mode = models.CharField(_("mode"), max_length=10, choices=Mode.choices, default=Mode.ONLINE)
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    timetable = models.TextField(_("timetable"), blank=True)
    enrol_opens_at = models.DateTimeField(_("applications open"))
    enrol_closes_at = models.DateTimeField(_("applications close"))
    starts_on = models.DateField(_("start date"))
    ends_on = models.DateField(_("end date"))
    seats = models.PositiveIntegerField(_("seats"))
    selection = models.CharField(_("selection"), max_length=12, choices=Selection.choices, default=Selection.FIRST_COME)
    # Classroom sessions a trainee must attend to complete (0: attendance does not count).
    required_attendance = models.PositiveSmallIntegerField(_("sessions to attend"), default=0)
    sessions = models.PositiveSmallIntegerField(_("classroom sessions"), default=0)
    eligibility_questions = models.JSONField(_("eligibility questions"), default=list, blank=True)
    agreement = models.ForeignKey(
        ParticipationAgreement, on_delete=models.PROTECT, null=True, blank=True, related_name="cohorts"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["course_id", "number"]
        constraints = [models.UniqueConstraint(fields=["course", "number"], name="one_cohort_number_per_course")]

    def __str__(self) -> str:
        return f"{self.course.title} {self.number}"


class Enrolment(models.Model):
    class Status(models.TextChoices):
        APPLIED = "applied", _("Applied")
        ENROLLED = "enrolled", _("Enrolled")
        WAITLISTED = "waitlisted", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")
        COMPLETED = "completed", _("Completed")

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="enrolments")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.APPLIED)
    # Order on the waiting list (lower goes first); null when not waiting.
    waitlist_order = models.PositiveIntegerField(null=True, blank=True)
    # Eligibility answers are kept only when the applicant agreed, and can be deleted by them.
    answers = models.JSONField(default=dict, blank=True)
    answers_consent_at = models.DateTimeField(null=True, blank=True)
    applied_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["cohort", "user"], name="one_enrolment_per_cohort")]
        indexes = [models.Index(fields=["cohort", "status"], name="enrolment_cohort_status_idx")]


class Attendance(models.Model):
    """One classroom session's attendance for one trainee."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="attendance")
    session = models.PositiveSmallIntegerField(_("session"))
    present = models.BooleanField(default=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["enrolment", "session"], name="one_attendance_per_session")]


class LessonProgress(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lesson_progress")
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="progress")
    completed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "lesson"], name="one_progress_per_lesson")]


class PracticeAnswer(models.Model):
    """Every practice try is kept (attempts are unlimited); the latest one counts for progress."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="practice_answers")
    course_item = models.ForeignKey(CourseItem, on_delete=models.CASCADE, related_name="practice_answers")
    answer = models.JSONField()
    score = models.FloatField()
    correct = models.BooleanField()
    answered_at = models.DateTimeField(auto_now_add=True)


class EvaluationAttempt(models.Model):
    class Status(models.TextChoices):
        STARTED = "started", _("In progress")
        SCORED = "scored", _("Scored")
        LATE = "late", _("Handed in after the time limit")

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="attempts")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="evaluation_attempts")
    item_ids = models.JSONField(default=list)  # CourseItem ids drawn for this attempt, in order
    answers = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.STARTED)
    score = models.FloatField(null=True, blank=True)
    passed = models.BooleanField(default=False)
    started_at = models.DateTimeField(auto_now_add=True)
    deadline = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["course", "user"], name="attempt_course_user_idx")]


class Qualification(models.Model):
    """What a person may do: label (or review) projects of a data type, optionally in a subject area."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="qualifications")
    data_type = models.CharField(max_length=10, choices=Project.DataType.choices)
    subject = models.CharField(max_length=100, blank=True)
    role = models.CharField(max_length=10, choices=Role.choices)
    course = models.ForeignKey(Course, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )  # set when a manager promoted the person; empty when an evaluation granted it
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "data_type", "subject", "role"], name="one_qualification_each")
        ]


class Certificate(models.Model):
    """Proof of a passed course; anyone can check it by its code (it shows only name, course and date)."""

    code = models.CharField(max_length=20, unique=True, default=new_code)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="certificates")
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="certificates")
    attempt = models.OneToOneField(EvaluationAttempt, on_delete=models.PROTECT, null=True, blank=True)
    holder_name = models.CharField(max_length=150)
    issued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "course"], name="one_certificate_per_course")]


class ProjectRequirement(models.Model):
    """What a project asks of the people who join it. No row: anyone may join (the project's own policy)."""

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="academy_requirement")
    # Empty data type: no qualification is asked for (the row may still carry an agreement).
    data_type = models.CharField(max_length=10, choices=Project.DataType.choices, blank=True)
    subject = models.CharField(max_length=100, blank=True)
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.LABELER)
    agreement = models.ForeignKey(
        ParticipationAgreement, on_delete=models.PROTECT, null=True, blank=True, related_name="projects"
    )
