"""One Korean word per concept: the glossary in docs/glossary.md, checked against every Korean catalog."""

import re
from pathlib import Path

from tests.core.test_language import LOCALE_DIRS, catalog_path, messages

GLOSSARY = Path(__file__).resolve().parents[2] / "docs" / "glossary.md"
ROW = re.compile(r"^\| (?P<concept>[^|]+?) \| (?P<use>[^|]+?) \| (?P<avoid>[^|]+?) \|$")
PERCENT_WITH_SPACE = re.compile(r"(\d|%\(\w+\)[sd]) %(%|[^(]|$)")


def glossary() -> dict[str, tuple[str, list[str]]]:
    """concept → (the word to use, the spellings to avoid), read from the glossary's table."""
    rows = {}
    for line in GLOSSARY.read_text(encoding="utf-8").splitlines():
        match = ROW.match(line)
        if match and match["concept"] not in ("concept", "---"):
            rows[match["concept"]] = (match["use"], [word.strip() for word in match["avoid"].split(",")])
    return rows


def korean_texts() -> list[tuple[str, str, str]]:
    """(catalog, msgid, translation) for every Korean translation, the easy-read wordings included."""
    texts = []
    for language in ["ko", "ko_Easy"]:
        for locale_dir in LOCALE_DIRS:
            if not catalog_path(language, locale_dir=locale_dir).exists():
                continue
            for entry in messages(language, locale_dir):
                texts += [(f"{locale_dir.parent.name} {language}", entry.msgid, text) for text in entry.msgstr.values()]
    return texts


def test_the_glossary_names_a_word_for_each_programme_concept() -> None:
    words = {use for use, _avoid in glossary().values()}

    assert {"배포판", "원천데이터", "라벨링데이터", "검수", "품질검증"} <= words


def test_the_easy_read_wordings_are_held_to_the_same_glossary() -> None:
    assert any(catalog.endswith("ko_Easy") for catalog, _msgid, _text in korean_texts())


def test_no_korean_translation_uses_a_spelling_the_glossary_avoids() -> None:
    found = [
        (catalog, msgid, f"{avoid} → {use}")
        for catalog, msgid, text in korean_texts()
        for use, avoids in glossary().values()
        for avoid in avoids
        if avoid in text
    ]

    assert found == []


def test_korean_percentages_have_no_space_before_the_sign() -> None:
    found = [(catalog, text) for catalog, _msgid, text in korean_texts() if PERCENT_WITH_SPACE.search(text)]

    assert found == []
