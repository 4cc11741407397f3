from django.apps import AppConfig


class QualityConfig(AppConfig):
    name = "datadam.quality"
    label = "quality"

    def ready(self) -> None:
        from datadam.labeling.lease_hooks import LeaseHook, lease_hook_register
        from datadam.quality.services import lease_gate, lease_pick

        lease_hook_register(LeaseHook(gate=lease_gate, pick=lease_pick))
