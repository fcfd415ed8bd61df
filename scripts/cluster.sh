#!/usr/bin/env bash
# The portal as a small cluster on one box, from Debian's packages (docs/deploy.md, "A cluster on one box"):
#   nginx (least_conn) on 127.0.0.1:$CLUSTER_PORT in front of three gunicorn instances,
#   PgBouncer (transaction mode) in front of the local PostgreSQL, with a database of its own,
#   the Redis already running on 127.0.0.1:6379 (a database number of its own; no other Redis is started),
#   and two queue workers under `nice`.
#
#   scripts/cluster.sh up       start what is not running yet (migrates, collects static files; seeds a new database)
#   scripts/cluster.sh down     stop what `up` started, by the PID files in .cluster/, and nothing else
#   scripts/cluster.sh status   list each part and whether it runs
#
# It installs nothing itself: `scripts/system_deps.sh cluster` installs nginx, pgbouncer and wrk (as root).
# Settings, all optional: CLUSTER_PORT (8480), CLUSTER_GUNICORN_WORKERS (2 per instance), CLUSTER_PGBOUNCER_PORT
# (6432), CLUSTER_DATABASE (danvan_cluster), CLUSTER_PG (postgres://postgres@127.0.0.1:5432), CLUSTER_REDIS_URL
# (redis://127.0.0.1:6379/3), CLUSTER_TASKS_BACKEND (rq, or db), CLUSTER_SEED_SCALE (1), PYTHON.
# The portal's environment is written to .cluster/env, which the benchmark (bench/bench_cluster.py) reads.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
RUN="$ROOT/.cluster"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"
PORT="${CLUSTER_PORT:-8480}"
WEB_PORTS=("$((PORT + 1))" "$((PORT + 2))" "$((PORT + 3))")
WEB_WORKERS="${CLUSTER_GUNICORN_WORKERS:-2}"
PGB_PORT="${CLUSTER_PGBOUNCER_PORT:-6432}"
DB="${CLUSTER_DATABASE:-danvan_cluster}"
PG="${CLUSTER_PG:-postgres://postgres@127.0.0.1:5432}"
REDIS_URL="${CLUSTER_REDIS_URL:-redis://127.0.0.1:6379/3}"
TASKS_BACKEND="${CLUSTER_TASKS_BACKEND:-rq}"
WORKERS=2

say() { echo "cluster: $*"; }

alive() { # alive NAME: the process of .cluster/NAME.pid runs
  local file="$RUN/$1.pid"
  [ -s "$file" ] && kill -0 "$(cat "$file")" 2>/dev/null
}

portal_env() { # the portal's environment, for this shell's children
  set -a
  # shellcheck disable=SC1091
  . "$RUN/env"
  set +a
}

write_env() {
  [ -s "$RUN/secret" ] || "$PYTHON" -c "import secrets; print(secrets.token_urlsafe(50))" >"$RUN/secret"
  cat >"$RUN/env" <<EOF
DJANGO_SETTINGS_MODULE=danvan.settings
DATABASE_URL=postgres://postgres@127.0.0.1:$PGB_PORT/$DB
DIRECT_DATABASE_URL=$PG/$DB
PGBOUNCER=1
REDIS_URL=$REDIS_URL
TASKS_BACKEND=$TASKS_BACKEND
SECRET_KEY=$(cat "$RUN/secret")
DEBUG=0
HTTPS=0
ALLOWED_HOSTS=127.0.0.1,localhost
MEDIA_ROOT=$RUN/media
STATIC_ROOT=$RUN/static
LOG_LEVEL=WARNING
CLUSTER_URL=http://127.0.0.1:$PORT
EOF
}

