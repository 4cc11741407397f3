"""The reasons exporters give for a project they cannot fill, in the words the person who asked reads."""

from django.utils.translation import gettext as _

from datadam.projects.models import Project


def data_type_mismatch(project: Project, wanted: str, format_title: str) -> str | None:
    """None when the project's items are of the wanted data type, else the reason."""
    if project.data_type == wanted:
        return None
    return _("%(format)s is for %(wanted)s projects; the items of this project are %(actual)s.") % {
        "format": format_title,
        "wanted": str(Project.DataType(wanted).label).lower(),
        "actual": str(Project.DataType(project.data_type).label).lower(),
    }
