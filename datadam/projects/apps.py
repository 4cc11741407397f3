from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "datadam.projects"
    label = "projects"
