from django.apps import AppConfig


class AcademyConfig(AppConfig):
    name = "datadam.academy"
    label = "academy"

    def ready(self) -> None:
        from datadam.academy.permissions import can_see_course_items
        from datadam.academy.services.requirements import project_join_check, project_join_record
        from datadam.media.viewers import media_viewer_register
        from datadam.projects.join_gates import JoinGate, join_gate_register

        join_gate_register(JoinGate(check=project_join_check, record=project_join_record))
        media_viewer_register(can_see_course_items)
