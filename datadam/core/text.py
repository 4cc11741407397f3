"""Checks on untrusted JSON and JSON-like values that every app needs before it parses or stores them.

Every JSON the server reads from a person or a script (API bodies, form fields, imported lines, a model
server's answers) goes through `load_bounded_json`; every value a service stores goes through
`unstorable_reason`. Both walk values with an explicit stack, never by recursion, so a value nested 100,000
levels deep is refused with a message instead of a RecursionError.
"""

import json
import math
import re
from collections.abc import Callable, Iterable, Iterator

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from datadam.core.errors import JsonOutOfBounds

MAX_JSON_DEPTH = 32
MAX_JSON_BYTES = 10 * 1024 * 1024  # the same as Django's DATA_UPLOAD_MAX_MEMORY_SIZE for a request body
_SHOWN_STEPS = 10  # a path longer than this is cut with "…": its start says where to look
_SHOWN_KEY = 40

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
# The tokens that matter for nesting: a string (a key when a colon follows), a bracket, a comma.
_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"(\s*:)?|[\[\]{},]')

# Python's JSON reader explains a mistake in English; these are its messages in the person's language.
_JSON_PROBLEMS = {
    "Expecting value": gettext_lazy("a value is missing"),
    "Expecting ',' delimiter": gettext_lazy("a comma is missing"),
    "Expecting ':' delimiter": gettext_lazy("a colon is missing"),
    "Expecting property name enclosed in double quotes": gettext_lazy(
        "a name in double quotes is expected (or a comma is one too many)"
    ),
    "Unterminated string starting at": gettext_lazy("a text is not closed with a double quote"),
    "Invalid control character at": gettext_lazy("a text holds a line break or a tab"),
    "Extra data": gettext_lazy("something follows the end of the JSON"),
    "Invalid \\escape": gettext_lazy("a backslash escape is not valid"),
}

_CONTAINERS = (dict, list, tuple)
# A trail is the way down to a value: (parent's trail, key or index), None at the top.
Trail = tuple | None


def load_bounded_json(
    text: str | bytes,
    *,
    max_depth: int = MAX_JSON_DEPTH,
    max_bytes: int = MAX_JSON_BYTES,
    root: str = "$",
    parse_constant: Callable[[str], object] | None = None,
) -> object:
    """Parse JSON no larger than max_bytes and nested no deeper than max_depth containers.

    Raises JsonOutOfBounds (422) naming the path where a limit was passed, and json.JSONDecodeError (a
    ValueError) for text that is not JSON. `root` names the value in messages (a form field, a column);
    `parse_constant` is json.loads' own, for callers that refuse NaN and Infinity while parsing.
    """
    size = len(text)
    if isinstance(text, str) and size * 4 > max_bytes:  # up to four bytes a character: count them only then
        size = len(text.encode("utf-8", "surrogatepass"))
    if size > max_bytes:
        raise JsonOutOfBounds(
            _("%(root)s: the JSON is %(size)s, more than the %(limit)s allowed.")
            % {"root": root, "size": filesizeformat(size), "limit": filesizeformat(max_bytes)}
        )
    try:
        value = json.loads(text, parse_constant=parse_constant)
    except RecursionError:
        # Far too deep for the parser itself: find where it passed the limit in the text instead.
        raise JsonOutOfBounds(_too_deep(_trail_in_text(text, max_depth), max_depth, root)) from None
    check_depth(value, max_depth=max_depth, root=root)
    return value


def json_problem(exc: json.JSONDecodeError) -> str:
    """What is wrong with a JSON text, in the person's language, and where: "a comma is missing, column 14"."""
    words = _JSON_PROBLEMS.get(exc.msg, gettext_lazy("this is not JSON"))
    return _("%(problem)s, column %(column)d") % {"problem": words, "column": exc.colno}


def check_depth(value: object, *, max_depth: int = MAX_JSON_DEPTH, root: str = "$") -> None:
    """Raise JsonOutOfBounds when an already parsed value holds containers nested deeper than max_depth."""
    if (reason := depth_reason(value, max_depth=max_depth, root=root)) is not None:
        raise JsonOutOfBounds(reason)


