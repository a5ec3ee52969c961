# shellcheck shell=bash
# Shared helpers of the benchmarks (bench/echo/run.sh, bench/admission/run.sh,
# bench/logs/run.sh): logging, the work directory and its cleanup, installing tools, starting,
# polling and stopping servers, wrk runs and their records, RSS and CPU time, source copies and
# publishing, tool versions.
#
# Sourced, never run: the caller sets `set -euo pipefail`, defines BENCH_DIR, REPO_DIR,
# RESULTS_DIR, PYTHON, THREADS, CONNECTIONS, WARMUP, DURATION, RUNS, WRK_TIMEOUT,
# READY_TIMEOUT_S, KEEP_WORK and LUA, and a `run_wrk NAME PORT PHASE RUN DURATION`
# (see load_runs). The results step's Python helpers are in bench/lib/benchlib.py.

# This folder (benchlib.py is here).
BENCH_LIB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# ---------------------------------------------------------------- logging ---
# log MESSAGE...: a time-stamped line on stderr.
log() { printf '[bench %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }

# die MESSAGE...: logs "error: MESSAGE" and exits 1 (the EXIT trap cleans up).
die() {
    log "error: $*"
    exit 1
}

# ---------------------------------------------------------------- cleanup ---
# The temporary work directory (set by start_run) and the servers still running.
WORK=""
SERVER_PIDS=()
CLEANUP_KEEPS_FAILED_WORK=0

# descendants PID: PID and all its descendants, one a line.
descendants() {
    local pid=$1 child
    echo "$pid"
    for child in $(ps -o pid= --ppid "$pid" 2>/dev/null || true); do
        descendants "$child"
    done
}

# stop_tree PID: stops a server and everything it started: SIGTERM, then SIGKILL after 10 s.
stop_tree() {
    local pid=$1 pids waited=0
    kill -0 "$pid" 2>/dev/null || return 0
    mapfile -t pids < <(descendants "$pid")
    kill -TERM "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null && ((waited < 1000)); do
        sleep 0.01
        waited=$((waited + 1))
    done
    kill -KILL "${pids[@]}" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

# cleanup: the EXIT trap: stops every server still running and removes WORK, unless
# KEEP_WORK=1 (or, with CLEANUP_KEEPS_FAILED_WORK=1, the run failed); exits with the run's status.
cleanup() {
    local status=$? pid
    trap - EXIT INT TERM
    for pid in "${SERVER_PIDS[@]}"; do
        stop_tree "$pid"
    done
    if [[ -n $WORK && -d $WORK ]]; then
        # Kept on failure (not on Ctrl-C) when asked, so the error message's files can be read.
        if [[ $KEEP_WORK == 1 ||
            ($CLEANUP_KEEPS_FAILED_WORK == 1 && $status != 0 && $status != 130 && $status != 143) ]]; then
            log "work directory kept: $WORK"
        else
            rm -rf "$WORK"
        fi
    fi
    exit "$status"
}

# install_cleanup KEEP_ON_FAILURE: cleanup on exit, on failure and on Ctrl-C (exit 130) or
# SIGTERM (143); KEEP_ON_FAILURE=1 keeps the work directory after a failure.
install_cleanup() {
    CLEANUP_KEEPS_FAILED_WORK=$1
    trap cleanup EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
}

# ----------------------------------------------------------- dependencies ---
# The packages found missing by need_command / need_python_module.
MISSING_PACKAGES=()

# need_command CMD PACKAGE: notes PACKAGE as missing when CMD is not on PATH.
need_command() {
    command -v "$1" >/dev/null 2>&1 || MISSING_PACKAGES+=("$2")
}

# need_python_module MODULE PACKAGE: notes PACKAGE as missing when $PYTHON cannot import MODULE.
need_python_module() {
    "$PYTHON" -c "import $1" 2>/dev/null || MISSING_PACKAGES+=("$2")
}

# install_missing PACKAGE...: when anything was noted missing, apt-get installs PACKAGE...
# (the script's whole list, so that versions stay consistent).
install_missing() {
    ((${#MISSING_PACKAGES[@]})) || return 0
    log "installing: ${MISSING_PACKAGES[*]}"
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y "$@"
}

# ---------------------------------------------------------------- the run ---
# start_run NAME: creates the work directory /tmp/NAME-bench.XXXXXX and its records file
# (RECORDS), the results directory, and sets GUNICORN_WORKERS (2 x cores + 1), GIT_DIRTY=0
# and LOADAVG_START (the 1/5/15 min load average now).
start_run() {
    WORK=$(mktemp -d "/tmp/$1-bench.XXXXXX")
    RECORDS=$WORK/records.jsonl
    : >"$RECORDS"
    GUNICORN_WORKERS=$((2 * $(nproc) + 1))
    GIT_DIRTY=0
    LOADAVG_START=$(cut -d' ' -f1-3 /proc/loadavg)
    mkdir -p "$RESULTS_DIR"
}

# record JSON: appends one JSON line to the records the results step reads.
record() { printf '%s\n' "$1" >>"$RECORDS"; }

# --------------------------------------------------------------- time ---
# now_us: microseconds since the epoch (no fork).
now_us() { echo "${EPOCHREALTIME/./}"; }

# us_to_ms MICROSECONDS: milliseconds with one decimal.
us_to_ms() { awk -v d="$1" 'BEGIN { printf "%.1f", d / 1000 }'; }

# Sleeps without forking once open_nap has been called (a read with a timeout on a FIFO
# nobody writes to); with `sleep` otherwise.
SLEEP_FD=""
open_nap() {
    mkfifo "$WORK/nap.fifo"
    exec {SLEEP_FD}<>"$WORK/nap.fifo"
}

# nap SECONDS
nap() {
    if [[ -n $SLEEP_FD ]]; then
        read -r -t "$1" -u "$SLEEP_FD" _ || true
    else
        sleep "$1"
    fi
}

# ---------------------------------------------------------------- servers ---
# free_port: a TCP port free on 127.0.0.1 now.
free_port() {
    "$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# launch OUTFILE CMD...: starts a server with stdout to OUTFILE (stderr to OUTFILE.stderr);
# sets LAUNCH_PID and LAUNCH_T0 (us).
launch() {
    local out=$1
    shift
    LAUNCH_T0=$(now_us)
    "$@" >"$out" 2>>"$out.stderr" &
    LAUNCH_PID=$!
    SERVER_PIDS+=("$LAUNCH_PID")
}

# wait_ready NAME HINT PAUSE_S PROBE...: runs PROBE... every PAUSE_S until it succeeds;
# dies (pointing at HINT) when the last launched server exits first or after
# READY_TIMEOUT_S. Sets READY_US: from launch to the first success.
wait_ready() {
    local name=$1 hint=$2 pause=$3 deadline
    shift 3
    deadline=$(($(now_us) + READY_TIMEOUT_S * 1000000))
    until "$@"; do
        kill -0 "$LAUNCH_PID" 2>/dev/null || die "$name exited before it was ready; see $hint"
        (($(now_us) < deadline)) || die "$name not ready after ${READY_TIMEOUT_S}s; see $hint"
        nap "$pause"
    done
    # shellcheck disable=SC2034 # the caller's result
    READY_US=$(($(now_us) - LAUNCH_T0))
}

# stop_server: SIGTERM the last launched server and everything it started; sets STOP_US
# (the time stop_tree took).
stop_server() {
    local pid=$LAUNCH_PID t0 t1 p kept=()
    t0=$(now_us)
    stop_tree "$pid"
    t1=$(now_us)
    # shellcheck disable=SC2034 # the caller's result
    STOP_US=$((t1 - t0))
    for p in "${SERVER_PIDS[@]}"; do
        [[ $p == "$pid" ]] || kept+=("$p")
    done
    SERVER_PIDS=("${kept[@]}")
}

# rss_kb PID: "KB PROCESSES", VmRSS summed over the process and all its descendants.
rss_kb() {
    local total=0 n=0 pid kb
    for pid in $(descendants "$1"); do
        kb=$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || true)
        if [[ -n $kb ]]; then
            total=$((total + kb))
            n=$((n + 1))
        fi
    done
    echo "$total $n"
}

# cpu_ticks PID VAR: sets VAR to the CPU time PID has used so far, user + system over all its
# threads, in clock ticks (`getconf CLK_TCK` a second), from /proc/PID/stat; spawns no process,
# so polling it does not add to what it measures. Fails when PID is gone.
cpu_ticks() {
    local stat fields
    read -r stat <"/proc/$1/stat" || return 1
    # Field 2 (the command name, in parentheses) may hold spaces: split what follows its ")",
    # which starts at field 3 (state); utime and stime are fields 14 and 15.
    read -r -a fields <<<"${stat##*) }"
    printf -v "$2" '%d' $((fields[11] + fields[12]))
}

# record_rss NAME PID: records the server's RSS after the load; sets RSS_KB and RSS_PROCESSES.
record_rss() {
    local rss
    read -r -a rss < <(rss_kb "$2")
    RSS_KB=${rss[0]}
    RSS_PROCESSES=${rss[1]}
    record "{\"kind\":\"rss\",\"server\":\"$1\",\"rss_kb\":$RSS_KB,\"processes\":$RSS_PROCESSES}"
}

# -------------------------------------------------------------------- wrk ---
# wrk_run NAME PHASE RUN DURATION URL LUA_ARG...: one wrk run of $LUA against URL, its output
# in $WORK/wrk-NAME-PHASE-RUN.txt; records the summary the Lua done() prints after "WRK_JSON "
# and logs requests/s of measured runs.
wrk_run() {
    local name=$1 phase=$2 run=$3 duration=$4 url=$5 out summary
    shift 5
    out="$WORK/wrk-$name-$phase-$run.txt"
    wrk -t "$THREADS" -c "$CONNECTIONS" -d "$duration" --timeout "$WRK_TIMEOUT" --latency \
        -s "$LUA" "$url" -- "$@" >"$out"
    summary=$(sed -n 's/^WRK_JSON //p' "$out")
    [[ -n $summary ]] || die "no summary from wrk, see $out"
    record "{\"kind\":\"wrk\",\"server\":\"$name\",\"phase\":\"$phase\",\"run\":$run,\"output\":\"$out\",\"summary\":$summary}"
    if [[ $phase == measure ]]; then
        log "  $name run $run: $(grep -E '^Requests/sec' "$out" | tr -s ' ')"
    fi
}

# load_runs NAME PORT: the load on one running server: a WARMUP warm-up, then RUNS measured
# runs of DURATION, each by the caller's `run_wrk NAME PORT PHASE RUN DURATION`.
load_runs() {
    local name=$1 port=$2 run
    log "$name: warm-up $WARMUP, then $RUNS x $DURATION"
    run_wrk "$name" "$port" warmup 1 "$WARMUP"
    for ((run = 1; run <= RUNS; run++)); do
        run_wrk "$name" "$port" measure "$run" "$DURATION"
    done
}

# ------------------------------------------------------- sources, publish ---
# copy_tree DEST PATH...: copies the repository's build settings (Directory.*.props,
# global.json, .editorconfig) and PATH... from the working tree into DEST, without bin/ and
# obj/: a copy, so a build never shares obj/ with builds running in the working tree.
copy_tree() {
    local dest=$1
    shift
    mkdir -p "$dest"
    tar -C "$REPO_DIR" --exclude=bin --exclude=obj -cf - \
        Directory.Build.props Directory.Packages.props global.json .editorconfig "$@" | tar -x -C "$dest"
}

# copy_source SOURCE DEST PATH...: as copy_tree from the working tree (SOURCE=worktree) or
# from the committed HEAD (SOURCE=head); sets GIT_COMMIT, and GIT_DIRTY=1 when a working-tree
# copy is made while src/ has uncommitted changes.
copy_source() {
    local source=$1 dest=$2
    shift 2
    mkdir -p "$dest"
    GIT_COMMIT=$(git -C "$REPO_DIR" rev-parse HEAD 2>/dev/null || echo unknown)
    if [[ $source != head && -n $(git -C "$REPO_DIR" status --porcelain -- src 2>/dev/null || true) ]]; then
        GIT_DIRTY=1
    fi
    if [[ $source == head ]]; then
        git -C "$REPO_DIR" archive HEAD Directory.Build.props Directory.Packages.props global.json .editorconfig "$@" |
            tar -x -C "$dest"
    else
        copy_tree "$dest" "$@"
    fi
}

# dotnet_publish LOG FAILURE ARG...: `dotnet publish ARG... -nologo -v quiet` with its output
# in LOG; on failure prints LOG and dies with FAILURE.
dotnet_publish() {
    local log_file=$1 failure=$2
    shift 2
    dotnet publish "$@" -nologo -v quiet >"$log_file" 2>&1 || {
        cat "$log_file" >&2
        die "$failure"
    }
}

# ---------------------------------------------------------------- results ---
# export_tool_versions: exports TOOL_WRK, TOOL_GUNICORN, TOOL_FLASK, TOOL_PYTHON and TOOL_CURL
# (the results step lists every TOOL_* variable; the caller adds its own).
export_tool_versions() {
    TOOL_WRK=$( (wrk -v 2>&1 || true) | awk 'NR == 1 {print $2}')
    TOOL_GUNICORN=$(gunicorn --version 2>&1 | tr -d '()' | awk '{print $NF}')
    TOOL_FLASK=$("$PYTHON" -c 'import importlib.metadata as m; print(m.version("flask"))')
    TOOL_PYTHON=$("$PYTHON" -c 'import platform; print(platform.python_version())')
    TOOL_CURL=$(curl --version | awk 'NR == 1 {print $2}')
    export TOOL_WRK TOOL_GUNICORN TOOL_FLASK TOOL_PYTHON TOOL_CURL
}

# export_run_settings: exports what the results step reads of every benchmark (the caller
# exports its own settings too).
export_run_settings() {
    export RECORDS RESULTS_DIR THREADS CONNECTIONS DURATION WARMUP RUNS WRK_TIMEOUT SERVERS \
        GUNICORN_WORKERS GIT_COMMIT GIT_DIRTY LOADAVG_START
}

# results_step: runs the Python program on stdin (the results step) with benchlib.py
# importable, writing no __pycache__ into the repository.
results_step() {
    PYTHONDONTWRITEBYTECODE=1 PYTHONPATH="$BENCH_LIB_DIR${PYTHONPATH:+:$PYTHONPATH}" "$PYTHON" -
}
