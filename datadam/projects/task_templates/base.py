"""What a task template is made of; the templates themselves are in the modules beside this one."""

from dataclasses import dataclass

from django.utils.translation import get_language


@dataclass(frozen=True)
class Words:
    """One text in both UI languages; `text()` gives the one the person reads in."""

    ko: str
    en: str

    def text(self) -> str:
        return self.en if (get_language() or "ko").startswith("en") else self.ko


@dataclass(frozen=True)
class TaskTemplate:
    key: str
    title: Words
    summary: Words
    data_type: str  # a Project.DataType value, or "collect" for a collection
    controls: tuple[dict, ...]
    guideline: Words
    rate_per_item: int  # won per accepted item, a start to check against the measured pace
    collect_kind: str = ""  # "image" or "audio" for a collection template
    prompts: Words | None = None  # a collection's first prompts, one per line
    consent: Words | None = None  # what a collection's workers agree to

    def schema(self) -> dict:
        """The schema with each label's and control's words in the person's language."""
        return {"controls": [_localized(control) for control in self.controls]}


def _localized(value: object) -> object:
    if isinstance(value, Words):
        return value.text()
    if isinstance(value, dict):
        return {key: _localized(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_localized(item) for item in value]
    return value


def labels(*entries: tuple[str, str, str]) -> list[dict]:
    """Labels from (value, Korean text, English text), with hotkeys 1–9 in order."""
    return [
        {"value": value, "text": Words(ko, en), **({"hotkey": str(n)} if n <= 9 else {})}
        for n, (value, ko, en) in enumerate(entries, start=1)
    ]


def guideline(task_ko: str, task_en: str) -> Words:
    """The skeleton every guideline starts from: the task, then headings the manager fills in."""
    return Words(
        f"## 작업 설명\n\n{task_ko}\n\n## 라벨별 기준\n\n- (라벨마다 예시와 함께 적으세요)\n\n"
        "## 헷갈리는 경우\n\n- (판단이 어려운 예와 정답을 적으세요)\n\n## 건너뛰기\n\n- (건너뛰어도 되는 경우)\n",
        f"## The task\n\n{task_en}\n\n## Each label\n\n- (write what counts, with an example)\n\n"
        "## Hard cases\n\n- (write a tricky example and its answer)\n\n"
        "## When to skip\n\n- (items a worker may skip)\n",
    )