def depth_reason(value: object, *, max_depth: int = MAX_JSON_DEPTH, root: str = "$") -> str | None:
    """Why a value is too deep ("$.a[0]…: nested deeper than 32 levels"), or None."""
    level = [value] if isinstance(value, _CONTAINERS) else []
    for _depth in range(max_depth):  # level by level, containers only: fast, and no recursion
        level = [child for node in level for child in _children(node) if isinstance(child, _CONTAINERS)]
    if not level:
        return None
    trail = next(trail for node, depth, trail in _walk(value) if depth > max_depth and isinstance(node, _CONTAINERS))
    return _too_deep(trail, max_depth, root)


def _children(node: object) -> Iterable:
    return node.values() if isinstance(node, dict) else node


def unstorable_reason(value: object) -> str | None:
    """Why a JSON-like value cannot be stored as is, or None when it can.

    PostgreSQL refuses U+0000 and lone surrogates (half of a UTF-16 pair) in text and jsonb, and no
    database's JSON holds NaN or Infinity. Values nested deeper than MAX_JSON_DEPTH are refused too, so no
    later reader (a template, an exporter, a comparison) runs out of stack. Each comes back as a message.
    """
    for node, depth, trail in _walk(value):
        if isinstance(node, str):
            reason = _text_reason(node)
        elif isinstance(node, float) and not math.isfinite(node):
            reason = _("Numbers must be finite (not NaN or Infinity).")
        elif depth > MAX_JSON_DEPTH and isinstance(node, _CONTAINERS):
            reason = _too_deep(trail, MAX_JSON_DEPTH, "$")
        else:
            reason = None
        if reason:
            return reason
    return None


def _text_reason(text: str) -> str | None:
    if "\x00" in text:
        return _("The text holds a NUL character, which cannot be stored.")
    if _LONE_SURROGATE.search(text):
        return _("The text holds a broken character (a lone surrogate), which cannot be stored.")
    return None


def _walk(value: object) -> Iterator[tuple[object, int, Trail]]:
    """Every value inside `value`, dict keys included, with its depth (containers above it, plus one for
    itself when it is a container) and its trail. An explicit stack: no recursion, whatever the depth."""
    stack: list[tuple[object, int, Trail]] = [(value, 1, None)]
    while stack:
        node, depth, trail = stack.pop()
        yield node, depth, trail
        # Children go on the stack last first, so they come off in the order they are written.
        if isinstance(node, dict):
            for key, child in reversed(node.items()):
                stack.append((child, depth + 1, (trail, key)))
                stack.append((key, depth, trail))
        elif isinstance(node, list | tuple):
            stack.extend((node[index], depth + 1, (trail, index)) for index in range(len(node) - 1, -1, -1))


def _trail_in_text(text: str | bytes, max_depth: int) -> Trail:
    """The trail to the first container nested deeper than max_depth, read from the JSON text with a stack."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    frames: list[list] = []  # per open container: [is_list, key or index]
    for token in _TOKEN.finditer(text):
        mark = token.group()
        if mark in "[{":
            if len(frames) >= max_depth:
                break
            frames.append([mark == "[", 0 if mark == "[" else None])
        elif mark in "]}":
            if frames:
                frames.pop()
        elif mark == ",":
            if frames and frames[-1][0]:
                frames[-1][1] += 1
        elif token.group(1) and frames:  # a key
            frames[-1][1] = _key(mark[: token.start(1) - token.start()])
    trail: Trail = None
    for _is_list, step in frames:
        trail = (trail, step)
    return trail


def _key(quoted: str) -> str:
    try:
        return json.loads(quoted)
    except ValueError:
        return quoted.strip('"')


def _too_deep(trail: Trail, max_depth: int, root: str) -> str:
    return _("%(path)s: nested deeper than %(limit)d levels.") % {"path": _path(trail, root), "limit": max_depth}


def _path(trail: Trail, root: str) -> str:
    steps = []
    while trail is not None:
        trail, step = trail
        steps.append(step)
    steps.reverse()
    shown = "".join(f"[{step}]" if isinstance(step, int) else _dotted(str(step)) for step in steps[:_SHOWN_STEPS])
    return root + shown + ("…" if len(steps) > _SHOWN_STEPS else "")


def _dotted(key: str) -> str:
    key = key if len(key) <= _SHOWN_KEY else key[:_SHOWN_KEY] + "…"
    return f".{key}" if key.isidentifier() else "[" + json.dumps(key, ensure_ascii=False) + "]"
