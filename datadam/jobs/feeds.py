"""The job board as feeds other sites can read: Atom, and JSON Feed 1.1, both through Django's syndication framework."""

import json

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.urls import reverse
from django.utils import feedgenerator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from datadam.jobs import selectors
from datadam.jobs.models import JobPosting

FEED_SIZE = 200
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"


class JsonFeed(feedgenerator.SyndicationFeed):
    """JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/): version, title and items, each with an id and content."""

    content_type = "application/feed+json; charset=utf-8"

    def write(self, outfile, encoding: str) -> None:
        feed = {
            "version": JSON_FEED_VERSION,
            "title": str(self.feed["title"]),
            "home_page_url": self.feed["link"],
            "feed_url": self.feed["feed_url"],
            "description": str(self.feed["description"]),
            "language": self.feed["language"],
            "items": [self._item(item) for item in self.items],
        }
        outfile.write(json.dumps(feed, ensure_ascii=False, indent=1))

    @staticmethod
    def _item(item: dict) -> dict:
        entry = {
            "id": item["unique_id"],
            "url": item["link"],
            "title": str(item["title"]),
            "content_text": str(item["description"]),
            "date_published": item["pubdate"].isoformat() if item["pubdate"] else None,
            "date_modified": item["updateddate"].isoformat() if item["updateddate"] else None,
            "tags": [str(tag) for tag in item["categories"]],
        }
        if item.get("job"):
            entry["_datadam"] = item["job"]
        return {key: value for key, value in entry.items() if value is not None}


class JobAtomFeed(Feed):
    feed_type = feedgenerator.Atom1Feed
    title = gettext_lazy("Datadam jobs")
    subtitle = gettext_lazy("Open data labeling jobs. Log in and hold the qualification to join.")
    description = subtitle

    def __call__(self, request: HttpRequest, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def link(self) -> str:
        return reverse("jobs:board")

    def items(self) -> list[JobPosting]:
        return list(selectors.job_list_public()[:FEED_SIZE])

    def item_title(self, posting: JobPosting) -> str:
        return f"{posting.project.name} · {posting.project.organization.name}"

    def item_description(self, posting: JobPosting) -> str:
        card = selectors.job_card(posting)
        project = posting.project
        lines = [
            _("Data type: %(value)s") % {"value": project.get_data_type_display()},
            _("Pay per item: %(value)s won") % {"value": f"{project.rate_per_item:,}"},
            _("Labelers wanted: %(value)s") % {"value": posting.labeler_openings},
            _("Reviewers wanted: %(value)s") % {"value": posting.reviewer_openings},
            _("Where: %(value)s") % {"value": posting.get_mode_display()},
            _("Work remaining: %(value)s items") % {"value": card["work_remaining"]},
        ]
        if card["requirement_label"]:
            lines.append(_("Needs: %(value)s") % {"value": card["requirement_label"]})
        if posting.deadline:
            lines.append(_("Apply by: %(value)s") % {"value": posting.deadline.isoformat()})
        return "\n".join(lines)

    def item_link(self, posting: JobPosting) -> str:
        return reverse("jobs:detail", kwargs={"project_id": posting.project_id})

    def item_guid(self, posting: JobPosting) -> str:
        return self.request.build_absolute_uri(self.item_link(posting))

    item_guid_is_permalink = True

    def item_pubdate(self, posting: JobPosting):
        return posting.published_at

    def item_updateddate(self, posting: JobPosting):
        return posting.updated_at

    def item_categories(self, posting: JobPosting) -> list[str]:
        return [posting.project.data_type, posting.mode, posting.language]

    def item_author_name(self, posting: JobPosting) -> str:
        return posting.project.organization.name


class JobJsonFeed(JobAtomFeed):
    feed_type = JsonFeed

    def item_extra_kwargs(self, posting: JobPosting) -> dict:
        project = posting.project
        return {
            "job": {
                "organization": project.organization.name,
                "data_type": project.data_type,
                "rate_per_item": project.rate_per_item,
                "currency": project.organization.currency,
                "labeler_openings": posting.labeler_openings,
                "reviewer_openings": posting.reviewer_openings,
                "duration_weeks": posting.duration_weeks,
                "mode": posting.mode,
                "location": posting.location,
                "language": posting.language,
                "deadline": posting.deadline.isoformat() if posting.deadline else None,
                "work_remaining": getattr(posting, "work_remaining", 0),
            }
        }
