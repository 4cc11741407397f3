"""Courses in every data type: boxes on an image, NER spans on a text, segments with transcripts on a recording.

Practice and evaluation draw the item with the labeling page's widgets, read the widget's JSON through the shared
parser, score it with the control's own score function, and show the expected regions beside the trainee's."""

import json

import pytest

from datadam.academy.models import Cohort, Course, EvaluationAttempt, PracticeAnswer
from datadam.academy.services import cohorts, learning
from datadam.core.errors import Invalid, SchemaViolation
from datadam.media.links import media_url
from datadam.media.permissions import can_view_media
from tests.academy.builders import NER_GOLD, ROCKET, SEVEN, make_cohort, make_region_course
from tests.conftest import Cast, client_for


def enrolled(cast: Cast, course: Course):
    cohort: Cohort = make_cohort(cast.manager, course)
    cohorts.cohort_apply(actor=cast.labeler, cohort=cohort)
    return cast.labeler


def practice_url(course: Course) -> str:
    return f"/academy/courses/{course.id}/practice/"


def box(**change: object) -> dict:
    return {**ROCKET, **change}


# --- scoring with the controls' own functions -----------------------------------------------------------------


def test_a_box_drawn_close_to_the_expected_one_is_right_and_scores_its_overlap(cast: Cast) -> None:
    course = make_region_course(cast.manager, kind="boxes")
    trainee = enrolled(cast, course)
    item = course.course_items.get(use="practice")

    close = learning.practice_answer(actor=trainee, course_item=item, answer={"objects": [box(x=301.0, width=58.0)]})
    half = learning.practice_answer(actor=trainee, course_item=item, answer={"objects": [box(x=330.0)]})

    assert close.correct and close.scores["objects"] == pytest.approx(58 / 60, abs=1e-3)
    # Shifted by half its width: overlap 30 × 300 over a union of 90 × 300.
    assert not half.correct and half.scores["objects"] == pytest.approx(1 / 3, abs=1e-3)
    assert list(PracticeAnswer.objects.filter(user=trainee).values_list("correct", flat=True).order_by("id")) == [
        True,
        False,
    ]


def test_spans_score_f1_and_a_missed_name_is_not_right(cast: Cast) -> None:
    course = make_region_course(cast.manager, kind="spans")
    trainee = enrolled(cast, course)
    item = course.course_items.get(use="practice")

    exact = learning.practice_answer(actor=trainee, course_item=item, answer={"entities": NER_GOLD})
    one = learning.practice_answer(actor=trainee, course_item=item, answer={"entities": NER_GOLD[:1]})

    assert exact.correct and exact.score == 1.0
    assert not one.correct and one.scores["entities"] == pytest.approx(2 / 3)


def test_a_span_whose_text_is_not_the_items_is_refused_and_nothing_is_stored(cast: Cast) -> None:
    course = make_region_course(cast.manager, kind="spans")
    trainee = enrolled(cast, course)
    wrong_text = [{"id": "s1", "start": 0, "end": 3, "label": "PS", "text": "김철수"}]

    with pytest.raises(SchemaViolation, match="^entities: .*s1"):
        learning.practice_answer(
            actor=trainee, course_item=course.course_items.get(use="practice"), answer={"entities": wrong_text}
        )
    assert not PracticeAnswer.objects.filter(user=trainee).exists()


def test_segments_score_their_overlap_and_transcript(cast: Cast) -> None:
    course = make_region_course(cast.manager, kind="segments")
    trainee = enrolled(cast, course)
    item = course.course_items.get(use="practice")

    same = learning.practice_answer(actor=trainee, course_item=item, answer={"speech": [SEVEN]})
    misheard_answer = {"speech": [{**SEVEN, "text": "seben"}]}
    misheard = learning.practice_answer(actor=trainee, course_item=item, answer=misheard_answer)
    past_the_end = {**SEVEN, "end": 3.0}

    assert same.correct and same.score == pytest.approx(1.0)
    # Same place, one letter of five wrong: (1 + 0.8) / 2.
    assert misheard.scores["speech"] == pytest.approx(0.9, abs=1e-3)
    with pytest.raises(SchemaViolation, match="^speech: .*g1"):
        learning.practice_answer(actor=trainee, course_item=item, answer={"speech": [past_the_end]})


# --- the practice page ---------------------------------------------------------------------------------------


def test_the_practice_page_draws_the_image_with_the_labeling_widget(cast: Cast) -> None:
    course = make_region_course(cast.manager, kind="boxes")
    client = client_for(enrolled(cast, course))

    page = client.get(practice_url(course)).content.decode()

    assert 'data-widget="image"' in page and 'data-readonly="false"' in page
    assert 'name="objects"' in page and 'data-region-type="boxes"' in page
    assert "label_image.js" in page and 'id="widget-messages"' in page
    assert '<img src="/files/' in page  # the trainee, not a member of the hidden project, gets the image's link


def test_a_posted_box_shows_the_score_in_words_and_the_expected_box_beside_the_trainees(cast: Cast) -> None:
    course = make_region_course(cast.manager, kind="boxes")
    client = client_for(enrolled(cast, course))
    drawn = [box(x=330.0, label="rocket")]

    response = client.post(practice_url(course), {"n": 1, "objects": json.dumps(drawn)})

    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-correct="false"' in page and "33%" in page
    assert 'data-testid="given-widget-image"' in page and 'data-testid="expected-widget-image"' in page
    assert 'data-readonly="true"' in page
    # The editable widget keeps what the trainee drew; the expected widget holds the gold box.
    assert page.count("&quot;x&quot;: 330.0") >= 2 and "&quot;x&quot;: 300.0" in page


