"""Turn an uploaded byte stream into text, detecting the encoding of Korean Excel CSVs (CP949/EUC-KR)."""

import codecs
from collections.abc import Iterator
from typing import BinaryIO

from charset_normalizer import from_bytes
from django.utils.translation import gettext as _

from datadam.core.errors import Invalid

SNIFF_BYTES = 64 * 1024  # what charset-normalizer looks at when neither Korean encoding fits
READ_BYTES = 1024 * 1024
KOREAN_ENCODINGS = ("utf-8", "cp949")  # Korean files are UTF-8 or, from Excel, CP949 (a superset of EUC-KR)


def encoding_name(declared: str) -> str:
    """The codec's canonical name (e.g. "euc-kr" → "euc_kr"), or Invalid for a name no codec has."""
    try:
        return codecs.lookup(declared).name
    except (LookupError, ValueError):
        raise Invalid(_("Unknown encoding %(name)s. Try utf-8 or cp949.") % {"name": declared[:40]}) from None


def encoding_detect(binary: BinaryIO, declared: str = "") -> str:
    """The declared encoding if it exists; else UTF-8 with a BOM; else the first of UTF-8 and CP949 that decodes
    the whole file (a file whose Korean starts after thousands of ASCII lines is still CP949); else the first
    that decodes the start, so that reading names the line that breaks; else what charset-normalizer finds.

    Reads the whole file once or twice, a block at a time, and leaves it at its start."""
    if declared:
        return encoding_name(declared)
    head = binary.read(SNIFF_BYTES)
    binary.seek(0)
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    for encoding in KOREAN_ENCODINGS:
        if _decodes(binary, encoding):
            return encoding
    for encoding in KOREAN_ENCODINGS:
        try:
            codecs.getincrementaldecoder(encoding)().decode(head, final=False)
            return encoding
        except UnicodeDecodeError:
            continue
    best = from_bytes(head, cp_isolation=["utf_16", "utf_32", "johab"]).best()
    if best is None:
        raise Invalid(_("Could not tell the file's encoding. Choose it (for example cp949) and try again."))
    return codecs.lookup(best.encoding).name


def _decodes(binary: BinaryIO, encoding: str) -> bool:
    """Whether every byte of the file is text in the encoding; the file is left at its start."""
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    try:
        while block := binary.read(READ_BYTES):
            decoder.decode(block)
        decoder.decode(b"", final=True)
        return True
    except UnicodeDecodeError:
        return False
    finally:
        binary.seek(0)


def text_open(binary: BinaryIO, declared_encoding: str = "") -> tuple[Iterator[str], str]:
    """Text lines of a binary file, decoded as they are read (the detection reads the file, but keeps none of it)."""
    head = binary.read(SNIFF_BYTES)
    if not head.strip():
        raise Invalid(_("The file is empty."))
    binary.seek(0)
    encoding = encoding_detect(binary, declared_encoding)
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
