# shellcheck shell=bash disable=SC2154  # dir, conf: set by the sourcing script
# Functions shared by the cluster scripts in this directory; source it.
# Expects $dir (the cluster directory) and $conf (its ceph.conf) once a
# daemon is started, and $log_prefix for the messages.

log() { echo "[${log_prefix:-ceph} $(date +%T.%3N)] $*" >&2; }

# Whether something listens on 127.0.0.1:PORT (bash's /dev/tcp: no ss or
# netstat needed).
port_is_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
port_is_free() { ! port_is_taken "$1"; }

# http_ok PORT: whether GET / on 127.0.0.1:PORT answers 200 (no curl needed).
http_ok() {
    local status
    exec 4<>"/dev/tcp/127.0.0.1/$1" || return 1
    printf 'GET / HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&4
    read -r -t 5 status <&4
    exec 4>&-
    [[ $status == "HTTP/1."?" 200"* ]]
}

# wait_until SECONDS WHAT COMMAND...: runs COMMAND every 0.1 s until it
# succeeds; fails naming WHAT after SECONDS.
wait_until() {
    local seconds=$1 what=$2
    shift 2
    local deadline=$((SECONDS + seconds))
    until "$@" >/dev/null 2>&1; do
        if ((SECONDS >= deadline)); then
            log "timed out after $seconds s waiting until $what"
            return 1
        fi
        sleep 0.1
    done
}

# start_daemon NAME PROGRAM ARGS...: starts a Ceph daemon in the foreground
# of its own session (so that it outlives this script and a CTest timeout
# of the test that started it) with its output in log/NAME.out, and records
# its PID in $dir/pids. setsid does not fork here (a background job of a
# script is no process-group leader), so $! is the daemon itself.
start_daemon() {
    local name=$1
    shift
    setsid "$@" -f -c "$conf" </dev/null >>"$dir/log/$name.out" 2>&1 &
    local pid=$!
    echo "$name $pid" >>"$dir/pids"
    log "started $name, pid $pid"
}

# is_our_daemon PID: whether PID still runs a program started with our
# ceph.conf (a PID of a stopped daemon may have been reused meanwhile).
is_our_daemon() {
    [[ -r /proc/$1/cmdline ]] && tr '\0' '\n' <"/proc/$1/cmdline" 2>/dev/null | grep -qxF -- "$conf"
}