def test_a_label_outside_the_schema_is_refused_with_a_reason_and_the_drawing_comes_back(cast: Cast) -> None:
    course = make_region_course(cast.manager, kind="boxes")
    trainee = enrolled(cast, course)
    drawn = [box(label="horse")]

    response = client_for(trainee).post(practice_url(course), {"n": 1, "objects": json.dumps(drawn)})

    page = response.content.decode()
    assert response.status_code == 422
    assert "horse" in page and "practice-feedback" not in page
    assert "&quot;label&quot;: &quot;horse&quot;" in page  # still in the widget's field: nothing lost
    assert not PracticeAnswer.objects.filter(user=trainee).exists()


def test_malformed_region_json_gets_a_4xx_with_a_message(cast: Cast) -> None:
    course = make_region_course(cast.manager, kind="boxes")
    trainee = enrolled(cast, course)

    response = client_for(trainee).post(practice_url(course), {"n": 1, "objects": '[{"id": "b1", "x": '})

    assert response.status_code == 422
    assert "objects" in response.content.decode()
    assert not PracticeAnswer.objects.filter(user=trainee).exists()


def test_ner_spans_posted_from_the_text_widget_are_right(cast: Cast) -> None:
    course = make_region_course(cast.manager, kind="spans")
    client = client_for(enrolled(cast, course))

    page = client.post(practice_url(course), {"n": 1, "entities": json.dumps(NER_GOLD)}).content.decode()

    assert 'data-correct="true"' in page and "100%" in page
    assert 'data-testid="expected-item-text"' in page and "label_text.js" in page


# --- the evaluation ------------------------------------------------------------------------------------------


def start_attempt(client, course: Course) -> EvaluationAttempt:
    client.post(f"/academy/courses/{course.id}/evaluation/")
    return EvaluationAttempt.objects.get(course=course)


def test_an_evaluation_of_boxes_is_scored_by_overlap_and_passes(cast: Cast) -> None:
    course = make_region_course(cast.manager, kind="boxes", evaluation=2)
    client = client_for(enrolled(cast, course))
    attempt = start_attempt(client, course)
    page = client.get(f"/academy/attempts/{attempt.id}/").content.decode()
    first, second = attempt.item_ids

    assert f'name="i{first}-objects"' in page and f'name="i{second}-objects"' in page
    response = client.post(
        f"/academy/attempts/{attempt.id}/",
        {f"i{first}-objects": json.dumps([ROCKET]), f"i{second}-objects": json.dumps([box(width=45.0)])},
    )

    attempt.refresh_from_db()
    assert response.status_code == 302
    assert attempt.status == EvaluationAttempt.Status.SCORED and attempt.passed
    assert attempt.score == pytest.approx((1 + 45 / 60) / 2, abs=1e-3)


def test_an_evaluation_answer_with_a_foreign_label_is_refused_and_every_answer_comes_back(cast: Cast) -> None:
    course = make_region_course(cast.manager, kind="boxes", evaluation=2)
    client = client_for(enrolled(cast, course))
    attempt = start_attempt(client, course)
    first, second = attempt.item_ids

    response = client.post(
        f"/academy/attempts/{attempt.id}/",
        {f"i{first}-objects": json.dumps([ROCKET]), f"i{second}-objects": json.dumps([box(label="horse")])},
    )

    page = response.content.decode()
    attempt.refresh_from_db()
    assert response.status_code == 422
    assert "2" in page and "horse" in page
    assert attempt.status == EvaluationAttempt.Status.STARTED and attempt.score is None
    assert page.count("&quot;label&quot;: &quot;rocket&quot;") >= 1  # the first answer is still there


def test_a_left_out_answer_scores_nothing_but_does_not_block_handing_in(cast: Cast) -> None:
    course = make_region_course(cast.manager, kind="spans", evaluation=2)
    trainee = enrolled(cast, course)
    attempt = learning.evaluation_start(actor=trainee, course=course)
    first = attempt.item_ids[0]

    attempt = learning.evaluation_submit(actor=trainee, attempt=attempt, answers={str(first): {"entities": NER_GOLD}})

    assert attempt.score == pytest.approx(0.5) and not attempt.passed


def test_answers_check_names_the_item_of_a_malformed_answer(cast: Cast) -> None:
    course = make_region_course(cast.manager, kind="segments", evaluation=1)
    trainee = enrolled(cast, course)
    attempt = learning.evaluation_start(actor=trainee, course=course)

    with pytest.raises(Invalid, match="1.*speech: .*g1"):
        learning.evaluation_submit(
            actor=trainee, attempt=attempt, answers={str(attempt.item_ids[0]): {"speech": [{**SEVEN, "end": 9.0}]}}
        )


# --- who sees a course's images and recordings ------------------------------------------------------------------


def test_a_courses_media_is_seen_by_its_trainees_and_staff_not_by_an_outsider(cast: Cast) -> None:
    course = make_region_course(cast.manager, kind="segments")
    trainee = enrolled(cast, course)

    assert can_view_media(trainee, course.item_project)
    assert can_view_media(cast.manager, course.item_project)
    assert not can_view_media(cast.outsider, course.item_project)
    assert client_for(cast.outsider).get(practice_url(course)).status_code == 404


def test_a_trainee_downloads_the_courses_image_and_an_outsider_cannot(cast: Cast) -> None:
    course = make_region_course(cast.manager, kind="boxes")
    trainee = enrolled(cast, course)
    item = course.course_items.get(use="practice").item
    media_id = int(item.data["image"].removeprefix("media:"))

    mine = client_for(trainee).get(media_url(media_id=media_id, user_id=trainee.id))
    theirs = client_for(cast.outsider).get(media_url(media_id=media_id, user_id=cast.outsider.id))

    assert mine.status_code == 200 and mine["Content-Type"] == "image/jpeg"
    assert theirs.status_code == 404
