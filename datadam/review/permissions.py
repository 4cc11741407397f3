"""Who may review is a project role (projects.permissions.can_review); here: never on one's own work."""

from datadam.labeling.models import Annotation


def is_own_work(user, annotation: Annotation) -> bool:
    return annotation.author_id == user.id
