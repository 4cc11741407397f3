"""Greedy one-to-one matching of two region lists, shared by the score functions of region controls."""

from collections.abc import Callable


def greedy_mean(gold: object, answer: object, similarity: Callable[[dict, dict], float]) -> float:
    """Pair regions of the same label from the most similar pair down; the mean over max(len) of the pairs.

    Unmatched regions on either side count 0, so extra or missing regions lower the score. Two empty
    answers agree fully.
    """
    gold_regions = [region for region in gold or [] if isinstance(region, dict)]
    answer_regions = [region for region in answer or [] if isinstance(region, dict)]
    if not gold_regions and not answer_regions:
        return 1.0
    pairs = sorted(
        (
            (similarity(g, a), i, j)
            for i, g in enumerate(gold_regions)
            for j, a in enumerate(answer_regions)
            if g.get("label") == a.get("label")
        ),
        reverse=True,
    )
    used_gold, used_answer, total = set(), set(), 0.0
    for value, i, j in pairs:
        if value <= 0 or i in used_gold or j in used_answer:
            continue
        used_gold.add(i)
        used_answer.add(j)
        total += value
    return total / max(len(gold_regions), len(answer_regions))
