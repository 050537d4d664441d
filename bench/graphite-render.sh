#!/usr/bin/env bash
# The render API on a big answer: 10 series x 10 000 points (one every 10 s) fed through carbon
# to a metrics-server, then `/graphite/render?target=render.*` asked REQUESTS times in a row as
# Grafana asks it (format=json, no maxDataPoints); the last COUNTED requests are timed by curl.
#
#   bench/graphite-render.sh [REQUESTS [COUNTED]]      defaults: 100 50
#   JAR=other.jar bench/graphite-render.sh ...         the same against another build
#
# Prints min, median and max of the counted requests' total time in ms and the answer's size.
# Needs a JDK 17, python3 and curl; run from the repository root.
set -euo pipefail
[ -z "${TRACE:-}" ] || set -x
REQUESTS=${1:-100}
COUNTED=${2:-50}
cd "$(dirname "$0")/.."
if [ -z "${JAR:-}" ]; then                  # JAR=path compares another build
    ./switchboard --help > /dev/null        # builds the jar when it is missing or stale
    JAR=bootstrap/target/switchboard.jar
fi
. bench/common.sh
CARBON=$(free_port)
ADMIN=$(free_port)
java -jar "$JAR" metrics-server --port 0 --graphite-port "$CARBON" --admin-port "$ADMIN" > "$WORK/server.log" 2>&1 & PIDS+=($!)
for _ in $(seq 1 600); do
    grep -q "admin console at" "$WORK/server.log" && break
    sleep 0.1
done
python3 - "$CARBON" <<'EOF'
import socket, sys
with socket.create_connection(("127.0.0.1", int(sys.argv[1]))) as s:
    lines = []
    for k in range(10):
        for i in range(10000):
            lines.append("render.k%d %d.%d %d\n" % (k, (i * 7 + k) % 1000, i % 10, 1000000000 + 10 * i))
    s.sendall("".join(lines).encode())
EOF
URL="http://127.0.0.1:$ADMIN/graphite/render?target=render.*&from=1000000000&until=1000099990&format=json"
# carbon is never answered: wait until every series has all its points (no empty slot left)
for _ in $(seq 1 600); do
    curl -s -o "$WORK/answer.json" "$URL"
    if [ "$(grep -o '"target"' "$WORK/answer.json" | wc -l)" = 10 ] && ! grep -q null "$WORK/answer.json"; then break; fi
    sleep 0.1
done
for i in $(seq 1 "$REQUESTS"); do
    curl -s -o "$WORK/answer.json" -w '%{time_total}\n' "$URL" >> "$WORK/times"
done
tail -n "$COUNTED" "$WORK/times" | sort -n | awk -v size="$(stat -c %s "$WORK/answer.json")" '
    {a[NR] = $1 * 1000}
    END {printf "render 10x10000: %d requests, last %d: min %.1f ms, median %.1f ms, max %.1f ms, %d bytes\n",
         '"$REQUESTS"', NR, a[1], (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2, a[NR], size}'
