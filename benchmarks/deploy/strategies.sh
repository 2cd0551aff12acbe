#!/usr/bin/env bash
# Time from deploy start (upload accepted) to the new release serving all traffic (deployment
# `succeeded`), for examples/node and examples/java, per strategy (rolling, blue-green), with the
# packages already cached (each app is deployed once before measuring). 2 web instances each.
# Needs the built jars: ./mvnw -DskipTests package
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
. "$ROOT/bin/find-jdk.sh"
[ -f "$ROOT/server/target/coderunner-server.jar" ] || { echo "build first: ./mvnw -DskipTests package" >&2; exit 1; }
RUNS="${RUNS:-3}"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
now_ms() { date +%s%3N; }

WORK="$(mktemp -d)"
export CODERUNNER_HOME="$WORK/home" CODERUNNER_PORT="$(free_port)" CODERUNNER_ROUTER_PORT="$(free_port)" CODERUNNER_ADMIN_PASSWORD=bench
mkdir -p "$CODERUNNER_HOME"
"$ROOT/coderunner" server >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
cleanup() { # apps outlive the control plane by design: delete them first so their instances stop
  for example in node java; do curl -fs -X DELETE "${auth[@]}" "$API/apps/bench-$example" >/dev/null 2>&1 || true; done
  kill $SERVER_PID 2>/dev/null; wait $SERVER_PID 2>/dev/null; rm -rf "$WORK"
}
auth=()
trap cleanup EXIT
API="http://127.0.0.1:$CODERUNNER_PORT/api/v1"
for _ in $(seq 600); do curl -fs "http://127.0.0.1:$CODERUNNER_PORT/readyz" >/dev/null 2>&1 && break; sleep 0.2; done
TOKEN=$(curl -fs "$API/auth/login" -H 'Content-Type: application/json' -d '{"username":"admin","password":"bench"}' | sed 's/.*"accessToken":"\([^"]*\)".*/\1/')
auth=(-H "Authorization: Bearer $TOKEN")

deploy() { # app archive strategy → prints ms until succeeded
  local t0 id status
  t0=$(now_ms)
  id=$(curl -fs "${auth[@]}" -H 'Content-Type: application/gzip' --data-binary @"$2" "$API/apps/$1/envs/production/deployments?strategy=$3" | sed 's/.*"id":"\([^"]*\)".*/\1/')
  while :; do
    status=$(curl -fs "${auth[@]}" "$API/deployments/$id" | sed 's/.*"status":"\([^"]*\)".*/\1/')
    case "$status" in succeeded) break ;; failed|rolled-back|cancelled) echo "deployment $id $status" >&2; exit 1 ;; esac
    sleep 0.05
  done
  echo $(( $(now_ms) - t0 ))
}

printf "%-6s %-11s %s\n" app strategy "ms per run (upload accepted → succeeded)"
for example in node java; do
  tar -C "$ROOT/examples/$example" --exclude node_modules --exclude target --exclude .venv -czf "$WORK/$example.tar.gz" .
  curl -fs "${auth[@]}" -H 'Content-Type: application/json' -d "{\"name\":\"bench-$example\"}" "$API/apps" >/dev/null
  deploy "bench-$example" "$WORK/$example.tar.gz" rolling >/dev/null   # warm-up: fills npm / Maven caches
  curl -fs "${auth[@]}" -X PUT -H 'Content-Type: application/json' -d '{"web":2}' "$API/apps/bench-$example/envs/production/scale" >/dev/null
  for strategy in rolling blue-green; do
    times=()
    for _ in $(seq "$RUNS"); do times+=("$(deploy "bench-$example" "$WORK/$example.tar.gz" "$strategy")"); done
    printf "%-6s %-11s %s\n" "$example" "$strategy" "${times[*]}"
  done
done
