#!/usr/bin/env bash
# Measures, against a real control plane started here on random local ports:
#   * control-plane start-up time (process start → /readyz answers; the first start, then RESTARTS more,
#     default 3) and idle RSS;
#   * time from `coderunner deploy` of examples/node (packages cached: second deploy)
#     to the first 200 through the router. Goal: under 5 s.
# Needs the built jars: ./mvnw -DskipTests package
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
. "$ROOT/bin/find-jdk.sh"
JAR="$ROOT/server/target/coderunner-server.jar"
[ -f "$JAR" ] || { echo "build first: ./mvnw -DskipTests package" >&2; exit 1; }
RUNS="${RUNS:-3}"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
now_ms() { date +%s%3N; }

WORK="$(mktemp -d)"
export CODERUNNER_HOME="$WORK/home" CODERUNNER_PORT="$(free_port)" CODERUNNER_ROUTER_PORT="$(free_port)"
export CODERUNNER_ADMIN_PASSWORD="bench-password" CODERUNNER_CONFIG="$WORK/cli.json" XDG_CACHE_HOME="$WORK/cache"
mkdir -p "$CODERUNNER_HOME" "$XDG_CACHE_HOME"
SERVER_PID=""
RESTARTS=${RESTARTS:-3}   # starts measured after the first (start-up varies from start to start)
cleanup() { # apps outlive the control plane by design: delete the app first so its instances stop
  "$ROOT/coderunner" apps:destroy bench --confirm bench >/dev/null 2>&1 || true
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
  pkill -f "$CODERUNNER_HOME" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

start_server() { # sets SERVER_PID and STARTUP_MS
  local t0; t0=$(now_ms)
  "$ROOT/coderunner" server >"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  until curl -fs "http://127.0.0.1:$CODERUNNER_PORT/readyz" >/dev/null 2>&1; do
    sleep 0.05
    if [ $(( $(now_ms) - t0 )) -gt 120000 ]; then echo "server did not start" >&2; cat "$WORK/server.log" >&2; exit 1; fi
  done
  STARTUP_MS=$(( $(now_ms) - t0 ))
}

echo "== control plane start-up"
start_server; echo "first start (includes preparing the class cache once per build): ${STARTUP_MS} ms"
for i in $(seq 2 $((RESTARTS + 1))); do
  kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true
  start_server; echo "start $i (class cache reused): ${STARTUP_MS} ms"
done
sleep 5
rss_kb=$(awk '/VmRSS/ {print $2}' "/proc/$SERVER_PID/status")
echo "idle RSS after start-up: $(( rss_kb / 1024 )) MiB"

CR="$ROOT/coderunner"
echo "$CODERUNNER_ADMIN_PASSWORD" | "$CR" login --server "http://127.0.0.1:$CODERUNNER_PORT" -u admin --password-stdin >/dev/null
cp -r "$ROOT/examples/node" "$WORK/node"
cd "$WORK/node"
"$CR" create bench >/dev/null
echo "== deploy examples/node (warm-up deploy, fills the npm cache)"
"$CR" deploy >/dev/null
echo "== deploy → first 200 through the router, $RUNS runs"
for i in $(seq "$RUNS"); do
  echo "// run $i" >> index.js
  t0=$(now_ms)
  "$CR" deploy >/dev/null
  until [ "$(curl -s -o /dev/null -w '%{http_code}' -H 'Host: bench.localhost' "http://127.0.0.1:$CODERUNNER_ROUTER_PORT/")" = 200 ]; do sleep 0.02; done
  echo "run $i: $(( $(now_ms) - t0 )) ms (deploy command exited and the router answered 200)"
done