prepare_database() { # the demo data is seeded once, when the database is created
  local base="${PG%/}" created=""
  if ! psql "$base/postgres" -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1; then
    say "tạo cơ sở dữ liệu $DB"
    psql "$base/postgres" -qc "CREATE DATABASE $DB"
    # Through PgBouncer in transaction mode the session keeps no time zone of its own: the database's is UTC.
    psql "$base/postgres" -qc "ALTER DATABASE $DB SET timezone TO 'UTC'"
    created=1
  fi
  say "migrate, collectstatic (trực tiếp vào PostgreSQL)"
  DATABASE_URL="$base/$DB" "$PYTHON" "$ROOT/manage.py" migrate --noinput -v0
  "$PYTHON" "$ROOT/manage.py" collectstatic --noinput -v0
  if [ -n "$created" ]; then
    say "seed_demo --scale ${CLUSTER_SEED_SCALE:-1}"
    DATABASE_URL="$base/$DB" "$PYTHON" "$ROOT/manage.py" seed_demo --force --scale "${CLUSTER_SEED_SCALE:-1}" >/dev/null
  fi
}

start_pgbouncer() {
  alive pgbouncer && return
  local dir="$RUN/pgbouncer" pg_host pg_port
  pg_host="$(echo "$PG" | sed -E 's#.*@([^:/]+).*#\1#')"
  pg_port="$(echo "$PG" | sed -nE 's#.*:([0-9]+)$#\1#p')"
  mkdir -p "$dir"
  echo '"postgres" ""' >"$dir/userlist.txt"
  cat >"$dir/pgbouncer.ini" <<EOF
[databases]
$DB = host=$pg_host port=${pg_port:-5432} dbname=$DB user=postgres

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $PGB_PORT
unix_socket_dir =
auth_type = trust
auth_file = $dir/userlist.txt
pool_mode = transaction
max_client_conn = 400
default_pool_size = 20
ignore_startup_parameters = extra_float_digits
pidfile = $dir/pgbouncer.pid
logfile = $RUN/log/pgbouncer.log
EOF
  local as_user=()
  if [ "$(id -u)" -eq 0 ]; then # PgBouncer refuses to run as root: it switches to the postgres account
    chown -R postgres "$dir"
    touch "$RUN/log/pgbouncer.log" && chown postgres "$RUN/log/pgbouncer.log"
    as_user=(-u postgres)
  fi
  pgbouncer -d "${as_user[@]}" "$dir/pgbouncer.ini" 9>&-
  for _ in $(seq 50); do [ -s "$dir/pgbouncer.pid" ] && break; sleep 0.1; done
  ln -sf "$dir/pgbouncer.pid" "$RUN/pgbouncer.pid"
  say "PgBouncer trên 127.0.0.1:$PGB_PORT (transaction) → PostgreSQL $DB"
}

start_gunicorn() {
  local config=()
  [ -f "$ROOT/gunicorn.conf.py" ] && config=(-c "$ROOT/gunicorn.conf.py")
  for i in 0 1 2; do
    local name="web-$((i + 1))"
    alive "$name" && continue
    (cd "$ROOT" && portal_env && "$PYTHON" -m gunicorn "${config[@]}" danvan.wsgi \
      --bind "127.0.0.1:${WEB_PORTS[$i]}" --workers "$WEB_WORKERS" --threads 1 --timeout 300 \
      --pid "$RUN/$name.pid" --daemon --access-logfile "$RUN/log/$name-access.log" \
      --error-logfile "$RUN/log/$name.log" --log-level warning 9>&-)
  done
  say "gunicorn ×3 trên ${WEB_PORTS[*]} ($WEB_WORKERS tiến trình mỗi máy)"
}

