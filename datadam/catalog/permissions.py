"""Who may download a data set: small predicates, no queries beyond the visitor's own acceptance."""

from datadam.catalog.models import Dataset, TermsAcceptance
from datadam.projects.models import Project
from datadam.projects.permissions import can_manage_project


def download_needs(user, dataset: Dataset) -> str:
    """Nothing ("") when the visitor may download; else what they must do first: "login" or "terms"."""
    if (dataset.requires_login or dataset.terms) and not user.is_authenticated:
        return "login"
    if dataset.terms and not TermsAcceptance.objects.filter(dataset=dataset, user=user).exists():
        return "terms"
    return ""


def can_download(user, dataset: Dataset) -> bool:
    return download_needs(user, dataset) == ""


def can_edit_datasheet(user, dataset_project: Project) -> bool:
    """The project's managers write its data set page."""
    return can_manage_project(user, dataset_project)
