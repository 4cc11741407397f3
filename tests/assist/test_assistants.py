"""The built-in assistants on small constructed sets, without the database."""

import numpy as np
import pytest

from datadam.assist.assistants.span_tagger import Span, SpanTagger, span_f1, tags_to_spans
from datadam.assist.assistants.text_classifier import TextClassifier, TooFewLabels
from datadam.assist.assistants.uncertainty import uncertainty
from tests.assist.conftest import NEGATIVE, PEOPLE_AND_PLACES, POSITIVE


def test_text_classifier_learns_korean_sentiment_without_a_tokenizer() -> None:
    texts = POSITIVE + NEGATIVE
    labels = ["positive"] * len(POSITIVE) + ["negative"] * len(NEGATIVE)
    model = TextClassifier().fit(texts, labels, min_labels=4)
    guesses = model.predict(["최고의 연기 재미있어요", "지루하고 최악"])
    assert [guess.label for guess in guesses] == ["positive", "negative"]
    for guess in guesses:
        assert 0.5 < guess.confidence <= 1 and guess.uncertainty == pytest.approx(1 - guess.confidence)
    assert model.accuracy(texts, labels) == 1.0


def test_text_classifier_refuses_too_few_labels_or_one_class_with_a_reason() -> None:
    with pytest.raises(TooFewLabels, match="at least 10"):
        TextClassifier().fit(["좋아요"] * 3 + ["싫어요"] * 3, ["positive"] * 3 + ["negative"] * 3)
    with pytest.raises(TooFewLabels, match="two different labels"):
        TextClassifier().fit(POSITIVE * 2, ["positive"] * 12)


def test_uncertainty_measures_rank_the_least_sure_first() -> None:
    probabilities = np.array([[0.9, 0.05, 0.05], [0.4, 0.35, 0.25], [0.5, 0.5, 0.0]])
    least = uncertainty(probabilities, "least_confidence")
    margin = uncertainty(probabilities, "margin")
    assert least == pytest.approx([0.1, 0.6, 0.5])
    assert margin == pytest.approx([0.15, 0.95, 1.0])
    with pytest.raises(ValueError, match="unknown"):
        uncertainty(probabilities, "entropy-ish")


def test_span_tagger_finds_names_and_places_in_korean_text() -> None:
    texts, spans = [], []
    for name, place in PEOPLE_AND_PLACES:
        text = f"{name}이 {place}에 갔다"
        texts.append(text)
        spans.append([Span(0, 3, "PS"), Span(5, 7, "LC")])
    model = SpanTagger().fit(texts * 2, spans * 2, min_labels=4)
    [guess] = model.predict(["정우성이 서울에 갔다"])
    assert guess.spans == [Span(0, 3, "PS"), Span(5, 7, "LC")]
    assert 0 < guess.confidence <= 1
    assert model.f1(texts, spans) == 1.0


def test_span_tagger_skips_when_no_text_has_a_span() -> None:
    with pytest.raises(TooFewLabels, match="no labeled text has a span"):
        SpanTagger().fit(["아무것도 없다"] * 12, [[]] * 12)


def test_bio_tags_become_spans_and_f1_counts_exact_matches() -> None:
    assert tags_to_spans(["B-PS", "I-PS", "O", "I-LC", "B-LC", "B-LC"]) == [
        Span(0, 2, "PS"),
        Span(3, 4, "LC"),
        Span(4, 5, "LC"),
        Span(5, 6, "LC"),
    ]
    assert span_f1([[Span(0, 2, "PS")]], [[Span(0, 2, "PS"), Span(3, 4, "LC")]]) == pytest.approx(2 / 3)
