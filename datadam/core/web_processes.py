"""gunicorn's settings for Datadam's web processes: the app is loaded once, in the master, and the web
processes are forked from it, so the interpreter, Django, the URL configuration and the compiled templates
sit in memory pages the processes share instead of one copy each.

A forked process writes to a shared page, and so gets its own copy of it, whenever it changes an object on
it. The garbage collector would do that to every object it visits, so the master freezes the loaded objects
(moves them where collections never look) before each fork. bench/process_memory.py measures the effect.

Requests are parsed by gunicorn's C parser (gunicorn-h1c, picohttpparser) rather than its Python one: a few
percent of the CPU of every call. With "fast", gunicorn refuses to start if that package is missing.
"""

import gc
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connections
from django.template.loader import get_template
from django.urls import get_resolver
from django.utils import formats, translation

preload_app = True
http_parser = "fast"
logger_class = "datadam.operations.access_log.AccessLog"


def when_ready(server) -> None:
    """In the master, once the app is loaded: do what each web process would otherwise do for itself on its
    first requests, so that the result is shared too."""
    get_resolver().reverse_dict  # noqa: B018 (the URL patterns are compiled on first use)
    for template in _own_templates():
        get_template(template)
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            translation.gettext("Korean")  # loads the language's catalogue
            formats.get_format("DATE_FORMAT")


def _own_templates() -> list[str]:
    folders = [Path(folder) for folder in settings.TEMPLATES[0]["DIRS"]]
    folders += [Path(app.path) / "templates" for app in apps.get_app_configs() if app.name.startswith("datadam.")]
    return sorted(str(path.relative_to(folder)) for folder in folders for path in folder.rglob("*.html"))


def pre_fork(server, worker) -> None:
    connections.close_all()  # a database connection is never shared between processes
    gc.collect()
    gc.freeze()
