from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "datadam.projects"
    label = "projects"

    def ready(self) -> None:
        from datadam.operations.job_hooks import given_up_register
        from datadam.projects.imports.recovery import import_given_up

        given_up_register("datadam.projects.imports.tasks.import_batch_run_task", import_given_up)
