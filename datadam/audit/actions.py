"""Plain words for the action codes services record, for the activity log page."""

from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
    "annotation.submit": _("Submitted labels"),
    "assignment.expire": _("Task time ran out"),
    "assignment.lease": _("Took a task"),
    "assignment.rework_start": _("Started rework"),
    "assignment.skip": _("Skipped a task"),
    "data_project.hire_record": _("Recorded a direct hire"),
    "data_project.plan_add": _("Added a planned data set"),
    "data_project.register": _("Registered a data project"),
    "export.stream": _("Downloaded an export"),
    "export_job.create": _("Started an export"),
    "import_batch.create": _("Uploaded a file"),
    "import_batch.fail": _("Import failed"),
    "import_batch.publish": _("Import finished"),
    "ledger.adjustment": _("Adjusted pay"),
    "ledger.bonus": _("Paid a bonus"),
    "organization.create": _("Created the organization"),
    "organization.member_add": _("Added a staff member"),
    "organization.settings_update": _("Changed the organization's pay settings"),
    "project.create": _("Created the project"),
    "project.join": _("Joined the project"),
    "project.member_add": _("Added a project member"),
    "project.update": _("Changed the project"),
    "review.accept": _("Accepted work"),
    "review.correct": _("Corrected work"),
    "review.reject": _("Sent work back"),
    "token.create": _("Created an API token"),
    "unit_rate.set": _("Changed a pay rate per unit"),
    "token.revoke": _("Revoked an API token"),
    "user.password_change": _("Changed password"),
    "user.signup": _("Signed up"),
    "user.erase": _("Erased their personal data"),
}


def action_label(action: str) -> str:
    return str(ACTION_LABELS.get(action, action))
