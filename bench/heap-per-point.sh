#!/usr/bin/env bash
# Heap per stored point of the in-memory metrics store, whole process: starts metrics-server on
# a free loopback port, reads the heap in use after a full GC, stores POINTS points over KEYS
# keys with `switchboard bench metrics`, reads the heap after a full GC again, and prints
# (after - before) / POINTS.
#
#   bench/heap-per-point.sh [POINTS [KEYS]]      defaults: 10000000 10000
set -euo pipefail
POINTS=${1:-10000000}
KEYS=${2:-10000}
cd "$(dirname "$0")/.."
./switchboard --help > /dev/null
JAR=bootstrap/target/switchboard.jar
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
java -Xmx4g -jar "$JAR" metrics-server --port "$PORT" > /dev/null 2>&1 &
PID=$!
trap 'kill $PID 2> /dev/null || true' EXIT
for _ in $(seq 1 300); do
    python3 -c "import socket; socket.create_connection(('127.0.0.1', $PORT), 1)" 2> /dev/null && break
    sleep 0.1
done
used() { # heap in use after a full GC, bytes
    jcmd "$PID" GC.run > /dev/null
    jcmd "$PID" GC.heap_info | sed -n 's/.*total [0-9]*K, used \([0-9]*\)K.*/\1/p' | head -1 | awk '{print $1 * 1024}'
}
BEFORE=$(used)
java -jar "$JAR" bench metrics --port "$PORT" --ops "$POINTS" --keys "$KEYS" --secs 600
AFTER=$(used)
echo "points=$POINTS keys=$KEYS heap_before=$BEFORE heap_after=$AFTER bytes_per_point=$(awk -v a="$AFTER" -v b="$BEFORE" -v n="$POINTS" 'BEGIN {printf "%.2f", (a - b) / n}')"
