#!/usr/bin/env bash
# Backlog drain: N finished spool files of K KiB, a collector-sink and a collector as two
# processes on loopback. Prints the collector's own time from its first log line to the summary
# line of the run that shipped every file, checks the spool is empty and the sink holds N
# receipts, and prints files/s and MiB/s.
#   docs/samples/collector-drain.sh [N=1000] [KIB=64]
# Uses bootstrap/target/switchboard.jar (build it first: ./switchboard --help).
set -euo pipefail
n="${1:-1000}"
kib="${2:-64}"
root="$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)"
jar="${SWITCHBOARD_JAR:-$root/bootstrap/target/switchboard.jar}"
work="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  [ -n "${KEEP:-}" ] && cp "$work"/*.err /tmp/ 2>/dev/null; rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
stamp() { date -u -d "$1" +%s.%N; }

# one file of records (<value> <epoch-ns>\n) of exactly KIB KiB, copied N times under old periods
awk -v size=$((kib * 1024)) 'BEGIN { s = ""; for (i = 0; length(s) < size; i++) s = s (i % 10) " " (1600000000000000000 + i * 1000000000) "\n";
  printf "%s\n", substr(s, 1, size - 1) }' > "$work/one"
mkdir "$work/spool"
for i in $(seq 1 "$n"); do cp "$work/one" "$work/spool/$((1000000 + i)).dat"; done

sink_port="$(free_port)"
admin_port="$(free_port)"
java -jar "$jar" collector-sink --port "$sink_port" --admin-port "$admin_port" >/dev/null 2>"$work/sink.err" &
pids+=($!)
for _ in $(seq 1 300); do
  curl -sf "http://127.0.0.1:$admin_port/api/health" >/dev/null 2>&1 && break
  sleep 0.1
done

# a sample period of a day: the generator's one sample at start is the only new record
java -jar "$jar" collector --tmp-persist-dir "$work/spool" --port "$sink_port" --dist-interval 3600 \
  --sample-period 86400000 ${COLLECTOR_OPTS:-} 2>"$work/collector.err" &
pids+=($!)
for _ in $(seq 1 1200); do
  grep -q "distribution: sent" "$work/collector.err" && break
  sleep 0.1
done
first="$(head -n 1 "$work/collector.err" | cut -d' ' -f1)"
done_line="$(grep -m 1 "distribution: sent" "$work/collector.err")"
last="$(echo "$done_line" | cut -d' ' -f1)"
# backlog files still there (the generator's own file of this minute is not one of them)
left="$(find "$work/spool" -maxdepth 1 -name '1??????.dat' | wc -l)"
received="$(curl -sf "http://127.0.0.1:$admin_port/api/sink" | grep -o '"count":[0-9]*' | cut -d: -f2)"
secs="$(echo "$(stamp "$last") - $(stamp "$first")" | bc -l)"
printf 'drain files=%d kib=%d secs=%.3f files_per_sec=%.0f mib_per_sec=%.1f left=%d received=%s\n' \
  "$n" "$kib" "$secs" "$(echo "$n / $secs" | bc -l)" "$(echo "$n * $kib / 1024 / $secs" | bc -l)" "$left" "$received"
echo "  $done_line" | cut -c1-200
[ "$left" -eq 0 ] && [ "$received" = "$n" ]
