#!/usr/bin/env bash
# The fan-out benchmark's reference (issue 6): the kernel's own cost of carrying frames over loopback to many
# sockets on this machine, with no server or client work (KernelFloor.java). Bounded: runs [seconds] (10) and exits.
# Usage: benchmarks/logs/floor.sh [sockets 1000] [frame bytes 3700] [seconds 10] [reader threads 2]
set -euo pipefail
java="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
[[ -x "$java" ]] || java=java
exec "$java" -Xmx256m "$(dirname "$0")/KernelFloor.java" "$@"
