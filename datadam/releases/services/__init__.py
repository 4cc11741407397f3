"""Writes of the releases app: exports (exports.py), releases (releases.py) and the verifier's decisions
(decisions.py), called as `services.<name>`."""

from datadam.releases.services.decisions import release_reject, release_sign_off  # noqa: F401
from datadam.releases.services.exports import (  # noqa: F401
    PROGRESS_EVERY,
    export_check,
    export_job_create,
    export_job_restart,
    export_job_run,
    export_stream,
)
from datadam.releases.services.releases import (  # noqa: F401
    quality_targets_update,
    release_build_restart,
    release_build_run,
    release_cut,
    release_publish,
)
