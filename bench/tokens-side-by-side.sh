#!/usr/bin/env bash
# Side by side, one client: `switchboard bench tokens` against the token server, the Python asyncio
# reference (bench/reference/tokens_asyncio.py) and the trivial MINA responder
# (bench/reference/TokensResponder.java), each on a free loopback port, in turn, RUNS rounds; each
# run after a warm-up of WARMUP tokens on the same connections' server; then each target's median
# tokens/s, server CPU per token, and the ratios of the medians. With BASE_JAR=/path/to/other.jar
# that build's token server runs in the same rounds as "base".
#
#   bench/tokens-side-by-side.sh [RUNS [PIPELINE [OPS [SECS]]]]      defaults: 5 16 400000 20
#
# Needs a JDK 17 and python3; run from the repository root. Every bench run is bounded by OPS
# tokens and SECS seconds; 50 connections (CONNS), 1 000 distinct tokens (DISTINCT).
set -euo pipefail
RUNS=${1:-5}
PIPELINE=${2:-16}
OPS=${3:-400000}
SECS=${4:-20}
CONNS=${CONNS:-50}
DISTINCT=${DISTINCT:-1000}
WARMUP=${WARMUP:-200000}
cd "$(dirname "$0")/.."
./switchboard --help > /dev/null            # builds the jar when it is missing or stale
JAR=bootstrap/target/switchboard.jar
. bench/common.sh

declare -A PORT SPID
start() { # name, command...
    local name=$1; shift
    PORT[$name]=$(free_port)
    "$@" "${PORT[$name]}" > "$WORK/$name.log" 2>&1 &
    PIDS+=($!); SPID[$name]=$!
}
start switchboard java -jar "$JAR" token-server -t 8 -s 3600 -d 0 -p
if [ -n "${BASE_JAR:-}" ]; then start base java -jar "$BASE_JAR" token-server -t 8 -s 3600 -d 0 -p; fi
start python-asyncio python3 bench/reference/tokens_asyncio.py --port
start trivial java -cp "$JAR" bench/reference/TokensResponder.java
TARGETS=(switchboard ${BASE_JAR:+base} python-asyncio trivial)
for t in "${TARGETS[@]}"; do wait_port "${PORT[$t]}"; done

run() { # name
    local line
    line=$(java -jar "$JAR" bench tokens --port "${PORT[$1]}" --server-pid "${SPID[$1]}" --conns "$CONNS" \
        --pipeline "$PIPELINE" --distinct "$DISTINCT" --ops "$OPS" --secs "$SECS" --warmup "$WARMUP" | tail -1)
    echo "$1 ${line%% latency*}"
    echo "$line" | sed -n 's/.*ops_per_sec=\([0-9]*\).*/\1/p' >> "$WORK/$1.rate"
    echo "$line" | sed -n 's/.*server_cpu_us_per_op=\([0-9.]*\).*/\1/p' >> "$WORK/$1.cpu"
}
for round in $(seq 1 "$RUNS"); do
    echo "# round $round"
    for t in "${TARGETS[@]}"; do run "$t"; done
done
echo "# medians of $RUNS runs (conns=$CONNS pipeline=$PIPELINE distinct=$DISTINCT warmup=$WARMUP)"
M=$(median switchboard.rate)
for t in "${TARGETS[@]}"; do
    m=$(median "$t.rate")
    printf '%-16s %10s tokens/s  %6s us server CPU/token   switchboard/%s = %s\n' "$t" "$m" "$(median "$t.cpu")" "$t" \
        "$(awk -v a="$M" -v b="$m" 'BEGIN {printf "%.2f", (b > 0 ? a / b : 0)}')"
done
