"""Who sees what: the programme office sees every data project of its programme, a consortium member its own,
crowd workers and other programmes none; names of hires only inside the employing organization."""

from datetime import date

from datadam.programmes.services import programme_create
from tests import factories
from tests.conftest import client_for
from tests.office.conftest import DAY


def page(user, path: str):
    return client_for(user).get(path)


def test_the_office_sees_the_data_project_with_a_light_per_commitment(programme) -> None:
    response = page(programme.operator, "/office/")

    text = response.content.decode()
    assert response.status_code == 200
    assert programme.data_project.title in text
    assert text.count('class="light light-') == 6


def test_a_consortium_member_sees_counts_but_not_the_names_another_organization_hired(programme, cast) -> None:
    path = f"/office/data-projects/{programme.data_project.id}/?on={DAY}"

    as_b, as_a = page(cast.manager_b, path).content.decode(), page(cast.manager, path).content.decode()

    assert "김하나" not in as_b and "E-1" not in as_b
    assert "김하나" in as_a and "E-1" in as_a


def test_crowd_workers_and_another_programmes_operator_get_404(programme, cast) -> None:
    stranger = factories.UserFactory(username="other-operator")
    programme_create(name="다른 사업", organizations=[cast.project_b.organization], operators=[stranger])
    path = f"/office/data-projects/{programme.data_project.id}/"

    assert [page(person, path).status_code for person in (cast.labeler, cast.reviewer, stranger)] == [404, 404, 404]
    assert programme.data_project.title not in page(stranger, "/office/").content.decode()


def test_the_printable_report_shows_every_figure_and_how_it_was_computed(programme) -> None:
    response = page(programme.operator, f"/office/data-projects/{programme.data_project.id}/report/?on={DAY}")

    text = response.content.decode()
    assert response.status_code == 200
    assert "2.4" in text and "data-print" in text
    assert text.count("<tr data-figure=") == 6


def test_the_csv_lists_each_figure_month_by_month_for_excel(programme) -> None:
    response = page(programme.operator, f"/office/data-projects/{programme.data_project.id}/figures.csv?on={DAY}")

    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    assert len(body.strip().splitlines()) == 1 + 6 * 6  # header, six figures for six month ends
    assert f"{DAY.isoformat()}" in body


def test_the_programme_csv_is_for_the_office_only(programme, cast) -> None:
    path = f"/office/programmes/{programme.data_project.programme_id}/figures.csv"

    assert page(programme.operator, path).status_code == 200
    assert page(cast.manager, path).status_code == 404


def test_a_badly_written_date_gets_a_plain_message(programme) -> None:
    response = page(programme.operator, f"/office/data-projects/{programme.data_project.id}/?on=30-06-2026")

    assert response.status_code == 422
    assert "YYYY-MM-DD" in response.content.decode()


def test_the_office_registers_a_data_project_through_the_form(programme, cast) -> None:
    form = {
        "title": "교통 음성 데이터",
        "category": "regional",
        "field": "transport",
        "budget": "200000000",
        "starts_on": "2026-03-01",
        "ends_on": "2026-12-31",
        "direct_hires_promised": "5",
        "crowd_share_promised": "40",
        "executing": str(cast.project.organization_id),
        "projects": [str(cast.project.id)],
        "dataset_name": "교통 음성 1차",
        "dataset_items": "2000",
        "dataset_due_on": "2026-09-30",
    }

    response = client_for(programme.operator).post(
        f"/office/programmes/{programme.data_project.programme_id}/register/", form
    )

    assert response.status_code == 302
    assert page(programme.operator, response.url).status_code == 200
    assert date(2026, 9, 30).isoformat() in page(programme.operator, response.url).content.decode()


def test_a_zero_budget_in_the_form_is_explained(programme, cast) -> None:
    form = {
        "title": "x",
        "category": "free",
        "field": "safety",
        "budget": "0",
        "starts_on": "2026-03-01",
        "ends_on": "2026-12-31",
        "direct_hires_promised": "1",
        "crowd_share_promised": "10",
        "executing": str(cast.project.organization_id),
        "dataset_name": "d",
        "dataset_items": "1",
        "dataset_due_on": "2026-09-30",
    }

    response = client_for(programme.operator).post(
        f"/office/programmes/{programme.data_project.programme_id}/register/", form
    )

    assert response.status_code == 422
    assert "budget" in response.content.decode().lower() or "예산" in response.content.decode()
