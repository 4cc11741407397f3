"""The verifier's decision on a release's quality report: approve it (signed off), or return it to the manager.

Each decision is kept with its comment, written to the audit log for the project's staff, and shown on the
release pages and in the report. A rejection changes no label and no payment by itself: the manager sends the
named items back through inspection and cuts a new version, which the verifier decides on afresh.
"""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from datadam.accounts.models import User
from datadam.audit.services import audit_record_project
from datadam.core.errors import Conflict, Invalid, NotFound, PermissionDenied
from datadam.notifications import services as notifications
from datadam.notifications.models import Notification
from datadam.releases import permissions
from datadam.releases.models import Release, VerifierDecision

COMMENT_MAX = 2000


def _check_verifier(actor: User, release: Release) -> None:
    """Lock the release and bring its state up to date; refused unless the actor verifies it independently and
    it is built and undecided. The caller's object is updated, so it reads the decision afterwards."""
    if not permissions.is_verifier_for(actor, release.project):
        if permissions.can_manage_releases(actor, release.project):
            raise PermissionDenied(_("Only a verifier who does not work on this project can sign its report off."))
        raise NotFound(_("No such release."))
    if not permissions.is_independent_of(actor, release.project):
        raise PermissionDenied(_("You work on this project, so you cannot verify its release."))
    locked = Release.objects.select_for_update().only("status", "signed_at").get(id=release.id)
    release.status, release.signed_at = locked.status, locked.signed_at
    if release.status != Release.Status.BUILT or release.signed_at is not None:
        raise Conflict(_("Only a built release that is not yet signed off or returned can be decided on."))


def _detail(release: Release, comment: str) -> dict:
    return {"version": release.version, "comment": comment[:200]}


def _tell_the_manager(release: Release, kind: str, comment: str) -> None:
    """The manager who cut the release reads the decision in their notifications (and by email if they chose)."""
    notifications.notification_send(
        user=release.cut_by,
        kind=kind,
        params={"version": release.version, "project": release.project.name, "comment": comment or "—"},
        url=reverse("releases:release", args=[release.project_id, release.id]),
    )


@transaction.atomic
def release_sign_off(*, actor: User, release: Release, override_reason: str = "", comment: str = "") -> Release:
    """A verifier independent of the project approves the report; below a target they must give a reason."""
    _check_verifier(actor, release)
    override_reason, comment = override_reason.strip()[:COMMENT_MAX], comment.strip()[:COMMENT_MAX]
    if release.report.get("below_target") and not override_reason:
        raise Invalid(
            _("The report is below a target. Write why it may still be published, or do not sign it off.")
        )
    release.signed_by, release.signed_at = actor, timezone.now()
    release.override_reason = override_reason if release.report.get("below_target") else ""
    release.save(update_fields=["signed_by", "signed_at", "override_reason"])
    VerifierDecision.objects.create(release=release, verifier=actor, outcome="approved", comment=comment)
    audit_record_project(
        actor=actor, action="release.sign_off", target=release, project=release.project,
        detail=_detail(release, comment) | {"override": bool(release.override_reason)},
    )
    _tell_the_manager(release, Notification.Kind.RELEASE_APPROVED, comment)
    return release


@transaction.atomic
def release_reject(*, actor: User, release: Release, comment: str) -> Release:
    """A verifier returns the report to the manager with their reasons; the release can no longer be published."""
    _check_verifier(actor, release)
    comment = comment.strip()[:COMMENT_MAX]
    if not comment:
        raise Invalid(_("Write what the manager must fix before you return the report."))
    release.status = Release.Status.REJECTED
    release.save(update_fields=["status"])
    VerifierDecision.objects.create(release=release, verifier=actor, outcome="rejected", comment=comment)
    audit_record_project(
        actor=actor, action="release.reject", target=release, project=release.project,
        detail=_detail(release, comment),
    )
    _tell_the_manager(release, Notification.Kind.RELEASE_RETURNED, comment)
    return release
