"""factory_boy factories with sensible defaults: a text-classification project with two labels."""

import factory
from django.utils import timezone

from datadam.accounts.models import Organization, OrganizationMembership, User
from datadam.labeling.models import Assignment
from datadam.projects.models import Item, Project, ProjectMembership

PASSWORD = "correct-horse-battery"
SENTIMENT_SCHEMA = {
    "controls": [
        {"type": "choices", "name": "sentiment", "labels": ["positive", "negative"]},
        {"type": "text", "name": "note", "required": False, "max_length": 200},
    ]
}


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"person{n}")
    display_name = factory.Faker("name")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def saved(self, create: bool, extracted, **kwargs) -> None:
        if create:
            self.save()


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Organization {n}")
    slug = factory.Sequence(lambda n: f"org-{n}")


class OrganizationMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrganizationMembership

    organization = factory.SubFactory(OrganizationFactory)
    user = factory.SubFactory(UserFactory)
    role = OrganizationMembership.Role.MANAGER


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    organization = factory.SubFactory(OrganizationFactory)
    name = factory.Sequence(lambda n: f"Project {n}")
    schema = factory.LazyFunction(lambda: SENTIMENT_SCHEMA)
    guideline = "Pick the sentiment."
    created_by = factory.SubFactory(UserFactory)


class ProjectMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProjectMembership

    project = factory.SubFactory(ProjectFactory)
    user = factory.SubFactory(UserFactory)
    role = ProjectMembership.Role.LABELER


class ItemFactory(factory.django.DjangoModelFactory):
    """A published item with all its slots open."""

    class Meta:
        model = Item

    project = factory.SubFactory(ProjectFactory)
    data = factory.Sequence(lambda n: {"text": f"리뷰 {n}: 재미있어요"})
    target_overlap = 1
    open_slots = factory.SelfAttribute("target_overlap")
    is_published = True


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assignment

    item = factory.SubFactory(ItemFactory)
    project = factory.SelfAttribute("item.project")
    worker = factory.SubFactory(UserFactory)
    leased_at = factory.LazyFunction(timezone.now)
    expires_at = factory.LazyFunction(lambda: timezone.now() + timezone.timedelta(minutes=30))
