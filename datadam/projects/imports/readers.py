"""Turn an uploaded byte stream into text, detecting the encoding of Korean Excel CSVs (CP949/EUC-KR)."""

import codecs
from collections.abc import Iterator
from typing import BinaryIO

from charset_normalizer import from_bytes
from django.utils.translation import gettext as _

from datadam.core.errors import Invalid

SNIFF_BYTES = 64 * 1024


def encoding_name(declared: str) -> str:
    """The codec's canonical name (e.g. "euc-kr" → "euc_kr"), or Invalid for a name no codec has."""
    try:
        return codecs.lookup(declared).name
    except (LookupError, ValueError):
        raise Invalid(_("Unknown encoding %(name)s. Try utf-8 or cp949.") % {"name": declared[:40]}) from None


def encoding_detect(head: bytes, declared: str = "") -> str:
    """The declared encoding if it exists; else UTF-8 (BOM or not); else what charset-normalizer finds."""
    if declared:
        return encoding_name(declared)
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    # Korean files are UTF-8 or, from Excel, CP949 (a superset of EUC-KR): try those strictly first.
    for encoding in ("utf-8", "cp949"):
        try:
            codecs.getincrementaldecoder(encoding)().decode(head, final=False)
            return encoding
        except UnicodeDecodeError:
            continue
    best = from_bytes(head, cp_isolation=["utf_16", "utf_32", "johab"]).best()
    if best is None:
        raise Invalid(_("Could not tell the file's encoding. Choose it (for example cp949) and try again."))
    return codecs.lookup(best.encoding).name


def text_open(binary: BinaryIO, declared_encoding: str = "") -> tuple[Iterator[str], str]:
    """Text lines of a binary file, without reading it all: only the first 64 KiB are sniffed."""
    head = binary.read(SNIFF_BYTES)
    if not head.strip():
        raise Invalid(_("The file is empty."))
    binary.seek(0)
    encoding = encoding_detect(head, declared_encoding)
    return _decoded_lines(binary, encoding), encoding


def _decoded_lines(binary: BinaryIO, encoding: str) -> Iterator[str]:
    """Decode line by line, so a byte that is not in the encoding raises on the line that holds it.

    (A TextIOWrapper decodes 8 KiB at a time and would report the wrong line.)
    """
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    pending = ""
    for raw in binary:
        pending += decoder.decode(raw)
        *complete, pending = pending.split("\n")
        for line in complete:
            yield line + "\n"
    pending += decoder.decode(b"", final=True)
    if pending:
        yield pending
