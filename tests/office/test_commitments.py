"""Every commitment of a constructed data project, measured and compared with figures counted by hand."""

from datetime import date

from datadam.office import commitments
from datadam.office.selectors import figures_over_time
from tests.office.conftest import DAY


def figures(programme, day: date = DAY) -> dict:
    return {figure.key: figure for figure in commitments.figures_on(programme.data_project, day)}


def test_direct_hires_count_the_people_employed_that_day_against_the_larger_of_the_rule_and_the_promise(
    programme,
) -> None:
    hires = figures(programme)["direct_hires"]

    # E-3 left on 30 April; 2.4 per 100 million of 500 million is 12, more than the 10 promised
    assert (hires.actual, hires.target, hires.status) == (2, 12, "red")
    assert hires.detail["per_100m"] == 0.4


def test_in_march_all_three_hires_count(programme) -> None:
    assert figures(programme, date(2026, 3, 15))["direct_hires"].actual == 3


def test_crowd_share_counts_items_labeled_and_reviewed_by_people_outside_the_consortiums_staff(programme) -> None:
    share = figures(programme)["crowd_share"]

    # two of the five items were labeled by the crowd labeler; the manager's item is staff work
    assert (share.actual, share.target, share.status) == (40.0, 60, "red")
    assert share.detail == {"crowd_items": 2, "items": 5}


def test_crowd_workers_trained_are_those_with_a_course_or_a_qualification(programme) -> None:
    trained = figures(programme)["crowd_trained"]

    # the labeler holds a qualification, the reviewer does not; the manager is staff
    assert (trained.actual, trained.detail) == (50.0, {"trained": 1, "workers": 2})


def test_items_and_data_sets_delivered_come_from_published_releases_against_what_was_due(programme) -> None:
    items, datasets = figures(programme)["items_delivered"], figures(programme)["datasets_delivered"]

    assert (items.actual, items.target, items.status) == (2, 1000, "red")
    assert (datasets.actual, datasets.target, datasets.status) == (1, 1, "green")


def test_before_anything_is_due_the_delivery_lights_are_grey(programme) -> None:
    early = figures(programme, date(2026, 2, 15))

    assert early["items_delivered"].status == "none"
    assert early["datasets_delivered"].status == "none"


def test_without_earnings_there_is_no_wage_to_compare(programme) -> None:
    wage = figures(programme)["hourly_wage"]

    assert (wage.actual, wage.target, wage.status) == (None, 10_320, "none")


def test_a_wage_under_the_minimum_is_red_even_when_close() -> None:
    close = commitments.Figure(key="w", label="w", actual=10_000, target=10_320, unit="won", how="", strict=True)
    share = commitments.Figure(key="s", label="s", actual=50, target=60, unit="percent", how="")

    assert (close.status, share.status) == ("red", "amber")


def test_month_by_month_figures_end_on_the_day_asked(programme) -> None:
    months = figures_over_time(data_project=programme.data_project, until=DAY)

    assert [row["day"] for row in months] == [
        date(2026, 1, 31),
        date(2026, 2, 28),
        date(2026, 3, 31),
        date(2026, 4, 30),
        date(2026, 5, 31),
        DAY,
    ]
    assert [row["figures"]["direct_hires"].actual for row in months] == [2, 2, 3, 3, 2, 2]
