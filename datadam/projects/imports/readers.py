"""Turn an uploaded byte stream into text, detecting the encoding of Korean Excel CSVs (CP949/EUC-KR)."""

import codecs
import io
from typing import BinaryIO

from charset_normalizer import from_bytes
from django.utils.translation import gettext as _

from datadam.core.errors import Invalid

SNIFF_BYTES = 64 * 1024


def encoding_detect(head: bytes, declared: str = "") -> str:
    """The declared encoding if it exists; else UTF-8 (BOM or not); else what charset-normalizer finds."""
    if declared:
        try:
            return codecs.lookup(declared).name
        except LookupError:
            raise Invalid(_("Unknown encoding %(name)s. Try utf-8 or cp949.") % {"name": declared}) from None
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(head, cp_isolation=["cp949", "euc_kr", "utf_16", "cp1252"]).best()
    if best is None:
        raise Invalid(_("Could not tell the file's encoding. Choose it (for example cp949) and try again."))
    return codecs.lookup(best.encoding).name


def text_open(binary: BinaryIO, declared_encoding: str = "") -> tuple[io.TextIOWrapper, str]:
    """Open a binary file as text without reading it all: only the first 64 KiB are sniffed."""
    head = binary.read(SNIFF_BYTES)
    if not head.strip():
        raise Invalid(_("The file is empty."))
    binary.seek(0)
    encoding = encoding_detect(head, declared_encoding)
    return io.TextIOWrapper(binary, encoding=encoding, errors="strict", newline=""), encoding
