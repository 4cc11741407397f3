#!/usr/bin/env bash
# Copied code: any block of 8 or more lines that appears twice in datadam/ (migrations aside), counting
# neither imports, docstrings, comments nor signatures. Extract the shared helper into the lowest app
# that both copies may import (docs/architecture.md).
# pylint reports a block only when it is longer than --min-similarity-lines, so 7 here finds blocks of 8.
set -euo pipefail
PY=${PY:-.venv/bin/python}
exec "$PY" -m pylint datadam --disable=all --enable=duplicate-code --score=n \
  --min-similarity-lines=7 --ignore-imports=y --ignore-docstrings=y --ignore-comments=y --ignore-signatures=y \
  --ignore-paths='.*/migrations/.*'
