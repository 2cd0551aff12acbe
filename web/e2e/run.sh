#!/usr/bin/env bash
# Browser tests against a real control plane: starts the built server jar with a throw-away
# CODERUNNER_HOME and random ports, runs web/e2e/*.test.mjs in Debian's chromium, stops everything.
# Usage: bash web/e2e/run.sh   (after ./mvnw -pl web,server -am -DskipTests package)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
jar="$root/server/target/coderunner-server.jar"
[[ -f "$jar" ]] || { echo "missing $jar: build first (./mvnw -pl web,server -am -DskipTests package)" >&2; exit 2; }
[[ -x /usr/bin/chromium ]] || { echo "missing /usr/bin/chromium: apt-get install -y chromium" >&2; exit 2; }
java="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
[[ -x "$java" ]] || java=java

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
home="$(mktemp -d /tmp/coderunner-e2e.XXXXXX)"
port="$(free_port)"; router_port="$(free_port)"
password="e2e-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
mkdir -p "$here/artifacts"

cleanup() {
  [[ -n "${server_pid:-}" ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  pkill -f -- "$home" 2>/dev/null || true   # apps the server started live under the temp home
  rm -rf "$home"
}
trap cleanup EXIT

CODERUNNER_HOME="$home" CODERUNNER_PORT="$port" CODERUNNER_ROUTER_PORT="$router_port" \
  CODERUNNER_ADMIN_PASSWORD="$password" "$java" -jar "$jar" >"$here/artifacts/server.log" 2>&1 &
server_pid=$!

for _ in $(seq 1 120); do
  curl -fsS "http://localhost:$port/readyz" >/dev/null 2>&1 && break
  kill -0 "$server_pid" 2>/dev/null || { echo "server exited; see $here/artifacts/server.log" >&2; exit 1; }
  sleep 0.5
done
curl -fsS "http://localhost:$port/readyz" >/dev/null || { echo "server not ready" >&2; exit 1; }

# The sample app, as the archive a user would drop on the page.
tar -czf "$home/static.tar.gz" -C "$root/examples/static" .

export CR_URL="http://localhost:$port" CR_ROUTER_PORT="$router_port" CR_PASSWORD="$password" \
  CR_ARCHIVE="$home/static.tar.gz" CR_ARTIFACTS="$here/artifacts" CR_PROFILE_ROOT="$home"
cd "$here/.."
set +e
node --test --test-concurrency=1 "${@:-e2e/}"
status=$?
set -e
exit $status
