# Shared by the bench scripts (sourced, never run): a work folder removed at exit, the processes
# a script starts (add each pid to PIDS; all are stopped at exit, then the script's own
# `extra_cleanup` runs if it defines one), a free loopback port, a wait until a port listens, and
# the median of the numbers in a file of WORK.
WORK=$(mktemp -d)
PIDS=()
bench_cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2> /dev/null || true; done
    wait 2> /dev/null || true
    if declare -F extra_cleanup > /dev/null; then extra_cleanup; fi
    rm -rf "$WORK"
}
trap bench_cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_port() { # port: within 60 s, else the script stops
    for _ in $(seq 1 600); do
        if python3 -c "import socket; socket.create_connection(('127.0.0.1', $1), 1)" 2> /dev/null; then return 0; fi
        sleep 0.1
    done
    echo "nothing listens on $1" >&2; exit 1
}
median() { # file name in WORK, one number a line
    sort -n "$WORK/$1" | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'
}
