#!/usr/bin/env bash
# Carbon ingest side by side, one client: `switchboard bench graphite` against Graphite's own
# carbon-cache (Debian's graphite-carbon: Python, whisper files) and against Switchboard's
# metrics-server with --graphite-port, each on a free loopback port, in turn, RUNS rounds; then
# each one's median lines/s and the ratio of the medians.
#
#   bench/carbon-side-by-side.sh [RUNS [OPS [CONNS [PIPELINE]]]]      defaults: 5 200000 4 64
#   WARMUP=N (default 2): rounds run first and not counted (the JVM's compiler warms up, carbon's
#   cache and whisper files are created)
#
# carbon-cache gets a configuration of its own in a temporary folder (MAX_CACHE_SIZE = inf, the
# schema 10s:6h,1m:7d for every metric, whisper files in that folder). Needs a JDK 17, python3
# and carbon-cache (Debian: apt-get install graphite-carbon; for benchmarks only). Every bench
# run is bounded by OPS lines and 120 seconds. Run from the repository root.
set -euo pipefail
RUNS=${1:-5}
OPS=${2:-200000}
CONNS=${3:-4}
PIPELINE=${4:-64}
cd "$(dirname "$0")/.."
if [ -z "${JAR:-}" ]; then
    ./switchboard --help > /dev/null        # builds the jar when it is missing or stale
    JAR=bootstrap/target/switchboard.jar
fi
command -v carbon-cache > /dev/null || { echo "carbon-cache is missing (apt-get install graphite-carbon)" >&2; exit 1; }
. bench/common.sh

P_CARBON=$(free_port)
mkdir -p "$WORK/carbon/conf" "$WORK/carbon/storage/whisper" "$WORK/carbon/log"
cat > "$WORK/carbon/conf/carbon.conf" << EOF
[cache]
STORAGE_DIR = $WORK/carbon/storage/
LOCAL_DATA_DIR = $WORK/carbon/storage/whisper/
CONF_DIR = $WORK/carbon/conf/
LOG_DIR = $WORK/carbon/log/
PID_DIR = $WORK/carbon/
DATABASE = whisper
ENABLE_LOGROTATION = False
MAX_CACHE_SIZE = inf
MAX_UPDATES_PER_SECOND = 500
MAX_CREATES_PER_MINUTE = 50
LINE_RECEIVER_INTERFACE = 127.0.0.1
LINE_RECEIVER_PORT = $P_CARBON
ENABLE_UDP_LISTENER = False
PICKLE_RECEIVER_INTERFACE = 127.0.0.1
PICKLE_RECEIVER_PORT = $(free_port)
CACHE_QUERY_INTERFACE = 127.0.0.1
CACHE_QUERY_PORT = $(free_port)
USE_FLOW_CONTROL = True
LOG_UPDATES = False
LOG_CREATES = False
CACHE_WRITE_STRATEGY = sorted
EOF
cat > "$WORK/carbon/conf/storage-schemas.conf" << EOF
[everything]
pattern = .*
retentions = 10s:6h,1m:7d
EOF
carbon-cache --config="$WORK/carbon/conf/carbon.conf" --debug start > "$WORK/carbon.log" 2>&1 & PID_CARBON=$!; PIDS+=($!)
P_SB=$(free_port)
java -jar "$JAR" metrics-server --port 0 --graphite-port "$P_SB" > "$WORK/switchboard.log" 2>&1 & PID_SB=$!; PIDS+=($!)
wait_port "$P_CARBON"
wait_port "$P_SB"

TICK_US=$((1000000 / $(getconf CLK_TCK)))
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
run() { # name, port, server pid
    local line c0 c1 us
    c0=$(cpu_ticks "$3")
    line=$(java -jar "$JAR" bench graphite --port "$2" --conns "$CONNS" --pipeline "$PIPELINE" --ops "$OPS" --secs 120 | tail -1)
    c1=$(cpu_ticks "$3")
    # the server's CPU while the run lasted (carbon-cache may go on writing whisper files after)
    us=$(awk -v t=$(( (c1 - c0) * TICK_US )) -v n="$OPS" 'BEGIN {printf "%.2f", t / n}')
    echo "$1 $line server_cpu_us_per_line=$us"
    echo "$line" | sed -n 's/.*ops_per_sec=\([0-9]*\).*/\1/p' >> "$WORK/$1.rate"
    echo "$us" >> "$WORK/$1.cpu"
}
WARMUP=${WARMUP:-2}
for round in $(seq 1 "$WARMUP"); do
    echo "# warm-up round $round (not counted)"
    run carbon-cache "$P_CARBON" "$PID_CARBON"
    run switchboard "$P_SB" "$PID_SB"
done
rm -f "$WORK"/*.rate "$WORK"/*.cpu
for round in $(seq 1 "$RUNS"); do
    echo "# round $round"
    run carbon-cache "$P_CARBON" "$PID_CARBON"
    run switchboard "$P_SB" "$PID_SB"
done
C=$(median carbon-cache.rate)
S=$(median switchboard.rate)
echo "# medians of $RUNS runs after $WARMUP warm-up rounds, carbon lines/s (conns=$CONNS pipeline=$PIPELINE ops=$OPS)"
echo "carbon-cache $C lines/s, $(median carbon-cache.cpu) µs of server CPU a line"
echo "switchboard  $S lines/s, $(median switchboard.cpu) µs of server CPU a line"
printf 'switchboard/carbon-cache = %s\n' "$(awk -v a="$S" -v b="$C" 'BEGIN {printf "%.2f", (b > 0 ? a / b : 0)}')"
