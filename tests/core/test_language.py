"""Korean by default, English by choice: complete catalogs, and pages in the language a person asked for."""

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.signals import setting_changed
from django.test import Client

LANGUAGES = ["ko", "en"]
PLACEHOLDER = re.compile(r"%\(\w+\)[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]")
KOREAN_HEADLINE = "함께 만드는 AI 학습용 데이터"
ENGLISH_HEADLINE = "Build AI training data together"


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)


def locale_dirs() -> list[Path]:
    """The project's catalog, then each app's own (newer apps keep their messages beside their code)."""
    package = Path(settings.LOCALE_PATHS[0]).parent
    return [Path(settings.LOCALE_PATHS[0]), *sorted(package.glob("*/locale"))]


LOCALE_DIRS = locale_dirs()
LOCALE_IDS = [str(path.relative_to(LOCALE_DIRS[0].parent)) for path in LOCALE_DIRS]


def catalog_path(language: str, suffix: str = "po", locale_dir: Path = LOCALE_DIRS[0]) -> Path:
    return locale_dir / language / "LC_MESSAGES" / f"django.{suffix}"


def catalog_read(language: str, locale_dir: Path = LOCALE_DIRS[0]) -> list[Entry]:
    """The entries of one .po file (obsolete ones left out), header included, as makemessages writes them."""
    entries: list[Entry] = []
    entry, key = Entry(), None

    def finish() -> None:
        nonlocal entry, key
        if key is not None:
            entries.append(entry)
        entry, key = Entry(), None

    for line in catalog_path(language, locale_dir=locale_dir).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line:
            finish()
        elif line.startswith("#,"):
            if key is not None:
                finish()
            entry.flags |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#"):
            if key is not None:
                finish()
        elif line.startswith('"'):
            text = line[1:-1].replace('\\"', '"').replace("\\n", "\n")
            if key == "msgid":
                entry.msgid += text
            elif key == "msgid_plural":
                entry.msgid_plural = (entry.msgid_plural or "") + text
            else:
                entry.msgstr[key] += text
        else:
            word, _, value = line.partition(" ")
            text = value[1:-1].replace('\\"', '"').replace("\\n", "\n")
            if word == "msgid":
                if key is not None:
                    finish()
                entry.msgid, key = text, "msgid"
            elif word == "msgid_plural":
                entry.msgid_plural, key = text, "msgid_plural"
            elif word.startswith("msgstr"):
                index = int(word[7:-1]) if "[" in word else 0
                entry.msgstr[index], key = text, index
    finish()
    return entries


def messages(language: str, locale_dir: Path = LOCALE_DIRS[0]) -> list[Entry]:
    return [entry for entry in catalog_read(language, locale_dir) if entry.msgid]


@pytest.fixture(scope="module")
def compiled_catalogs() -> None:
    """Compile the .mo files when they are missing or older than their .po, as `make messages` would."""
    def stale(language: str, locale_dir: Path) -> bool:
        compiled = catalog_path(language, "mo", locale_dir)
        source = catalog_path(language, locale_dir=locale_dir)
        return source.exists() and (not compiled.exists() or compiled.stat().st_mtime < source.stat().st_mtime)

    languages = sorted({language for language in LANGUAGES for path in LOCALE_DIRS if stale(language, path)})
    if languages:
        call_command("compilemessages", locale=languages, verbosity=0)
        # Forget catalogs loaded before the .mo files were written.
        setting_changed.send(sender=None, setting="LOCALE_PATHS", value=settings.LOCALE_PATHS, enter=False)


@pytest.mark.parametrize("locale_dir", LOCALE_DIRS, ids=LOCALE_IDS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_translator_leaves_no_message_untranslated_or_fuzzy(language: str, locale_dir: Path) -> None:
    entries = catalog_read(language, locale_dir)
    header = entries[0]
    nplurals = 1 if language == "ko" else 2

    assert header.msgid == "" and "fuzzy" not in header.flags
    assert f"Plural-Forms: nplurals={nplurals};" in header.msgstr[0]
    assert messages(language, locale_dir), "the catalog holds no messages"
    untranslated = [
        entry.msgid for entry in messages(language, locale_dir)
        if len(entry.msgstr) != (nplurals if entry.msgid_plural is not None else 1)
        or not all(text.strip() for text in entry.msgstr.values())
    ]
    fuzzy = [entry.msgid for entry in messages(language, locale_dir) if "fuzzy" in entry.flags]
    assert {"untranslated": untranslated, "fuzzy": fuzzy} == {"untranslated": [], "fuzzy": []}


@pytest.mark.parametrize("locale_dir", LOCALE_DIRS, ids=LOCALE_IDS)
def test_translator_keeps_korean_and_english_catalogs_to_the_same_messages(locale_dir: Path) -> None:
    def keys(language: str) -> set[tuple[str, str | None]]:
        return {(entry.msgid, entry.msgid_plural) for entry in messages(language, locale_dir)}

    assert keys("ko") == keys("en")


@pytest.mark.parametrize("locale_dir", LOCALE_DIRS, ids=LOCALE_IDS)
def test_translator_keeps_every_placeholder_of_a_message_in_its_korean_translation(locale_dir: Path) -> None:
    broken = []
    for entry in messages("ko", locale_dir):
        if "python-format" not in entry.flags and not PLACEHOLDER.search(entry.msgid):
            continue
        wanted = set(PLACEHOLDER.findall(entry.msgid)) | set(PLACEHOLDER.findall(entry.msgid_plural or ""))
        for text in entry.msgstr.values():
            if set(PLACEHOLDER.findall(text)) != wanted:
                broken.append((entry.msgid, text))
    assert broken == []


@pytest.mark.django_db
@pytest.mark.usefixtures("compiled_catalogs")
def test_visitor_with_no_language_preference_sees_the_landing_page_in_korean() -> None:
    response = Client().get("/")

    page = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="ko">' in page
    assert KOREAN_HEADLINE in page
    assert ENGLISH_HEADLINE not in page


@pytest.mark.django_db
@pytest.mark.usefixtures("compiled_catalogs")
def test_visitor_whose_browser_asks_for_english_sees_the_landing_page_in_english() -> None:
    response = Client(headers={"accept-language": "en"}).get("/")

    page = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en">' in page
    assert ENGLISH_HEADLINE in page
    assert KOREAN_HEADLINE not in page


@pytest.mark.django_db
@pytest.mark.usefixtures("compiled_catalogs")
def test_visitor_who_picks_english_in_the_language_form_sees_english_afterwards() -> None:
    client = Client(headers={"accept-language": "ko"})
    assert '<html lang="ko">' in client.get("/").content.decode()

    picked = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert picked.status_code == 302 and picked["Location"] == "/"

    page = client.get("/").content.decode()
    assert '<html lang="en">' in page
    assert ENGLISH_HEADLINE in page
    assert KOREAN_HEADLINE not in page
