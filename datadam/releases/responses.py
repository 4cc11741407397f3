"""HTTP answers shared by the export API and pages: a streamed export and a stored file."""

from django.core.files.storage import default_storage
from django.http import FileResponse, StreamingHttpResponse

from datadam.releases import downloads, exporters
from datadam.releases.exporters import FORMATS
from datadam.releases.models import ExportJob


def streamed_export(lines, *, project_id: int, file_format: str) -> StreamingHttpResponse:
    exporter = FORMATS[file_format]
    response = StreamingHttpResponse(lines, content_type=exporter.CONTENT_TYPE)
    name = exporters.file_name(f"datadam-project-{project_id}", file_format)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def stored_export(job: ExportJob) -> FileResponse:
    name = job.stored_path.rsplit("/", 1)[-1]
    return FileResponse(default_storage.open(job.stored_path, "rb"), as_attachment=True, filename=name)


def report_document(release) -> dict:
    """The quality report as published JSON: the figures, the sign-off and any reason for publishing below target."""
    return {
        "version": release.version,
        "status": release.status,
        "manifest_sha256": release.manifest_sha256,
        "figures": release.report,
        "signed_off": release.signed_at.isoformat() if release.signed_at else None,
        "override_reason": release.override_reason,
        "decisions": [
            {"outcome": d.outcome, "comment": d.comment, "decided_at": d.decided_at.isoformat()}
            for d in release.decisions.all()
        ],
        "published_at": release.published_at.isoformat() if release.published_at else None,
    }


def release_file(file, range_header: str):
    """A release file with Range support, for the people who check it before it is published (not counted)."""
    return downloads.stream(file, range_header)
