#!/usr/bin/env bash
# The whole suite on SQLite; then, when PostgreSQL is installed, everything but the browser
# stories again on PostgreSQL, plus the browser smoke story.
set -euo pipefail
PY=${PY:-.venv/bin/python}
# One pytest-xdist worker per core; a file's tests stay together so module-scoped fixtures are built once.
PARALLEL=(-n "${DATADAM_TEST_WORKERS:-auto}" --dist loadfile)
echo "== Front end: widget unit tests"
(cd frontend && npm test --silent)
echo "== Import layers: apps import only from the layers below them (.importlinter)"
"$(dirname "$PY")/lint-imports"
echo "== Copied code: no block of 8 lines twice in datadam/ (scripts/duplicate-check.sh)"
PY="$PY" scripts/duplicate-check.sh
echo "== SQLite: the whole suite"
"$PY" -m pytest "${PARALLEL[@]}" "$@"
if ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1 || [[ -n "${DATADAM_DATABASE_URL:-}" ]]; then
  echo "== PostgreSQL: everything but the browser stories, plus the smoke story"
  scripts/with-postgres.sh "$PY" -m pytest "${PARALLEL[@]}" -m "not e2e or smoke" "$@"
else
  echo "== PostgreSQL is not installed here: skipped (CI installs it)"
fi
