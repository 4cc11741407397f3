from django.apps import AppConfig


class ReleasesConfig(AppConfig):
    name = "datadam.releases"
    label = "releases"

    def ready(self) -> None:
        from datadam.operations.job_hooks import given_up_register
        from datadam.releases.build import release_given_up
        from datadam.releases.export_run import export_given_up

        given_up_register("datadam.releases.tasks.export_job_run_task", export_given_up)
        given_up_register("datadam.releases.tasks.release_build_task", release_given_up)
