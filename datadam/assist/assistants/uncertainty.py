"""How unsure a model is about one prediction, from its class probabilities (higher = less sure)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

MEASURES = ("least_confidence", "margin")


def uncertainty(probabilities: np.ndarray, measure: str = "least_confidence") -> np.ndarray:
    """One score per row of an (n_items, n_classes) probability matrix.

    least_confidence: 1 - p(top class). margin: 1 - (p(top) - p(second)); with two classes both give the same order.
    """
    import numpy as np  # loaded on use: the web process starts without numpy

    if probabilities.ndim != 2 or probabilities.shape[1] == 0:
        raise ValueError("expected an (items, classes) matrix")
    ordered = np.sort(probabilities, axis=1)[:, ::-1]
    if measure == "least_confidence":
        return 1.0 - ordered[:, 0]
    if measure == "margin":
        second = ordered[:, 1] if ordered.shape[1] > 1 else np.zeros(len(ordered))
        return 1.0 - (ordered[:, 0] - second)
    raise ValueError(f"unknown uncertainty measure {measure!r}; known: {', '.join(MEASURES)}")
