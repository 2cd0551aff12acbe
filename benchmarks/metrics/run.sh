#!/usr/bin/env bash
# Metrics benchmarks (issue 8). Usage: benchmarks/metrics/run.sh [instances] [seconds]
# 1. Collection overhead: a control plane (the packaged jar) runs [instances] (50) cheap instances
#    (`sleep`) spread over 5 apps; over [seconds] (60) the CPU of its metrics-collector thread and of
#    the whole JVM is read from /proc, and the mean collection round from /metrics. Goal: < 2 % of a core.
# 2. Chart query: MetricsQueryBenchmark fills a store with 7 days of samples (1 environment, 10 instances)
#    and times GET …/metrics?range= over HTTP for every range. Goal: p99 < 50 ms.
# Cleans up: deletes its apps (which stops their instances), stops the server, removes its temp home.
set -euo pipefail
cd "$(dirname "$0")/../.."
INSTANCES=${1:-50}
WINDOW=${2:-60}
APPS=5
jar=server/target/coderunner-server.jar
[[ -f "$jar" ]] || ./mvnw -q -B -pl web,server -am -DskipTests package
java="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
[[ -x "$java" ]] || java=java

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
home="$(mktemp -d /tmp/coderunner-metrics-bench.XXXXXX)"
port="$(free_port)"; router_port="$(free_port)"; password="bench-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d " \n")"
base="http://127.0.0.1:$port"

cleanup() {
  if [[ -n "${token:-}" ]]; then
    for a in $(seq 1 $APPS); do curl -s -o /dev/null -X DELETE -H "Authorization: Bearer $token" "$base/api/v1/apps/mbench-$a" || true; done
  fi
  if [[ -n "${server_pid:-}" ]] && kill "$server_pid" 2>/dev/null; then
    for _ in $(seq 1 40); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$home"
}
trap cleanup EXIT

CODERUNNER_HOME="$home" CODERUNNER_PORT="$port" CODERUNNER_ROUTER_PORT="$router_port" CODERUNNER_ADMIN_PASSWORD="$password" \
  "$java" -jar "$jar" >"$home/server.log" 2>&1 &
server_pid=$!
deadline=$((SECONDS + 300))
until curl -fsS -m 2 "$base/readyz" >/dev/null 2>&1; do
  (( SECONDS < deadline )) || { echo "server not ready; see $home/server.log" >&2; exit 1; }
  sleep 1
done
# The admin user is created just after the server starts answering: retry the login for a while.
for _ in $(seq 1 60); do
  token=$(curl -fsS -H 'Content-Type: application/json' -d "{\"username\":\"admin\",\"password\":\"$password\"}" \
    "$base/api/v1/auth/login" 2>/dev/null | json 'd["accessToken"]' 2>/dev/null) && break
  sleep 1
done
[[ -n "${token:-}" ]] || { echo "could not log in; see $home/server.log" >&2; exit 1; }
auth=(-H "Authorization: Bearer $token")

mkdir -p "$home/src" && printf 'worker: sleep 100000\n' >"$home/src/Procfile"
tar -czf "$home/src.tar.gz" -C "$home/src" .
per_app=$((INSTANCES / APPS))
for a in $(seq 1 $APPS); do
  curl -fsS -o /dev/null "${auth[@]}" -H 'Content-Type: application/json' -d "{\"name\":\"mbench-$a\"}" "$base/api/v1/apps"
  id=$(curl -fsS "${auth[@]}" -H 'Content-Type: application/gzip' --data-binary @"$home/src.tar.gz" \
    "$base/api/v1/apps/mbench-$a/envs/production/deployments" | json 'd["id"]')
  until [[ "$(curl -fsS "${auth[@]}" "$base/api/v1/deployments/$id" | json 'd["status"]')" =~ ^(succeeded|failed|rolled-back|cancelled)$ ]]; do sleep 1; done
  curl -fsS -o /dev/null "${auth[@]}" -X PUT -H 'Content-Type: application/json' -d "{\"worker\":$per_app}" \
    "$base/api/v1/apps/mbench-$a/envs/production/scale"
done
running() {
  local n=0
  for a in $(seq 1 $APPS); do
    n=$((n + $(curl -fsS "${auth[@]}" "$base/api/v1/apps/mbench-$a/envs/production/instances" \
      | json 'sum(1 for i in d["items"] if i["state"] in ("running","healthy"))')))
  done
  echo $n
}
until [[ "$(running)" -ge $((per_app * APPS)) ]]; do sleep 2; done
sleep 15 # let every instance be sampled a few times

ticks() { sed 's/^.*) //' "$1" | awk '{print $12 + $13}'; }
collector=""
for t in /proc/$server_pid/task/*; do
  [[ "$(cat "$t/comm" 2>/dev/null)" == metrics-collect* ]] && collector="$t/stat"
done
[[ -n "$collector" ]] || { echo "no metrics-collector thread in $server_pid" >&2; exit 1; }
scrape() { curl -fsS "$base/metrics" | awk -v n="$1" '$1 == n {print $2}'; }
c0=$(ticks "$collector"); j0=$(ticks "/proc/$server_pid/stat")
s0=$(scrape coderunner_metrics_collection_seconds_sum); n0=$(scrape coderunner_metrics_collection_seconds_count)
sleep "$WINDOW"
c1=$(ticks "$collector"); j1=$(ticks "/proc/$server_pid/stat")
s1=$(scrape coderunner_metrics_collection_seconds_sum); n1=$(scrape coderunner_metrics_collection_seconds_count)
python3 - "$c0" "$c1" "$j0" "$j1" "$s0" "$s1" "$n0" "$n1" "$WINDOW" "$(running)" <<'PY'
import sys
c0, c1, j0, j1, s0, s1, n0, n1, window, running = map(float, sys.argv[1:])
print(f"COLLECTION instances={int(running)} window={int(window)}s rounds={int(n1 - n0)}")
print(f"COLLECTION collector thread CPU = {(c1 - c0) / 100 / window * 100:.2f} % of one core (goal < 2 %)")
print(f"COLLECTION mean round (wall, incl. database write) = {(s1 - s0) / max(1, n1 - n0) * 1000:.1f} ms")
print(f"COLLECTION whole control plane JVM CPU = {(j1 - j0) / 100 / window * 100:.2f} % of one core (everything it does, for context)")
PY
cleanup
trap - EXIT

./mvnw -q -B -Dweb.skip -pl server -am verify -Dtest=MetricsQueryBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dmetrics.bench=true -Dmetrics.bench.instances="${QUERY_INSTANCES:-10}" -Dmetrics.bench.rounds="${QUERY_ROUNDS:-200}" >/dev/null 2>&1 || true
grep -h -E "^(FILL|QUERY|SERVICE|DISK)" server/target/surefire-reports/dev.coderunner.metrics.MetricsQueryBenchmark-output.txt
