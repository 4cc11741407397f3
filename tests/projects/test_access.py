"""The access module: who sees which rows, told with the cast (organizations A and B, an outsider)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from datadam.accounts.models import Organization, OrganizationMembership
from datadam.projects import access
from datadam.projects.models import Item, Project, ProjectMembership
from tests.conftest import Cast

pytestmark = pytest.mark.django_db


def _org_a(cast: Cast) -> Organization:
    return cast.project.organization


def test_each_person_sees_the_projects_of_their_organization_or_that_they_joined(cast: Cast) -> None:
    for person in [cast.owner, cast.manager, cast.labeler, cast.labeler2, cast.reviewer]:
        assert set(access.projects_visible_to(person)) == {cast.project}, person.username
    assert set(access.projects_visible_to(cast.manager_b)) == {cast.project_b}
    assert set(access.projects_visible_to(cast.outsider)) == {cast.project_b}
    assert not access.projects_visible_to(AnonymousUser()).exists()


def test_only_staff_manage_projects_and_each_organization_only_its_own(cast: Cast) -> None:
    assert set(access.projects_managed_by(cast.owner)) == {cast.project}
    assert set(access.projects_managed_by(cast.manager)) == {cast.project}
    assert set(access.projects_managed_by(cast.manager_b)) == {cast.project_b}
    for person in [cast.labeler, cast.reviewer, AnonymousUser()]:
        assert not access.projects_managed_by(person).exists()


def test_staff_scope_follows_the_path_to_the_organization_and_the_role(cast: Cast) -> None:
    org_a = _org_a(cast)
    items = Item.objects.all()
    assert access.scope_to_staff(items, cast.manager, "project__organization").count() == 5
    assert access.scope_to_staff(items, cast.outsider, "project__organization").count() == 2
    assert not access.scope_to_staff(items, cast.labeler, "project__organization").exists()
    owner = OrganizationMembership.Role.OWNER
    assert not access.scope_to_staff(Organization.objects.all(), cast.manager, "pk", owner).exists()
    assert list(access.scope_to_staff(Organization.objects.all(), cast.owner, "pk", "owner")) == [org_a]
    assert access.organization_role(cast.owner, org_a.id) == OrganizationMembership.Role.OWNER
    assert access.organization_role(cast.manager, org_a.id) == OrganizationMembership.Role.MANAGER
    assert access.organization_role(cast.outsider, org_a.id) is None
    assert access.is_staff(cast.owner, org_a.id, role="owner") and not access.is_staff(cast.manager, org_a.id, "owner")
    assert not access.is_staff(AnonymousUser(), org_a.id)


def test_membership_scope_knows_each_project_role(cast: Cast) -> None:
    labelers = ProjectMembership.Role.LABELER
    reviewers = ProjectMembership.Role.REVIEWER
    projects = Project.objects.all()
    assert list(access.scope_to_members(projects, cast.labeler, "pk", role=labelers)) == [cast.project]
    assert not access.scope_to_members(projects, cast.labeler, "pk", role=reviewers).exists()
    assert list(access.scope_to_members(projects, cast.reviewer, "pk", role=reviewers)) == [cast.project]
    assert not access.scope_to_members(projects, cast.manager, "pk").exists()  # staff did not join it
    assert access.project_roles(cast.reviewer, cast.project) == {reviewers}
    assert access.has_project_role(cast.labeler2, cast.project, labelers)
    assert not access.is_project_member(cast.outsider, cast.project)
    assert access.is_project_staff(cast.manager, cast.project)
    assert not access.is_project_staff(cast.labeler, cast.project)


def test_visible_scope_on_rows_below_a_project_leaves_out_the_other_organization(cast: Cast) -> None:
    for person in [cast.owner, cast.manager, cast.labeler, cast.reviewer]:
        assert set(access.scope_to_visible(Item.objects.all(), person)) == set(cast.items), person.username
    items_of_b = set(Item.objects.filter(project=cast.project_b))
    for person in [cast.manager_b, cast.outsider]:
        assert set(access.scope_to_visible(Item.objects.all(), person)) == items_of_b
    assert not access.scope_to_visible(Item.objects.all(), AnonymousUser()).exists()


def test_staff_of_organizations_and_who_belongs_to_one(cast: Cast) -> None:
    org_a = _org_a(cast)
    staff = set(access.staff_user_ids([org_a.id]).values_list("user_id", flat=True))
    assert staff == {cast.owner.id, cast.manager.id}
    assert access.belongs_to_organization(cast.labeler, org_a.id)  # through the project they joined
    assert access.belongs_to_organization(cast.owner, org_a.id)
    assert not access.belongs_to_organization(cast.outsider, org_a.id)
