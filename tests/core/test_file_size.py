"""File sizes read the same in Korean and English, in B, KB and MB, never "바이트" beside "KB"."""

from django.utils import translation

from datadam.core.templatetags.sizes import file_size


def test_sizes_use_one_set_of_units_in_both_languages() -> None:
    for language in ("ko", "en"):
        with translation.override(language):
            assert [file_size(634), file_size(12_600), file_size(4_718_592)] == ["634 B", "12.3 KB", "4.5 MB"]


def test_an_unknown_size_is_a_dash() -> None:
    assert file_size(None) == "—"
