"""Named-entity spans: a character-level conditional random field (sklearn-crfsuite), no download needed.

Each character gets a BIO tag from features of itself and its neighbours, so no word tokenizer is needed
(Korean names carry particles: "홍길동이"). Offsets are Python string indices, as in the spans control.
"""

from dataclasses import dataclass

from datadam.assist.assistants.text_classifier import MIN_LABELS, TooFewLabels


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    label: str


@dataclass(frozen=True)
class SpanPrediction:
    spans: list[Span]
    confidence: float
    uncertainty: float


def _kind(char: str) -> str:
    if char.isspace():
        return "space"
    if "\uac00" <= char <= "\ud7a3":
        return "hangul"
    if char.isdigit():
        return "digit"
    if char.isalpha():
        return "upper" if char.isupper() else "alpha"
    return "punct"


def char_features(text: str) -> list[dict]:
    features = []
    for i, char in enumerate(text):
        feature = {"bias": 1.0, "c": char, "kind": _kind(char)}
        for offset in (-2, -1, 1, 2):
            j = i + offset
            if 0 <= j < len(text):
                feature[f"c[{offset}]"] = text[j]
                feature[f"kind[{offset}]"] = _kind(text[j])
            else:
                feature[f"c[{offset}]"] = "<edge>"
        feature["c[-1:1]"] = text[max(i - 1, 0) : i + 2]
        features.append(feature)
    return features


def spans_to_tags(text: str, spans: list[Span]) -> list[str]:
    tags = ["O"] * len(text)
    for span in spans:
        if 0 <= span.start < span.end <= len(text):
            tags[span.start] = f"B-{span.label}"
            for i in range(span.start + 1, span.end):
                tags[i] = f"I-{span.label}"
    return tags


def tags_to_spans(tags: list[str]) -> list[Span]:
    spans: list[Span] = []
    start, label = None, None
    for i, tag in enumerate([*tags, "O"]):
        inside = tag.startswith("I-") and label == tag[2:] and start is not None
        if inside:
            continue
        if start is not None:
            spans.append(Span(start=start, end=i, label=label))
            start, label = None, None
        if tag.startswith(("B-", "I-")):
            start, label = i, tag[2:]
    return spans


def span_f1(gold: list[list[Span]], predicted: list[list[Span]]) -> float:
    """Exact-match span F1 over a set of texts."""
    hits = sum(len(set(g) & set(p)) for g, p in zip(gold, predicted, strict=True))
    n_gold, n_predicted = sum(map(len, gold)), sum(map(len, predicted))
    if n_gold == 0 and n_predicted == 0:
        return 1.0
    if hits == 0:
        return 0.0
    precision, recall = hits / n_predicted, hits / n_gold
    return 2 * precision * recall / (precision + recall)


class SpanTagger:
    name = "spans-char-crf"

    def __init__(self, *, c1: float = 0.05, c2: float = 0.05, max_iterations: int = 100) -> None:
        import sklearn_crfsuite  # loaded on use: only training in a background job needs it

        self.crf = sklearn_crfsuite.CRF(
            algorithm="lbfgs", c1=c1, c2=c2, max_iterations=max_iterations, all_possible_transitions=True
        )

    @staticmethod
    def check_trainable(examples: list[list[Span]], min_labels: int = MIN_LABELS) -> None:
        if len(examples) < min_labels:
            message = f"only {len(examples)} labels; at least {min_labels} are needed"
            raise TooFewLabels(message, "too_few", len(examples), min_labels)
        if not any(examples):
            raise TooFewLabels(
                "no labeled text has a span yet; the model would learn nothing", "no_spans", len(examples)
            )

    def fit(self, texts: list[str], spans: list[list[Span]], *, min_labels: int = MIN_LABELS) -> "SpanTagger":
        self.check_trainable(spans, min_labels)
        self.crf.fit(
            [char_features(text) for text in texts],
            [spans_to_tags(text, text_spans) for text, text_spans in zip(texts, spans, strict=True)],
        )
        return self

    def predict(self, texts: list[str]) -> list[SpanPrediction]:
        """Spans per text; confidence = the mean over characters of the top tag's marginal probability."""
        if not texts:
            return []
        features = [char_features(text) for text in texts]
        tags = self.crf.predict(features)
        marginals = self.crf.predict_marginals(features)
        predictions = []
        for text_tags, text_marginals in zip(tags, marginals, strict=True):
            tops = [max(char.values()) for char in text_marginals] or [1.0]
            confidence = sum(tops) / len(tops)
            predictions.append(
                SpanPrediction(spans=tags_to_spans(text_tags), confidence=confidence, uncertainty=1.0 - confidence)
            )
        return predictions

    def f1(self, texts: list[str], spans: list[list[Span]]) -> float:
        return span_f1(spans, [prediction.spans for prediction in self.predict(texts)])
