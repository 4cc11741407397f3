"""Ready-made starts for the common tasks: a label schema, a guideline skeleton (Korean and English) and a pay
rate per item. A template is data; the new-project page fills its form from one, and the manager changes what
they like before creating the project. Collection templates (photos, speech) fill the collection form instead.

Each module here lists its templates in `TEMPLATES`; `REGISTRY` gathers them. Every template's schema passes
`schema_parse` (tests/projects/test_task_templates.py creates a project from each, and a labeler opens it).
"""

from django.utils.translation import gettext as _

from datadam.core.errors import NotFound
from datadam.projects.task_templates import audio, collection, image, text
from datadam.projects.task_templates.base import TaskTemplate

REGISTRY: dict[str, TaskTemplate] = {
    template.key: template for module in (text, image, audio, collection) for template in module.TEMPLATES
}


def template_get(key: str) -> TaskTemplate:
    template = REGISTRY.get(key)
    if template is None:
        raise NotFound(_("No such template."))
    return template
