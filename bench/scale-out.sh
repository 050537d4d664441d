#!/usr/bin/env bash
# One node against two on one PostgreSQL, beside memory and H2, on one client: `switchboard bench
# metrics` (puts) against separate metrics-server processes, in turn, RUNS rounds; then each
# target's median puts/s, the ratios, and what a put costs in CPU on the node and in the
# database (PostgreSQL's own processes, from /proc).
#
#   bench/scale-out.sh [RUNS [OPS [SECS]]]      defaults: 3 200000 20
#
# The load is the same for every target: CONNS connections (default 50) of PIPELINE puts
# (default 16). With two nodes, each node gets half the connections and half the puts from its own
# bench process, both started together; the figure is the sum of the two rates. Each PostgreSQL
# run uses a new database, so every put is an insert as in the other targets.
#
# Needs a JDK 17, python3 and PostgreSQL's server programs (Debian: apt-get install postgresql);
# a throw-away cluster is started with .ci/pg-cluster and removed at the end. Run from the
# repository root. Every bench run is bounded by OPS puts and SECS seconds.
set -euo pipefail
RUNS=${1:-3}
OPS=${2:-200000}
SECS=${3:-20}
CONNS=${CONNS:-50}
PIPELINE=${PIPELINE:-16}
cd "$(dirname "$0")/.."
./switchboard --help > /dev/null            # builds the jar when it is missing or stale
JAR=bootstrap/target/switchboard.jar
. bench/common.sh
chmod 755 "$WORK"                         # PostgreSQL runs as its own user and must reach its folder
extra_cleanup() { .ci/pg-cluster stop "$WORK/pg" > /dev/null 2>&1 || true; }
eval "$(.ci/pg-cluster start "$WORK/pg")"
PG_HOSTPORT=${SWITCHBOARD_TEST_PG_URL#jdbc:postgresql://}
PG_HOSTPORT=${PG_HOSTPORT%%/*}
export SWITCHBOARD_JDBC_PASSWORD=$SWITCHBOARD_TEST_PG_PASSWORD
export PGPASSWORD=$SWITCHBOARD_TEST_PG_PASSWORD
pg_cpu_ticks() { # user+system clock ticks of every PostgreSQL process of the cluster
    local total=0 pid
    for pid in $(pgrep -f "$WORK/pg/data" || true) $(pgrep -P "$(head -1 "$WORK/pg/data/postmaster.pid")" || true); do
        [ -r "/proc/$pid/stat" ] || continue
        total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat" 2> /dev/null || echo 0)))
    done
    echo "$total"
}
proc_cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
TICK_US=$((1000000 / $(getconf CLK_TCK)))

start_node() { # name, storage arguments... ; prints "pid port"
    local name=$1; shift
    local port; port=$(free_port)
    java -jar "$JAR" metrics-server --port "$port" "$@" > "$WORK/$name.log" 2>&1 &
    local pid=$!
    PIDS+=("$pid")
    wait_port "$port"
    echo "$pid $port"
}
stop_node() { kill "$1" 2> /dev/null || true; wait "$1" 2> /dev/null || true; }
bench() { # port, conns, ops -> bench's last line
    java -jar "$JAR" bench metrics --port "$1" --conns "$2" --pipeline "$PIPELINE" --ops "$3" --secs "$SECS" | tail -1
}
rate() { sed -n 's/.*ops_per_sec=\([0-9]*\).*/\1/p'; }
record() { echo "$2" >> "$WORK/$1.$3"; }

new_db() { # name -> the JDBC URL of a new, empty database
    psql -q -h 127.0.0.1 -p "${PG_HOSTPORT#*:}" -U "$SWITCHBOARD_TEST_PG_USER" -d postgres \
        -c "CREATE DATABASE bench_$1" > /dev/null
    echo "jdbc:postgresql://$PG_HOSTPORT/bench_$1"
}

one() { # name, storage arguments...
    local name=$1; shift
    read -r pid port < <(start_node "$name" "$@")
    local node0 pg0 line node1 pg1
    node0=$(proc_cpu_ticks "$pid"); pg0=$(pg_cpu_ticks)
    line=$(bench "$port" "$CONNS" "$OPS")
    node1=$(proc_cpu_ticks "$pid"); pg1=$(pg_cpu_ticks)
    stop_node "$pid"
    local r; r=$(echo "$line" | rate)
    local done_ops; done_ops=$(echo "$line" | sed -n 's/.* ops=\([0-9]*\).*/\1/p')
    echo "$name $line node_cpu_us_per_put=$(( (node1 - node0) * TICK_US / done_ops )) db_cpu_us_per_put=$(( (pg1 - pg0) * TICK_US / done_ops ))"
    record "$name" "$r" rate
    record "$name" $(( (node1 - node0) * TICK_US / done_ops )) node
    record "$name" $(( (pg1 - pg0) * TICK_US / done_ops )) db
}

two() { # name, storage arguments... (both nodes on the same database)
    local name=$1; shift
    read -r pid_a port_a < <(start_node "$name-a" "$@")
    read -r pid_b port_b < <(start_node "$name-b" "$@")
    local a0 b0 pg0 a1 b1 pg1
    a0=$(proc_cpu_ticks "$pid_a"); b0=$(proc_cpu_ticks "$pid_b"); pg0=$(pg_cpu_ticks)
    bench "$port_a" $((CONNS / 2)) $((OPS / 2)) > "$WORK/a.line" &
    local ba=$!
    bench "$port_b" $((CONNS - CONNS / 2)) $((OPS - OPS / 2)) > "$WORK/b.line" &
    local bb=$!
    wait "$ba" "$bb"
    a1=$(proc_cpu_ticks "$pid_a"); b1=$(proc_cpu_ticks "$pid_b"); pg1=$(pg_cpu_ticks)
    stop_node "$pid_a"; stop_node "$pid_b"
    # the rate of both: every put of both clients over the longer of their two runs
    local oa ob sa sb
    oa=$(sed -n 's/.* ops=\([0-9]*\).*/\1/p' "$WORK/a.line"); ob=$(sed -n 's/.* ops=\([0-9]*\).*/\1/p' "$WORK/b.line")
    sa=$(sed -n 's/.* secs=\([0-9.]*\).*/\1/p' "$WORK/a.line"); sb=$(sed -n 's/.* secs=\([0-9.]*\).*/\1/p' "$WORK/b.line")
    local n=$((oa + ob))
    local r; r=$(awk -v n="$n" -v a="$sa" -v b="$sb" 'BEGIN {printf "%d", n / (a > b ? a : b)}')
    echo "$name node-a: $(cat "$WORK/a.line")"
    echo "$name node-b: $(cat "$WORK/b.line")"
    echo "$name both ops=$n ops_per_sec=$r node_cpu_us_per_put=$(( (a1 - a0 + b1 - b0) * TICK_US / n )) db_cpu_us_per_put=$(( (pg1 - pg0) * TICK_US / n ))"
    record "$name" "$r" rate
    record "$name" $(( (a1 - a0 + b1 - b0) * TICK_US / n )) node
    record "$name" $(( (pg1 - pg0) * TICK_US / n )) db
}

JDBC=(--storage jdbc --jdbc-user "$SWITCHBOARD_TEST_PG_USER")
for round in $(seq 1 "$RUNS"); do
    echo "# round $round"
    one memory
    one h2 --storage h2 --db "$WORK/h2-$round/metrics"
    one pg-one-node "${JDBC[@]}" --jdbc-url "$(new_db "one_$round")"
    two pg-two-nodes "${JDBC[@]}" --jdbc-url "$(new_db "two_$round")"
done
echo "# medians of $RUNS runs (conns=$CONNS pipeline=$PIPELINE ops=$OPS): puts/s, vs memory, CPU µs per put on the node(s) and in PostgreSQL"
M=$(median memory.rate)
for t in memory h2 pg-one-node pg-two-nodes; do
    m=$(median "$t.rate")
    printf '%-14s %9s puts/s  vs memory %s  node %s µs/put  database %s µs/put\n' "$t" "$m" \
        "$(awk -v a="$m" -v b="$M" 'BEGIN {printf "%.2f", (b > 0 ? a / b : 0)}')" "$(median "$t.node")" "$(median "$t.db")"
done
printf 'pg-two-nodes/pg-one-node = %s\n' \
    "$(awk -v a="$(median pg-two-nodes.rate)" -v b="$(median pg-one-node.rate)" 'BEGIN {printf "%.2f", (b > 0 ? a / b : 0)}')"
