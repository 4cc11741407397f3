from django.apps import AppConfig


class QualityConfig(AppConfig):
    name = "datadam.quality"
    label = "quality"

    def ready(self) -> None:
        from datadam.labeling.lease_hooks import LeaseHook, lease_hook_register
        from datadam.quality.services import lease_gate, lease_pick

        no_policy = "NOT EXISTS (SELECT 1 FROM quality_qualitypolicy WHERE project_id = %(project)s)"
        lease_hook_register(LeaseHook(gate=lease_gate, pick=lease_pick, quiet_sql=no_policy))