start_nginx() {
  alive nginx && return
  local dir="$RUN/nginx" user_line=""
  mkdir -p "$dir/tmp"
  [ "$(id -u)" -eq 0 ] && user_line="user root;"
  cat >"$dir/nginx.conf" <<EOF
$user_line
worker_processes 1;
pid $RUN/nginx.pid;
error_log $RUN/log/nginx-error.log warn;
events { worker_connections 1024; }
http {
  include /etc/nginx/mime.types;
  access_log $RUN/log/nginx-access.log;
  client_body_temp_path $dir/tmp/body;
  proxy_temp_path $dir/tmp/proxy;
  fastcgi_temp_path $dir/tmp/fastcgi;
  uwsgi_temp_path $dir/tmp/uwsgi;
  scgi_temp_path $dir/tmp/scgi;
  upstream portal {
    least_conn;
    server 127.0.0.1:${WEB_PORTS[0]} max_fails=1 fail_timeout=5s;
    server 127.0.0.1:${WEB_PORTS[1]} max_fails=1 fail_timeout=5s;
    server 127.0.0.1:${WEB_PORTS[2]} max_fails=1 fail_timeout=5s;
    keepalive 16;
  }
  server {
    listen 127.0.0.1:$PORT;
    client_max_body_size 30m;
    location /static/ { alias $RUN/static/; expires 7d; }
    location / {
      proxy_pass http://portal;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
      # An instance that refuses or drops the connection (stopped, restarting): the request goes to the next.
      # nginx never resends a POST it has already sent.
      proxy_next_upstream error timeout;
      proxy_connect_timeout 2s;
      proxy_read_timeout 300s;
    }
  }
}
EOF
  nginx -e "$RUN/log/nginx-error.log" -p "$dir" -c "$dir/nginx.conf" 9>&-
  say "nginx (least_conn) trên http://127.0.0.1:$PORT"
}

start_workers() {
  local command=(manage.py rqworker)
  [ "$TASKS_BACKEND" = "db" ] && command=(manage.py db_worker --no-reload)
  for i in $(seq "$WORKERS"); do
    local name="worker-$i"
    alive "$name" && continue
    (cd "$ROOT" && portal_env && exec nohup nice -n 10 "$PYTHON" "${command[@]}" \
      >>"$RUN/log/$name.log" 2>&1 </dev/null 9>&-) &
    echo $! >"$RUN/$name.pid"
  done
  say "$WORKERS máy chạy nền ($TASKS_BACKEND) dưới nice -n 10"
}

wait_ready() { # every instance, then nginx, answers /healthz
  local port
  for port in "${WEB_PORTS[@]}" "$PORT"; do
    for _ in $(seq 120); do
      curl -fsS -o /dev/null "http://127.0.0.1:$port/healthz" 2>/dev/null && continue 2
      sleep 0.5
    done
    say "127.0.0.1:$port không trả lời /healthz sau 60 giây; xem $RUN/log/" >&2
    exit 1
  done
}

up() {
  bash "$ROOT/scripts/system_deps.sh" cluster
  "$PYTHON" -c "import redis, sys; redis.Redis.from_url(sys.argv[1]).ping()" "$REDIS_URL" 2>/dev/null \
    || { say "Redis không chạy ở $REDIS_URL: hãy bật Redis (cụm không tự chạy Redis)" >&2; exit 1; }
  mkdir -p "$RUN/log" "$RUN/media" "$RUN/static"
  write_env
  (portal_env && prepare_database)
  start_pgbouncer
  start_gunicorn
  start_nginx
  start_workers
  wait_ready
  say "sẵn sàng: http://127.0.0.1:$PORT (scripts/cluster.sh down để dừng)"
}

stop() { # stop NAME: TERM the process of its PID file, KILL it after 30 s, forget the file
  local file="$RUN/$1.pid" pid
  [ -s "$file" ] || return 0
  pid="$(cat "$file")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
    say "đã dừng $1 ($pid)"
  fi
  rm -f "$file"
}

down() {
  for name in worker-1 worker-2 nginx web-1 web-2 web-3 pgbouncer; do stop "$name"; done
}

status() {
  for name in nginx web-1 web-2 web-3 pgbouncer worker-1 worker-2; do
    if alive "$name"; then echo "$name: chạy ($(cat "$RUN/$name.pid"))"; else echo "$name: dừng"; fi
  done
}

one_at_a_time() { # two `up` at once would migrate twice and start everything twice (fd 9: not inherited by the parts)
  mkdir -p "$RUN"
  exec 9>"$RUN/lock"
  flock -n 9 || { say "một lệnh cluster.sh khác đang chạy" >&2; exit 1; }
}

case "${1:-}" in
  up) one_at_a_time && up ;;
  down) one_at_a_time && down ;;
  status) status ;;
  *)
    echo "Cách dùng: scripts/cluster.sh up|down|status" >&2
    exit 2
    ;;
esac
