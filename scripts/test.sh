#!/usr/bin/env bash
# The whole suite on SQLite; then, when PostgreSQL is installed, everything but the browser
# stories again on PostgreSQL, plus the browser smoke story.
set -euo pipefail
PY=${PY:-.venv/bin/python}
echo "== Front end: widget unit tests"
(cd frontend && npm test --silent)
echo "== SQLite: the whole suite"
"$PY" -m pytest "$@"
if ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1 || [[ -n "${DATADAM_DATABASE_URL:-}" ]]; then
  echo "== PostgreSQL: everything but the browser stories, plus the smoke story"
  scripts/with-postgres.sh "$PY" -m pytest -m "not e2e or smoke" "$@"
else
  echo "== PostgreSQL is not installed here: skipped (CI installs it)"
fi
