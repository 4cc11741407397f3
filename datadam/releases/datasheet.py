"""The guideline and the datasheet that travel in a release package (DATASHEET.ko.md, DATASHEET.en.md).

The datasheet follows "Datasheets for Datasets" (Gebru et al.): what the manager wrote in the catalog's
datasheet at the cut (motivation, composition, collection, workforce, licence), then the release's own
figures (items, splits, labels, quality with intervals). Both languages are written whatever the language of
the person who cut the release, so the headings are fixed here per file rather than translated per request.
"""

from datadam.releases.models import Release

WORDS = {
    "ko": {
        "title": "데이터시트", "version": "버전", "cut": "기준일", "source": "라벨",
        "accepted": "검수 승인 라벨", "consensus": "합의 라벨", "licence": "이용 허락",
        "summary": "요약", "motivation": "구축 목적", "composition": "구성", "collection": "수집 방법",
        "workforce": "작업자와 교육, 보수", "figures": "이 배포의 수치", "items": "항목 수",
        "splits": "분할", "labels": "라벨 분포", "quality": "품질 (95% 신뢰구간)",
        "format_validity": "형식 유효성", "syntactic_accuracy": "구문 정확성", "semantic_accuracy": "의미 정확성",
        "agreement": "작업자 간 일치도", "method": "합의 방법", "left_out": "중복 작업이 끝나지 않아 제외된 항목",
        "guideline": "작업 가이드라인", "none": "(작성되지 않음)", "data_type": "데이터 유형",
    },
    "en": {
        "title": "Datasheet", "version": "Version", "cut": "Cut on", "source": "Labels",
        "accepted": "accepted by inspection", "consensus": "consensus of the labelers", "licence": "Licence",
        "summary": "Summary", "motivation": "Motivation", "composition": "Composition", "collection": "Collection",
        "workforce": "Workers, their training and pay", "figures": "Figures of this release", "items": "Items",
        "splits": "Splits", "labels": "Label distribution", "quality": "Quality (95 % intervals)",
        "format_validity": "Format validity", "syntactic_accuracy": "Syntactic accuracy",
        "semantic_accuracy": "Semantic accuracy", "agreement": "Agreement between workers",
        "method": "Consensus method", "left_out": "Items left out because their overlap was not complete",
        "guideline": "Labeling guideline", "none": "(not written)", "data_type": "Data type",
    },
}
SECTIONS = ("summary", "motivation", "composition", "collection", "workforce")


def guideline(release: Release) -> str:
    snapshot = release.snapshot
    name = snapshot.get("project_name") or release.project.name
    text = snapshot.get("guideline", "") if "guideline" in snapshot else release.project.guideline
    return f"# {name} {release.version}\n\n{text.strip() or WORDS['ko']['none']}\n"


def render(release: Release, figures: dict, language: str, sheet: dict) -> str:
    words, snapshot = WORDS[language], release.snapshot
    title = sheet.get(f"title_{language}") or sheet.get("title_ko") or snapshot.get("project_name", "")
    lines = [
        f"# {title} — {words['title']}",
        "",
        f"- {words['version']}: {release.version}",
        f"- {words['cut']}: {release.cut_at.date().isoformat()}",
        f"- {words['data_type']}: {snapshot.get('data_type', '')}",
        f"- {words['source']}: {words[release.source]}",
        f"- {words['licence']}: {sheet.get('licence') or words['none']}",
        "",
    ]
    for section in SECTIONS:
        text = sheet.get(f"{section}_{language}") or (snapshot.get("description") if section == "summary" else "")
        lines += [f"## {words[section]}", "", (text or words["none"]).strip(), ""]
    lines += [f"## {words['figures']}", "", f"- {words['items']}: {release.entries_total}"]
    lines += [f"- {words['splits']}: " + ", ".join(f"{k} {v}" for k, v in sorted(figures["splits"].items()))]
    for control, counts in figures["label_distribution"].items():
        shown = ", ".join(f"{label} {count}" for label, count in list(counts.items())[:20])
        lines.append(f"- {words['labels']} ({control}): {shown}")
    lines += ["", f"### {words['quality']}", ""]
    for name in ("format_validity", "syntactic_accuracy", "semantic_accuracy", "agreement"):
        lines.append(f"- {words[name]}: {_share(figures[name])}")
    if consensus := figures.get("consensus"):
        lines.append(f"- {words['method']}: {consensus['method']}")
        lines.append(f"- {words['left_out']}: {consensus['overlap_incomplete']}")
    lines += ["", f"## {words['guideline']}", "", "GUIDELINE.md", ""]
    return "\n".join(lines)


def _share(figure: dict) -> str:
    if figure.get("percent") is None:
        return "—"
    low, high = figure.get("ci_low"), figure.get("ci_high")
    return f"{figure['percent']} %" + (f" [{low}, {high}]" if low is not None else "")
