"""Review's parts of other apps' pages. The labeling page loads these tags, so a reviewer's verdict reaches
the labeler without labeling importing review."""

from django import template

from datadam.labeling.models import Assignment
from datadam.review import selectors

register = template.Library()


@register.simple_tag
def rework_feedback(assignment: Assignment) -> object:
    """Why the labeler's last answer on this task was sent back (a Review), or None when it was not."""
    return selectors.rework_feedback(assignment=assignment) if assignment.was_submitted else None
