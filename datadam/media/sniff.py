"""What a file really is, from its first bytes; never from its name or what the uploader claimed."""

from pathlib import PurePath

HEAD_BYTES = 512

# Types a browser may show inline: raster images and audio, which cannot run scripts.
INLINE_TYPES = {
    "image/png",
    "image/jpeg",
    "image/gif",
    "image/webp",
    "image/bmp",
    "audio/wav",
    "audio/flac",
    "audio/ogg",
    "audio/mpeg",
    "audio/webm",
}
KINDS = {content_type: content_type.split("/")[0] for content_type in INLINE_TYPES} | {"image/tiff": "image"}
EXTENSIONS = {
    "image/png": {".png"},
    "image/jpeg": {".jpg", ".jpeg", ".jpe", ".jfif"},
    "image/gif": {".gif"},
    "image/webp": {".webp"},
    "image/bmp": {".bmp"},
    "image/tiff": {".tif", ".tiff"},
    "audio/wav": {".wav", ".wave"},
    "audio/flac": {".flac"},
    "audio/ogg": {".ogg", ".oga", ".opus"},
    "audio/mpeg": {".mp3"},
    "audio/webm": {".webm", ".weba"},
    "image/svg+xml": {".svg", ".svgz"},
    "text/html": {".html", ".htm"},
}
KNOWN_EXTENSIONS = {ext: content_type for content_type, exts in EXTENSIONS.items() for ext in exts}


def content_type_sniff(head: bytes) -> str:
    """The content type the bytes show, or application/octet-stream when they show none we know."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head[:4] in (b"RIFF", b"RIFX", b"RF64") and head[8:12] == b"WAVE":
        return "audio/wav"
    if head.startswith(b"BM") and len(head) > 14:
        return "image/bmp"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "image/tiff"
    if head.startswith(b"fLaC"):
        return "audio/flac"
    if head.startswith(b"OggS"):
        return "audio/ogg"
    if head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0):
        return "audio/mpeg"
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return "audio/webm"
    return _markup_sniff(head)


def _markup_sniff(head: bytes) -> str:
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith(b"<") and b"<svg" in text:
        return "image/svg+xml"
    if text.startswith((b"<!doctype html", b"<html", b"<script", b"<body", b"<head")):
        return "text/html"
    if text.startswith(b"<?xml") or text.startswith(b"<"):
        return "text/xml"
    return "application/octet-stream"


def kind_of(content_type: str) -> str:
    return KINDS.get(content_type, "other")


def name_mismatch(file_name: str, content_type: str) -> bool:
    """True when the name's extension says another known type than the bytes do (bytes of no known type are
    reported as unreadable instead)."""
    if content_type == "application/octet-stream":
        return False
    ext = PurePath(file_name).suffix.lower()
    claimed = KNOWN_EXTENSIONS.get(ext)
    return claimed is not None and claimed != content_type
