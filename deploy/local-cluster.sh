#!/usr/bin/env bash
# Two instances of the calculator behind HAProxy with the key ring in Redis, on loopback ports: the deployment of
# docs/deploy.md on one machine, for trying failover by hand and for the cluster tests.
#
#   deploy/local-cluster.sh up       install redis-server and HAProxy when missing (Debian), publish the app, start
#                                    Redis, two instances and HAProxy; waits until all answer. Starts only what is
#                                    not running, so it also brings back a killed instance.
#   deploy/local-cluster.sh status   one line per process; exit 0 when all run and both instances are ready, 3 otherwise
#   deploy/local-cluster.sh down     stops HAProxy, the instances (SIGTERM: they drain) and Redis; exit 0 when all stopped
#   deploy/local-cluster.sh stop-redis   stops Redis alone (a Redis outage: the instances keep serving); "up" restarts it
#
# Redis persists to an append-only file in CLUSTER_DIR, so the key ring survives its restarts.
#
# Environment (defaults): CLUSTER_DIR (artifacts/cluster) for pid files, logs and the published app;
# CLUSTER_PORT (8080) HAProxy; APP1_PORT (5101), APP2_PORT (5102); REDIS_PORT (6390);
# CLUSTER_SKIP_PUBLISH=1 to reuse the published app; CLUSTER_RATE_LIMIT (600) API requests a minute per client;
# CLUSTER_DRAIN_SECONDS (2) the instances' Shutdown:DrainSeconds; CLUSTER_APP_<setting> passes <setting> to both instances.
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=deploy/apt-install.sh
. "$ROOT/deploy/apt-install.sh"

DIR="${CLUSTER_DIR:-$ROOT/artifacts/cluster}"
export CLUSTER_BIND=127.0.0.1 CLUSTER_PORT="${CLUSTER_PORT:-8080}" APP1_PORT="${APP1_PORT:-5101}" APP2_PORT="${APP2_PORT:-5102}"
REDIS_PORT="${REDIS_PORT:-6390}"
PUBLISH="$DIR/publish"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

say() { printf 'cluster: %s\n' "$*"; }
pid_of() { [ -s "$DIR/$1.pid" ] && cat "$DIR/$1.pid"; }
running() { local pid; pid=$(pid_of "$1") && alive "$pid"; }
# Alive and not a zombie (a daemon's parent is PID 1, which may reap it late).
alive() { [ -r "/proc/$1/stat" ] && ! sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | grep -q '^[ZX]'; }
app_port() { if [ "$1" = app1 ]; then echo "$APP1_PORT"; else echo "$APP2_PORT"; fi; }
http_status() { curl -s -o /dev/null -m 2 -w '%{http_code}' "$1" 2>/dev/null || true; }

wait_until() { # seconds description command...
  local seconds=$1 what=$2; shift 2
  local deadline=$((SECONDS + seconds))
  until "$@"; do
    if [ $SECONDS -ge $deadline ]; then say "gave up waiting for $what after ${seconds} s"; return 1; fi
    sleep 0.3
  done
}

