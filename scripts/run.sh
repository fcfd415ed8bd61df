#!/usr/bin/env bash
# Serve the portal with its background worker: runserver and `manage.py db_worker` side by side.
# Ctrl+C (or either process ending) stops both; the worker is never left running on its own.
#   scripts/run.sh PYTHON HOST:PORT
set -u
PY=${1:?python}
ADDRESS=${2:?host:port}

"$PY" manage.py db_worker &
WORKER=$!
"$PY" manage.py runserver "$ADDRESS" &
WEB=$!

stop() {
  trap - INT TERM EXIT
  # With DEBUG both reload on code changes, working in a child process: stop the children with their parents.
  pkill -TERM -P "$WEB" 2>/dev/null
  pkill -TERM -P "$WORKER" 2>/dev/null
  kill -TERM "$WEB" "$WORKER" 2>/dev/null
  wait "$WEB" "$WORKER" 2>/dev/null
}
trap stop INT TERM EXIT

# Return as soon as either ends (runserver stopped, or the worker died): the trap stops the other.
wait -n "$WEB" "$WORKER"
