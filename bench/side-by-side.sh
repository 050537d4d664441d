#!/usr/bin/env bash
# Side by side, one client: `switchboard bench metrics` against the metrics server (memory and H2),
# Redis (RESP SET, no persistence), the Python asyncio reference server and the trivial MINA
# responder, each on a free loopback port, in turn, RUNS rounds; then each target's median
# puts/s and the ratios of the medians.
#
#   bench/side-by-side.sh [RUNS [PIPELINE [OPS [SECS]]]]      defaults: 5 16 1000000 20
#
# Needs a JDK 17, python3 and redis-server (Debian: apt-get install redis-server); run from the
# repository root. Every bench run is bounded by OPS puts and SECS seconds.
set -euo pipefail
RUNS=${1:-5}
PIPELINE=${2:-16}
OPS=${3:-1000000}
SECS=${4:-20}
CONNS=${CONNS:-50}
cd "$(dirname "$0")/.."
./switchboard --help > /dev/null            # builds the jar when it is missing or stale
JAR=bootstrap/target/switchboard.jar
. bench/common.sh

P_MEM=$(free_port); java -jar "$JAR" metrics-server --port "$P_MEM" > "$WORK/mem.log" 2>&1 & PIDS+=($!)
P_H2=$(free_port); java -jar "$JAR" metrics-server --port "$P_H2" --storage h2 --db "$WORK/h2/metrics" > "$WORK/h2.log" 2>&1 & PIDS+=($!)
P_REDIS=$(free_port); redis-server --port "$P_REDIS" --bind 127.0.0.1 --save '' --appendonly no > "$WORK/redis.log" 2>&1 & PIDS+=($!)
P_PY=$(free_port); python3 bench/reference/metrics_asyncio.py --port "$P_PY" > "$WORK/py.log" 2>&1 & PIDS+=($!)
P_TRIV=$(free_port); java -cp "$JAR" bench/reference/TrivialResponder.java "$P_TRIV" > "$WORK/triv.log" 2>&1 & PIDS+=($!)
for p in "$P_MEM" "$P_H2" "$P_REDIS" "$P_PY" "$P_TRIV"; do wait_port "$p"; done

run() { # name, bench arguments...
    local name=$1; shift
    local line
    line=$(java -jar "$JAR" bench metrics --conns "$CONNS" --pipeline "$PIPELINE" --ops "$OPS" --secs "$SECS" "$@" | tail -1)
    echo "$name $line"
    echo "$line" | sed -n 's/.*ops_per_sec=\([0-9]*\).*/\1/p' >> "$WORK/$name.rate"
}
for round in $(seq 1 "$RUNS"); do
    echo "# round $round"
    run switchboard --port "$P_MEM"
    run redis --redis --port "$P_REDIS"
    run python-asyncio --port "$P_PY"
    run trivial --port "$P_TRIV"
    run switchboard-h2 --port "$P_H2"
done
echo "# medians of $RUNS runs, puts/s (conns=$CONNS pipeline=$PIPELINE)"
M=$(median switchboard.rate)
for t in switchboard redis python-asyncio trivial switchboard-h2; do
    m=$(median "$t.rate")
    printf '%-16s %10s   switchboard/%s = %s\n' "$t" "$m" "$t" "$(awk -v a="$M" -v b="$m" 'BEGIN {printf "%.2f", (b > 0 ? a / b : 0)}')"
done
printf 'switchboard-h2/switchboard = %s\n' "$(awk -v a="$(median switchboard-h2.rate)" -v b="$M" 'BEGIN {printf "%.2f", (b > 0 ? a / b : 0)}')"
