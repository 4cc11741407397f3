"""{{ course|study_time }}: how long a course takes, worked out from its lessons and items (academy.selectors)."""

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from datadam.academy import selectors
from datadam.academy.models import Course

register = template.Library()


@register.filter
def study_time(course: Course) -> str:
    minutes = selectors.course_minutes(course)
    hours, rest = divmod(minutes, 60)
    if not hours:
        return ngettext("about %(minutes)d minute", "about %(minutes)d minutes", rest) % {"minutes": rest}
    if not rest:
        return ngettext("about %(hours)d hour", "about %(hours)d hours", hours) % {"hours": hours}
    return _("about %(hours)d h %(minutes)d min") % {"hours": hours, "minutes": rest}