ensure_tools() {
  local missing=()
  command -v redis-server >/dev/null || missing+=(redis-server)
  command -v haproxy >/dev/null || missing+=(haproxy)
  command -v curl >/dev/null || missing+=(curl)
  [ ${#missing[@]} -eq 0 ] || apt_install "${missing[@]}"
}

publish() {
  if [ "${CLUSTER_SKIP_PUBLISH:-}" = 1 ] && [ -f "$PUBLISH/Baricitinib.Web.dll" ]; then return 0; fi
  say "publishing the app to $PUBLISH"
  dotnet publish "$ROOT/src/Baricitinib.Web/Baricitinib.Web.csproj" -c Release -o "$PUBLISH" -nologo -v quiet \
    > "$DIR/publish.log" 2>&1 || { cat "$DIR/publish.log"; say "publish failed"; return 1; }
}

start_redis() {
  running redis && return 0
  # Persistent (AOF, fsync every second): the key ring survives a Redis restart, so instances never split their keys.
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save "" --appendonly yes --appendfsync everysec --daemonize yes \
    --dir "$DIR" --pidfile "$DIR/redis.pid" --logfile "$DIR/redis.log" || return 1
  wait_until 10 "Redis on $REDIS_PORT" redis_answers
}
redis_answers() { [ "$(redis-cli -p "$REDIS_PORT" ping 2>/dev/null)" = PONG ]; }

start_app() { # app1|app2
  local name=$1 port; port=$(app_port "$1")
  running "$name" && return 0
  (
    cd "$PUBLISH" || exit 1
    # CLUSTER_APP_<setting>=value reaches both instances as <setting>=value (e.g. CLUSTER_APP_CdsHooks__PublicBaseUrl).
    for variable in $(compgen -e | grep '^CLUSTER_APP_' || true); do export "${variable#CLUSTER_APP_}=${!variable}"; done
    ASPNETCORE_URLS="http://127.0.0.1:$port" ASPNETCORE_ENVIRONMENT=Production \
    Redis__Configuration="127.0.0.1:$REDIS_PORT" ForwardedHeaders__KnownProxies__0=127.0.0.1 \
    RateLimiting__PermitsPerMinute="${CLUSTER_RATE_LIMIT:-600}" Shutdown__DrainSeconds="${CLUSTER_DRAIN_SECONDS:-2}" \
      exec dotnet Baricitinib.Web.dll < /dev/null >> "$DIR/$name.log" 2>&1
  ) &
  echo $! > "$DIR/$name.pid"
}
app_ready() { [ "$(http_status "http://127.0.0.1:$(app_port "$1")/healthz/ready")" = 200 ]; }

start_haproxy() {
  running haproxy && return 0
  haproxy -c -q -f "$ROOT/deploy/haproxy.cfg" || { say "haproxy.cfg is not valid"; return 1; }
  # A new log per start: HAProxy makes its stdout non-blocking, which clears O_APPEND, so it writes from offset 0.
  haproxy -db -f "$ROOT/deploy/haproxy.cfg" < /dev/null > "$DIR/haproxy.log" 2>&1 &
  echo $! > "$DIR/haproxy.pid"
  wait_until 10 "HAProxy on $CLUSTER_PORT" balancer_ready
}
balancer_ready() { [ "$(http_status "http://127.0.0.1:$CLUSTER_PORT/healthz/ready")" = 200 ]; }

up() {
  mkdir -p "$DIR"
  ensure_tools || return 1
  publish || return 1
  start_redis || return 1
  # One after the other: the first instance to start on an empty Redis creates the key ring's first key, and the
  # second finds it (started together, each would create one; both work, but the ring holds two).
  local name
  for name in app1 app2; do
    start_app "$name" || return 1
    wait_until 60 "$name ready on $(app_port "$name")" app_ready "$name" || { tail -n 20 "$DIR/$name.log"; return 1; }
  done
  start_haproxy || { tail -n 20 "$DIR/haproxy.log"; return 1; }
  # HAProxy marks a server up again only after "rise" checks: wait until both answer through it.
  wait_until 15 "both instances behind HAProxy" both_behind_balancer || return 1
  say "up: http://127.0.0.1:$CLUSTER_PORT (app1 :$APP1_PORT, app2 :$APP2_PORT, redis :$REDIS_PORT)"
}
both_behind_balancer() {
  local seen
  seen=$(for _ in 1 2 3 4; do curl -s -m 2 -o /dev/null -D - "http://127.0.0.1:$CLUSTER_PORT/healthz/live" | tr -d '\r' | sed -n 's/^set-cookie: SRV=\([a-z0-9]*\).*/\1/Ip'; done | sort -u | tr '\n' ' ')
  [ "$seen" = "app1 app2 " ]
}

stop_process() { # name seconds
  local name=$1 seconds=$2 pid
  pid=$(pid_of "$name") || { rm -f "$DIR/$name.pid"; return 0; }
  if alive "$pid"; then
    kill -TERM "$pid" 2>/dev/null
    wait_until "$seconds" "$name to stop" not_alive "$pid" || kill -KILL "$pid" 2>/dev/null
  fi
  rm -f "$DIR/$name.pid"
}
not_alive() { ! alive "$1"; }

down() {
  stop_process haproxy 5
  stop_process app1 40 & stop_process app2 40 & wait
  stop_redis
  local left=0 port
  for port in "$CLUSTER_PORT" "$APP1_PORT" "$APP2_PORT" "$REDIS_PORT"; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then say "port $port still answers"; left=1; fi
  done
  [ $left -eq 0 ] && say "down"
  return $left
}

stop_redis() {
  if running redis; then redis-cli -p "$REDIS_PORT" shutdown >/dev/null 2>&1; fi
  stop_process redis 5
}

status() {
  local all=0 name
  for name in redis app1 app2 haproxy; do
    if running "$name"; then
      case $name in
        app1|app2) if app_ready "$name"; then say "$name running, ready (pid $(pid_of "$name"))"; else say "$name running, not ready"; all=3; fi ;;
        *) say "$name running (pid $(pid_of "$name"))" ;;
      esac
    else
      say "$name stopped"; all=3
    fi
  done
  return $all
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  stop-redis) stop_redis ;;
  *) echo "usage: deploy/local-cluster.sh up|down|status|stop-redis" >&2; exit 2 ;;
esac
