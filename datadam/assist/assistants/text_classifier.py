"""Text classification: character n-gram TF-IDF and logistic regression.

Character n-grams inside word boundaries need no tokenizer, so Korean (with its particles glued to words)
works as well as English.
"""

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from datadam.assist.assistants.uncertainty import uncertainty

if TYPE_CHECKING:
    import numpy as np

MIN_LABELS = 10


class TooFewLabels(ValueError):
    """Training was skipped; the message says why in plain words, `code` says it for a translated page."""

    def __init__(self, message: str, code: str, count: int = 0, needed: int = 0) -> None:
        super().__init__(message)
        self.message, self.code, self.count, self.needed = message, code, count, needed


@dataclass(frozen=True)
class TextPrediction:
    label: str
    confidence: float
    uncertainty: float


class TextClassifier:
    name = "text-tfidf-logreg"

    def __init__(self, *, ngram_range: tuple[int, int] = (1, 3), c: float = 4.0, seed: int = 0) -> None:
        # loaded on use: only training in a background job needs scikit-learn
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import Pipeline

        self.pipeline = Pipeline(
            [
                (
                    "tfidf",
                    TfidfVectorizer(analyzer="char_wb", ngram_range=ngram_range, sublinear_tf=True, min_df=1),
                ),
                ("logreg", LogisticRegression(C=c, solver="liblinear", max_iter=1000, random_state=seed)),
            ]
        )

    @staticmethod
    def check_trainable(labels: list[str], min_labels: int = MIN_LABELS) -> None:
        """Raise TooFewLabels when the labels cannot train a useful model."""
        if len(labels) < min_labels:
            message = f"only {len(labels)} labels; at least {min_labels} are needed"
            raise TooFewLabels(message, "too_few", len(labels), min_labels)
        counts = Counter(labels)
        if len(counts) < 2:
            message = f"every label is {next(iter(counts))!r}; at least two different labels are needed"
            raise TooFewLabels(message, "one_class", len(labels))

    def fit(self, texts: list[str], labels: list[str], *, min_labels: int = MIN_LABELS) -> "TextClassifier":
        self.check_trainable(labels, min_labels)
        self.pipeline.fit(texts, labels)
        return self

    @property
    def classes(self) -> list[str]:
        return [str(label) for label in self.pipeline.classes_]

    def probabilities(self, texts: list[str]) -> "np.ndarray":
        return self.pipeline.predict_proba(texts)

    def predict(self, texts: list[str], *, measure: str = "least_confidence") -> list[TextPrediction]:
        if not texts:
            return []
        probabilities = self.probabilities(texts)
        scores = uncertainty(probabilities, measure)
        best = probabilities.argmax(axis=1)
        classes = self.classes
        return [
            TextPrediction(label=classes[index], confidence=float(probabilities[row, index]), uncertainty=float(score))
            for row, (index, score) in enumerate(zip(best, scores, strict=True))
        ]

    def accuracy(self, texts: list[str], labels: list[str]) -> float:
        if not texts:
            return float("nan")
        import numpy as np  # already loaded by scikit-learn

        return float(np.mean(self.pipeline.predict(texts) == np.asarray(labels)))
