#!/usr/bin/env bash
# WebSocket benchmarks of the logs channel (issue 6), against the real server jar in its own process.
# Usage: benchmarks/logs/ws.sh [latency|fanout|all] [seconds]
# latency: one subscriber, the app writes 10,000 numbered lines/s (LATENCY_RATE) with their write time;
#          write → WebSocket receipt p50/p99 (goal p50 < 2 ms, p99 < 10 ms).
# fanout:  1,000 subscribers (FANOUT_SUBSCRIBERS) on one environment, 1,000 lines/s (FANOUT_RATE):
#          every subscriber must get every line once; p99 (goal < 50 ms); the server's RSS before/after.
# Needs server/target/coderunner-server.jar (built with -Dweb.skip if missing), python3 for the app,
# JDK 21+. Starts the server on free ports with a throw-away CODERUNNER_HOME, with the JVM options of
# `./coderunner server` (SERVER_JVM_OPTS read from that launcher, so it measures what users run; add
# more with SERVER_JAVA_OPTS). The client connects with ?batch=1 (WS_BATCH=0: one message per frame).
# The client deletes its app; the server is stopped and anything left under the temp home is killed by pid.
set -euo pipefail
cd "$(dirname "$0")/../.."
root="$(pwd)"
what="${1:-all}"
seconds="${2:-30}"
java="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
[[ -x "$java" ]] || java=java
jar="$root/server/target/coderunner-server.jar"
[[ -f "$jar" ]] || ./mvnw -q -B -pl server -am -Dweb.skip -DskipTests package

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
home="$(mktemp -d /tmp/coderunner-wsbench.XXXXXX)"
port="$(free_port)"; router_port="$(free_port)"
password="bench-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"

cleanup() {
  if [[ -n "${server_pid:-}" ]] && kill "$server_pid" 2>/dev/null; then
    for _ in $(seq 1 40); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  # Apps the server started run from the temp home: kill any left, each by its pid.
  for p in /proc/[0-9]*; do
    pid="${p#/proc/}"
    [[ "$pid" == "$$" ]] && continue
    cmd="$(tr '\0' ' ' 2>/dev/null <"$p/cmdline")" || continue
    if [[ "$cmd" == *"$home"* || "$(readlink "$p/cwd" 2>/dev/null)" == "$home"* ]]; then
      kill -9 "$pid" 2>/dev/null || true
    fi
  done
  rm -rf "$home"
}
trap cleanup EXIT
trap 'exit 143' TERM
trap 'exit 130' INT

# The launcher's options, e.g. SERVER_JVM_OPTS=(-XX:+UseParallelGC -Xms96m -Xmn64m …), not a copy that drifts from them.
eval "$(grep -m1 '^SERVER_JVM_OPTS=(' coderunner)"
echo "server JVM options: ${SERVER_JVM_OPTS[*]} ${SERVER_JAVA_OPTS:-}"
CODERUNNER_HOME="$home" CODERUNNER_PORT="$port" CODERUNNER_ROUTER_PORT="$router_port" CODERUNNER_ADMIN_PASSWORD="$password" \
  "$java" "${SERVER_JVM_OPTS[@]}" ${SERVER_JAVA_OPTS:-} -jar "$jar" >"$home/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 300); do
  curl -fsS -m 2 "http://localhost:$port/readyz" >/dev/null 2>&1 && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$home/server.log"; exit 1; }
  sleep 0.5
done
echo "server ready (pid $server_pid, port $port); load average: $(cut -d' ' -f1-3 /proc/loadavg)"

mkdir -p "$home/app"
cp benchmarks/logs/writer.py "$home/app/"
printf 'web: python3 -u writer.py\n' >"$home/app/Procfile"
tar -czf "$home/app.tar.gz" -C "$home/app" .

bench() { timeout -k 10 $(( seconds + 400 )) "$java" -Xss512k -Xmx2g benchmarks/logs/WsBench.java "http://localhost:$port" "$password" "$home/app.tar.gz" "$server_pid" "$@"; }
if [[ "$what" == latency || "$what" == all ]]; then
  bench 1 "${LATENCY_RATE:-10000}" "$seconds"
  echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
fi
if [[ "$what" == fanout || "$what" == all ]]; then
  bench "${FANOUT_SUBSCRIBERS:-1000}" "${FANOUT_RATE:-1000}" "$seconds"
  echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
fi
echo "dropped WebSocket events (server): $(curl -fsS -m 10 "http://localhost:$port/metrics" | grep -E '^coderunner_ws_dropped_events_total' | awk '{print $2}')"
