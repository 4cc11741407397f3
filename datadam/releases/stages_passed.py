"""Which inspection stages each released item passed, and how: accepted by an inspector, corrected by one
(the released label is the correction), or accepted with its lot by sampling. Worked out at the cut from the
released entries and kept with the report, grouped by path (the same stages passed the same way)."""

from collections import defaultdict
from itertools import batched

from datadam.projects import stages
from datadam.quality.models import LotMember
from datadam.releases.models import Release
from datadam.review.models import Review

ITEMS_SHOWN_PER_PATH = 1000
INSPECTED, CORRECTED, BY_SAMPLING = "inspected", "corrected", "by_sampling"


def _passes(annotation_ids: list[int]) -> dict[int, dict[int, str]]:
    """annotation id → {stage position: how it passed there}."""
    passed: dict[int, dict[int, str]] = defaultdict(dict)
    for batch in batched(annotation_ids, 500):
        accepts = Review.objects.filter(annotation_id__in=batch, verdict=Review.Verdict.ACCEPT)
        for annotation_id, stage in accepts.values_list("annotation_id", "stage"):
            passed[annotation_id][stage] = INSPECTED
        for annotation_id, stage in Review.objects.filter(correction_id__in=batch).values_list(
            "correction_id", "stage"
        ):
            passed[annotation_id][stage] = CORRECTED
        by_lot = LotMember.objects.filter(annotation_id__in=batch, outcome=LotMember.Outcome.BY_SAMPLING)
        for annotation_id, stage in by_lot.values_list("annotation_id", "stage"):
            passed[annotation_id][stage] = BY_SAMPLING
    return passed


def figures(release: Release) -> dict:
    """The chain's stages, and per path the released items that took it (ids shown up to a limit)."""
    chain = stages.stage_list(release.project)
    names = {stage.position: stage.name for stage in chain}
    entries = list(release.entries.exclude(annotation_id=None).values_list("item_id", "external_id", "annotation_id"))
    passed = _passes([annotation_id for _item, _external, annotation_id in entries])
    paths: dict[tuple, list] = defaultdict(list)
    for item_id, external_id, annotation_id in sorted(entries):
        path = tuple(sorted(passed.get(annotation_id, {}).items()))
        paths[path].append(external_id or str(item_id))
    return {
        "stages": [{"position": stage.position, "name": stage.name} for stage in chain],
        "paths": [
            {
                "passed": [
                    {"position": position, "name": names.get(position, str(position)), "how": how}
                    for position, how in path
                ],
                "count": len(items),
                "items": items[:ITEMS_SHOWN_PER_PATH],
            }
            for path, items in sorted(paths.items(), key=lambda pair: -len(pair[1]))
        ],
    }
