#!/usr/bin/env bash
# Echo benchmark: Echo (Release JIT and Native AOT) against the case's original
# Flask service (gunicorn, sync workers), nginx answering from memory and a plain
# ASP.NET Core minimal API without logging or metrics (the framework's own ceiling),
# all in one run on this machine under the same wrk load. See bench/README.md.
#
#   bench/echo/run.sh                      # defaults: 2 threads, 50 connections, 10 s, 3 runs
#   DURATION=5s RUNS=1 bench/echo/run.sh   # quicker, noisier
#
# Writes bench/results/echo.md and bench/results/echo.json (override with RESULTS_DIR).
set -euo pipefail
export LC_ALL=C

THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-50}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-3s}
RUNS=${RUNS:-3}
WRK_TIMEOUT=${WRK_TIMEOUT:-2s}
READY_TIMEOUT_S=${READY_TIMEOUT_S:-30}
POLL_INTERVAL_S=${POLL_INTERVAL_S:-0.002}
# Which servers to measure, in this order (a subset is allowed for quick checks).
SERVERS=${SERVERS:-"nginx echo-jit echo-aot aspnet-plain flask"}
# Build Echo from a copy of the working tree (default) or of the committed HEAD.
ECHO_SOURCE=${ECHO_SOURCE:-worktree}
KEEP_WORK=${KEEP_WORK:-0}

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(cd "$BENCH_DIR/../.." && pwd)
RESULTS_DIR=${RESULTS_DIR:-$REPO_DIR/bench/results}
LUA=$BENCH_DIR/wrk-unique.lua
PEER_DIR=$BENCH_DIR/peer
PYTHON=/usr/bin/python3

log() { printf '[bench %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { log "error: $*"; exit 1; }

# ---------------------------------------------------------------- cleanup ---
WORK=""
SERVER_PIDS=()

descendants() {
    local pid=$1 child
    echo "$pid"
    for child in $(ps -o pid= --ppid "$pid" 2>/dev/null || true); do
        descendants "$child"
    done
}

# Stops a server and everything it started: SIGTERM, then SIGKILL after 10 s.
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

cleanup() {
    local status=$? pid
    trap - EXIT INT TERM
    for pid in "${SERVER_PIDS[@]}"; do
        stop_tree "$pid"
    done
    if [[ -n $WORK && -d $WORK ]]; then
        if [[ $KEEP_WORK == 1 ]]; then
            log "work directory kept: $WORK"
        else
            rm -rf "$WORK"
        fi
    fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ----------------------------------------------------------- dependencies ---
ensure_tools() {
    local -A need=([wrk]=wrk [nginx]=nginx-light [gunicorn]=gunicorn [clang]=clang [curl]=curl [jq]=jq [ps]=procps)
    local missing=() cmd
    for cmd in "${!need[@]}"; do
        command -v "$cmd" >/dev/null 2>&1 || missing+=("${need[$cmd]}")
    done
    "$PYTHON" -c 'import flask' 2>/dev/null || missing+=(python3-flask)
    [[ -e /usr/include/zlib.h ]] || missing+=(zlib1g-dev)
    if ((${#missing[@]})); then
        log "installing: ${missing[*]}"
        apt-get update
        DEBIAN_FRONTEND=noninteractive apt-get install -y wrk nginx-light python3-flask gunicorn clang zlib1g-dev curl jq procps
    fi
    command -v dotnet >/dev/null 2>&1 || die "dotnet SDK not found"
}

# ---------------------------------------------------------------- helpers ---
free_port() {
    "$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

now_us() { echo "${EPOCHREALTIME/./}"; }

# Sleeps without forking: a read with a timeout on a FIFO nobody writes to.
SLEEP_FD=""
nap() { read -r -t "$1" -u "$SLEEP_FD" _ || true; }

# One HTTP GET over bash's /dev/tcp (no fork, so polling every ~2 ms is real).
# Succeeds when the status line says 200.
probe() {
    local port=$1 path=$2 line=""
    {
        printf 'GET %s HTTP/1.1\r\nHost: 127.0.0.1:%s\r\nConnection: close\r\n\r\n' "$path" "$port" >&3
        IFS= read -r -t 10 line <&3
    } 2>/dev/null 3<>"/dev/tcp/127.0.0.1/$port" || return 1
    [[ $line == "HTTP/1."?" 200"* ]]
}

# launch NAME OUTFILE CMD...: starts a server with stdout to OUTFILE; sets LAUNCH_PID and LAUNCH_T0 (us).
launch() {
    local out=$2
    shift 2
    LAUNCH_T0=$(now_us)
    "$@" >"$out" 2>>"$out.stderr" &
    LAUNCH_PID=$!
    SERVER_PIDS+=("$LAUNCH_PID")
}

# wait_ready NAME PORT PATH: polls until a 200; sets READY_MS (exec to first ready answer).
wait_ready() {
    local name=$1 port=$2 path=$3 deadline t1
    deadline=$(($(now_us) + READY_TIMEOUT_S * 1000000))
    while :; do
        if probe "$port" "$path"; then
            t1=$(now_us)
            READY_MS=$(awk -v d=$((t1 - LAUNCH_T0)) 'BEGIN { printf "%.1f", d / 1000 }')
            return 0
        fi
        if ! kill -0 "$LAUNCH_PID" 2>/dev/null; then
            die "$name exited before it was ready; see $WORK/$name-*.stderr"
        fi
        (($(now_us) < deadline)) || die "$name not ready after ${READY_TIMEOUT_S}s"
        nap "$POLL_INTERVAL_S"
    done
}

# stop_server: SIGTERM the last launched server; sets STOP_MS.
stop_server() {
    local pid=$LAUNCH_PID t0 t1 p kept=()
    t0=$(now_us)
    stop_tree "$pid"
    t1=$(now_us)
    STOP_MS=$(awk -v d=$((t1 - t0)) 'BEGIN { printf "%.1f", d / 1000 }')
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

record() { printf '%s\n' "$1" >>"$RECORDS"; }

# run_wrk NAME PORT PHASE RUN DURATION
run_wrk() {
    local name=$1 port=$2 phase=$3 run=$4 duration=$5 out summary
    out="$WORK/wrk-$name-$phase-$run.txt"
    wrk -t "$THREADS" -c "$CONNECTIONS" -d "$duration" --timeout "$WRK_TIMEOUT" --latency \
        -s "$LUA" "http://127.0.0.1:$port/" -- "${phase:0:1}$run" >"$out"
    summary=$(sed -n 's/^WRK_JSON //p' "$out")
    [[ -n $summary ]] || die "no summary from wrk, see $out"
    record "{\"kind\":\"wrk\",\"server\":\"$name\",\"phase\":\"$phase\",\"run\":$run,\"output\":\"$out\",\"summary\":$summary}"
    if [[ $phase == measure ]]; then
        log "  $name run $run: $(grep -E '^Requests/sec' "$out" | tr -s ' ')"
    fi
}

# --------------------------------------------------------------- servers ---
# start_server NAME RUN: launches one server on a fresh port; sets PORT, READY_PATH.
start_server() {
    local name=$1 run=$2 out
    PORT=$(free_port)
    out="$WORK/$name-$run.stdout"
    case $name in
        echo-jit | echo-aot)
            READY_PATH=/readyz
            launch "$name" "$out" env -C "$WORK/$name" \
                Echo__Shutdown__DrainDelay=00:00:00 ASPNETCORE_ENVIRONMENT=Production \
                ./Echo --urls "http://127.0.0.1:$PORT"
            ;;
        aspnet-plain)
            READY_PATH=/readyz
            launch "$name" "$out" env -C "$WORK/$name" ASPNETCORE_ENVIRONMENT=Production \
                ./Baseline --urls "http://127.0.0.1:$PORT"
            ;;
        flask)
            READY_PATH="/api?ready=1"
            launch "$name" "$out" gunicorn --workers "$GUNICORN_WORKERS" --worker-class sync \
                --bind "127.0.0.1:$PORT" --chdir "$PEER_DIR" app:app
            ;;
        nginx)
            READY_PATH="/api?ready=1"
            write_nginx_conf "$WORK/nginx-$run" "$PORT"
            launch "$name" "$out" nginx -p "$WORK/nginx-$run" -c "$WORK/nginx-$run/nginx.conf" -g 'daemon off;'
            ;;
        *) die "unknown server $name" ;;
    esac
    STDOUT_FILE=$out
}

write_nginx_conf() {
    local dir=$1 port=$2
    mkdir -p "$dir/logs" "$dir/tmp"
    cat >"$dir/nginx.conf" <<EOF
worker_processes auto;
pid $dir/nginx.pid;
error_log $dir/logs/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    keepalive_requests 1000000;
    client_body_temp_path $dir/tmp/body;
    proxy_temp_path $dir/tmp/proxy;
    fastcgi_temp_path $dir/tmp/fastcgi;
    uwsgi_temp_path $dir/tmp/uwsgi;
    scgi_temp_path $dir/tmp/scgi;
    server {
        listen 127.0.0.1:$port;
        location /api {
            default_type application/json;
            return 200 '{"query":{}}\n';
        }
    }
}
EOF
}

publish_echo() {
    local src=$WORK/src
    mkdir -p "$src"
    GIT_COMMIT=$(git -C "$REPO_DIR" rev-parse HEAD 2>/dev/null || echo unknown)
    if [[ $ECHO_SOURCE != head && -n $(git -C "$REPO_DIR" status --porcelain -- src 2>/dev/null || true) ]]; then
        GIT_DIRTY=1
    fi
    if [[ $ECHO_SOURCE == head ]]; then
        git -C "$REPO_DIR" archive HEAD Directory.Build.props Directory.Packages.props global.json .editorconfig src/Echo |
            tar -x -C "$src"
    else
        # A copy, so this build never shares obj/ with builds running in the working tree.
        tar -C "$REPO_DIR" --exclude=bin --exclude=obj -cf - \
            Directory.Build.props Directory.Packages.props global.json .editorconfig src/Echo | tar -x -C "$src"
    fi
    # Only the builds the selected servers need (a quick "SERVERS=echo-jit" run skips the AOT build).
    if [[ " $SERVERS " == *" echo-jit "* ]]; then
        log "publishing Echo (Release, JIT)"
        dotnet publish "$src/src/Echo" -c Release -o "$WORK/echo-jit" -nologo -v quiet >"$WORK/publish-jit.log" 2>&1 ||
            { cat "$WORK/publish-jit.log" >&2; die "JIT publish failed"; }
        [[ -x $WORK/echo-jit/Echo ]] || die "Echo JIT executable missing after publish"
    fi
    if [[ " $SERVERS " == *" echo-aot "* ]]; then
        log "publishing Echo (Release, Native AOT)"
        dotnet publish "$src/src/Echo" -c Release -r linux-x64 -p:PublishAot=true -o "$WORK/echo-aot" -nologo -v quiet \
            >"$WORK/publish-aot.log" 2>&1 || { cat "$WORK/publish-aot.log" >&2; die "AOT publish failed"; }
        [[ -x $WORK/echo-aot/Echo ]] || die "Echo AOT executable missing after publish"
    fi
}

# The framework's ceiling: bench/echo/baseline (Release, JIT), built from a copy with the repo's build settings.
publish_baseline() {
    local src=$WORK/baseline-src
    mkdir -p "$src"
    tar -C "$REPO_DIR" --exclude=bin --exclude=obj -cf - \
        Directory.Build.props Directory.Packages.props global.json .editorconfig bench/echo/baseline | tar -x -C "$src"
    log "publishing plain ASP.NET baseline (Release, JIT)"
    dotnet publish "$src/bench/echo/baseline" -c Release -o "$WORK/aspnet-plain" -nologo -v quiet \
        >"$WORK/publish-baseline.log" 2>&1 || { cat "$WORK/publish-baseline.log" >&2; die "baseline publish failed"; }
    [[ -x $WORK/aspnet-plain/Baseline ]] || die "Baseline executable missing after publish"
}

# measure NAME: cold starts (ready time, stop time), then warm-up and the measured runs on one instance.
measure() {
    local name=$1 run rss
    log "$name: $RUNS cold starts"
    for ((run = 1; run <= RUNS; run++)); do
        start_server "$name" "start$run"
        wait_ready "$name" "$PORT" "$READY_PATH"
        stop_server
        record "{\"kind\":\"start\",\"server\":\"$name\",\"run\":$run,\"ready_ms\":$READY_MS,\"stop_ms\":$STOP_MS}"
        log "  $name start $run: ready in $READY_MS ms, stopped in $STOP_MS ms"
    done

    start_server "$name" load
    wait_ready "$name" "$PORT" "$READY_PATH"
    local server_pid=$LAUNCH_PID
    log "$name: warm-up $WARMUP, then $RUNS x $DURATION"
    run_wrk "$name" "$PORT" warmup 1 "$WARMUP"
    for ((run = 1; run <= RUNS; run++)); do
        run_wrk "$name" "$PORT" measure "$run" "$DURATION"
    done
    read -r -a rss < <(rss_kb "$server_pid")
    record "{\"kind\":\"rss\",\"server\":\"$name\",\"rss_kb\":${rss[0]},\"processes\":${rss[1]}}"

    case $name in
        echo-*)
            # Let the log queue drain, scrape /metrics, then count what reached the file.
            nap 1
            curl -fsS "http://127.0.0.1:$PORT/metrics" >"$WORK/$name.metrics"
            local lines_at_scrape
            lines_at_scrape=$(wc -l <"$STDOUT_FILE")
            stop_server
            record "{\"kind\":\"echo_log\",\"server\":\"$name\",\"metrics\":\"$WORK/$name.metrics\",\"stdout\":\"$STDOUT_FILE\",\"lines_at_scrape\":$lines_at_scrape,\"lines_after_stop\":$(wc -l <"$STDOUT_FILE")}"
            ;;
        flask)
            stop_server
            record "{\"kind\":\"peer_log\",\"server\":\"$name\",\"id_lines\":$(grep -a -o 'id: ' "$STDOUT_FILE" | wc -l)}"
            ;;
        *)
            stop_server
            ;;
    esac
    log "$name: RSS after load ${rss[0]} kB over ${rss[1]} process(es)"
}

# ------------------------------------------------------------------ main ---
ensure_tools
WORK=$(mktemp -d /tmp/echo-bench.XXXXXX)
RECORDS=$WORK/records.jsonl
: >"$RECORDS"
mkfifo "$WORK/nap.fifo"
exec {SLEEP_FD}<>"$WORK/nap.fifo"
GUNICORN_WORKERS=$((2 * $(nproc) + 1))
GIT_COMMIT=unknown
GIT_DIRTY=0
LOADAVG_START=$(cut -d' ' -f1-3 /proc/loadavg)
mkdir -p "$RESULTS_DIR"

case " $SERVERS " in
    *" echo-"*) publish_echo ;;
esac
case " $SERVERS " in
    *" aspnet-plain "*) publish_baseline ;;
esac

for server in $SERVERS; do
    measure "$server"
done

log "writing $RESULTS_DIR/echo.md and echo.json"
export RECORDS RESULTS_DIR THREADS CONNECTIONS DURATION WARMUP RUNS WRK_TIMEOUT POLL_INTERVAL_S SERVERS \
    ECHO_SOURCE GUNICORN_WORKERS GIT_COMMIT GIT_DIRTY LOADAVG_START
TOOL_DOTNET=$(dotnet --version)
TOOL_WRK=$( (wrk -v 2>&1 || true) | awk 'NR == 1 {print $2}')
TOOL_NGINX=$(nginx -v 2>&1 | sed 's/^nginx version: //')
TOOL_GUNICORN=$(gunicorn --version 2>&1 | tr -d '()' | awk '{print $NF}')
TOOL_FLASK=$("$PYTHON" -c 'import importlib.metadata as m; print(m.version("flask"))')
TOOL_PYTHON=$("$PYTHON" -c 'import platform; print(platform.python_version())')
TOOL_CLANG=$(clang --version | awk 'NR == 1')
TOOL_CURL=$(curl --version | awk 'NR == 1 {print $2}')
export TOOL_DOTNET TOOL_WRK TOOL_NGINX TOOL_GUNICORN TOOL_FLASK TOOL_PYTHON TOOL_CLANG TOOL_CURL

"$PYTHON" - <<'PY'
import datetime, json, os, platform, re, statistics, subprocess

env = os.environ
records = [json.loads(line) for line in open(env["RECORDS"]) if line.strip()]
servers = env["SERVERS"].split()
LABELS = {"echo-jit": "Echo (JIT)", "echo-aot": "Echo (Native AOT)", "flask": "Flask + gunicorn", "nginx": "nginx (return 200)",
          "aspnet-plain": "ASP.NET minimal API, no logging (framework ceiling)"}


def cpu_model():
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def med(values):
    return statistics.median(values) if values else None


def errors_of(s):
    e = s["errors"]
    return e["connect"] + e["read"] + e["write"] + e["timeout"] + e["status"]


def prom_value(text, name):
    for line in text.splitlines():
        m = re.match(r"^" + re.escape(name) + r"(\{[^}]*\})?\s+(\S+)", line)
        if m:
            return float(m.group(2))
    return None


results = {}
for name in servers:
    runs = []
    for r in records:
        if r["kind"] == "wrk" and r["server"] == name:
            s = r["summary"]
            secs = s["duration_us"] / 1e6
            runs.append({
                "phase": r["phase"], "run": r["run"], "requests": s["requests"], "duration_s": round(secs, 3),
                "requests_per_s": round(s["requests"] / secs, 1) if secs else 0.0,
                "p50_ms": s["latency_us"]["p50"] / 1000, "p99_ms": s["latency_us"]["p99"] / 1000,
                "errors": errors_of(s), "summary": s,
                "wrk_output": open(r["output"]).read(),
            })
    measured = [r for r in runs if r["phase"] == "measure"]
    starts = [r for r in records if r["kind"] == "start" and r["server"] == name]
    rss = next((r for r in records if r["kind"] == "rss" and r["server"] == name), None)
    res = {
        "label": LABELS.get(name, name),
        "requests_per_s": med([r["requests_per_s"] for r in measured]),
        "p50_ms": med([r["p50_ms"] for r in measured]),
        "p99_ms": med([r["p99_ms"] for r in measured]),
        "errors_total": sum(r["errors"] for r in measured),
        "errors_median": med([r["errors"] for r in measured]),
        "rss_mb": round(rss["rss_kb"] / 1024, 1) if rss else None,
        "rss_processes": rss["processes"] if rss else None,
        "ready_ms": med([s["ready_ms"] for s in starts]),
        "stop_ms": med([s["stop_ms"] for s in starts]),
        "starts": [{"run": s["run"], "ready_ms": s["ready_ms"], "stop_ms": s["stop_ms"]} for s in starts],
        "runs": runs,
    }
    all_requests = sum(r["requests"] for r in runs)  # warm-up included: every /api request reached the server
    log_rec = next((r for r in records if r["kind"] == "echo_log" and r["server"] == name), None)
    if log_rec:
        metrics = open(log_rec["metrics"]).read()
        written = prom_value(metrics, "echo_log_lines_written_total")
        dropped = prom_value(metrics, "echo_log_lines_dropped_total")
        queue = prom_value(metrics, "echo_log_queue_length")
        access, ids, bad = 0, set(), 0
        with open(log_rec["stdout"], "rb") as f:
            for raw in f:
                try:
                    line = json.loads(raw)
                except ValueError:
                    bad += 1
                    continue
                if line.get("message") == "request answered" and line.get("path") == "/api":
                    access += 1
                    q = line.get("query") or {}
                    if "id" in q:
                        ids.add(q["id"][0])
        res["log"] = {
            "wrk_requests_including_warmup": all_requests,
            "access_lines": access,
            "distinct_ids": len(ids),
            "unparsable_lines": bad,
            "file_lines_at_scrape": log_rec["lines_at_scrape"],
            "file_lines_after_stop": log_rec["lines_after_stop"],
            "echo_log_lines_written_total": written,
            "echo_log_lines_dropped_total": dropped,
            "echo_log_queue_length": queue,
            # wrk does not count requests still in flight when it stops: up to one per connection per wrk run.
            "in_flight_allowance": int(env["CONNECTIONS"]) * len(runs),
        }
        lg = res["log"]
        lg["file_matches_counter"] = written is not None and lg["file_lines_at_scrape"] == int(written)
        lg["one_line_per_request"] = (0 <= access - all_requests <= lg["in_flight_allowance"]
                                      and lg["distinct_ids"] == access and bad == 0)
    peer = next((r for r in records if r["kind"] == "peer_log" and r["server"] == name), None)
    if peer:
        res["log"] = {"wrk_requests_including_warmup": all_requests, "id_lines": peer["id_lines"]}
    results[name] = res


def rps(name):
    return results.get(name, {}).get("requests_per_s")


def ratio(a, b):
    return round(rps(a) / rps(b), 3) if rps(a) and rps(b) else None


ratios = {
    "echo_jit_over_flask": ratio("echo-jit", "flask"),
    "echo_aot_over_flask": ratio("echo-aot", "flask"),
    "echo_jit_over_nginx": ratio("echo-jit", "nginx"),
    "echo_aot_over_nginx": ratio("echo-aot", "nginx"),
    "echo_jit_over_aspnet_plain": ratio("echo-jit", "aspnet-plain"),
    "echo_aot_over_aspnet_plain": ratio("echo-aot", "aspnet-plain"),
}

goals = []


def goal(text, value, target, ok, unit=""):
    goals.append({"goal": text, "value": value, "target": target, "unit": unit,
                  "met": None if value is None else bool(ok)})


for name, tag, ready_max, rss_max in (("echo-jit", "JIT", 150, 80), ("echo-aot", "AOT", 30, 30)):
    if name not in results:
        continue
    r = results[name]
    goal(f"Echo {tag} requests/s >= 10x Flask", ratios[f"echo_{tag.lower()}_over_flask"], ">= 10",
         (ratios[f"echo_{tag.lower()}_over_flask"] or 0) >= 10, "x")
    goal(f"Echo {tag} requests/s >= 0.60 of nginx", ratios[f"echo_{tag.lower()}_over_nginx"], ">= 0.60",
         (ratios[f"echo_{tag.lower()}_over_nginx"] or 0) >= 0.60, "x")
    if name == "echo-jit":
        goal("Echo JIT requests/s >= 0.85 of plain ASP.NET (logging and metrics cost at most ~15 % of the "
             "framework's own ceiling)", ratios["echo_jit_over_aspnet_plain"], ">= 0.85",
             (ratios["echo_jit_over_aspnet_plain"] or 0) >= 0.85, "x")
    goal(f"Echo {tag} p99 <= 3 ms at {env['CONNECTIONS']} connections", r["p99_ms"], "<= 3", r["p99_ms"] <= 3, "ms")
    goal(f"Echo {tag} ready <= {ready_max} ms", r["ready_ms"], f"<= {ready_max}", r["ready_ms"] <= ready_max, "ms")
    goal(f"Echo {tag} RSS after load <= {rss_max} MB", r["rss_mb"], f"<= {rss_max}", r["rss_mb"] <= rss_max, "MB")
    if "log" in r:
        goal(f"Echo {tag} one log line per request, none dropped",
             r["log"]["echo_log_lines_dropped_total"], "0 dropped, lines = requests",
             r["log"]["one_line_per_request"] and r["log"]["file_matches_counter"]
             and r["log"]["echo_log_lines_dropped_total"] == 0, "dropped")

# Start-up time and memory of Echo next to the plain ASP.NET baseline (JIT): the part that is the runtime's own.
runtime_share = {}
plain = results.get("aspnet-plain")
for name in ("echo-jit", "echo-aot"):
    if name in results and plain:
        r = results[name]
        runtime_share[name] = {
            "ready_ms": r["ready_ms"], "aspnet_plain_ready_ms": plain["ready_ms"],
            "ready_ms_above_plain": None if r["ready_ms"] is None or plain["ready_ms"] is None
            else round(r["ready_ms"] - plain["ready_ms"], 1),
            "rss_mb": r["rss_mb"], "aspnet_plain_rss_mb": plain["rss_mb"],
            "rss_mb_above_plain": None if r["rss_mb"] is None or plain["rss_mb"] is None
            else round(r["rss_mb"] - plain["rss_mb"], 1),
        }

machine = {
    "nproc": os.cpu_count(),
    "cpu_model": cpu_model(),
    "kernel": platform.release(),
    "os": subprocess.run(["sh", "-c", ". /etc/os-release && echo \"$PRETTY_NAME\""], capture_output=True, text=True).stdout.strip(),
    "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
    "loadavg_at_start": env["LOADAVG_START"].split(),
    "loadavg_at_end": open("/proc/loadavg").read().split()[:3],
}
tools = {k[5:].lower(): v for k, v in env.items() if k.startswith("TOOL_")}
load = {"tool": "wrk", "threads": int(env["THREADS"]), "connections": int(env["CONNECTIONS"]),
        "duration": env["DURATION"], "warmup": env["WARMUP"], "runs": int(env["RUNS"]), "timeout": env["WRK_TIMEOUT"],
        "script": "bench/echo/wrk-unique.lua", "ready_poll_interval_s": float(env["POLL_INTERVAL_S"]),
        "gunicorn_workers": int(env["GUNICORN_WORKERS"])}
now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
doc = {"date": now.isoformat(), "machine": machine, "tools": tools, "load": load,
       "echo_build": {"source": env["ECHO_SOURCE"], "commit": env["GIT_COMMIT"], "src_dirty": env["GIT_DIRTY"] != "0"},
       "results": results, "ratios": ratios, "startup_and_memory_vs_aspnet_plain": runtime_share, "goals": goals}
out = env["RESULTS_DIR"]
with open(os.path.join(out, "echo.json"), "w") as f:
    json.dump(doc, f, indent=2)
    f.write("\n")


def fmt(v, digits=1):
    if v is None:
        return "n/a"
    if isinstance(v, float):
        return f"{v:,.{digits}f}"
    return f"{v:,}"


def mark(m):
    return "n/a" if m is None else ("met" if m else "NOT met")


md = []
md.append("# Echo benchmark results\n")
md.append(f"- Date: {doc['date']}")
md.append(f"- Machine: {machine['nproc']} cores, {machine['cpu_model']}, {machine['memory_gb']} GiB, "
          f"kernel {machine['kernel']}, {machine['os']}; load average (1/5/15 min) "
          f"{' '.join(machine['loadavg_at_start'])} at the start, {' '.join(machine['loadavg_at_end'])} at the end")
md.append("- Tools: " + ", ".join(f"{k} {v}" for k, v in sorted(tools.items())))
md.append(f"- Load: wrk -t{load['threads']} -c{load['connections']} -d{load['duration']} --latency "
          f"-s bench/echo/wrk-unique.lua (unique id per request), warm-up {load['warmup']}, "
          f"median of {load['runs']} runs; gunicorn {load['gunicorn_workers']} sync workers; "
          f"every server's stdout goes to a file")
md.append(f"- Echo built from the {doc['echo_build']['source']} at commit {doc['echo_build']['commit'][:12]}"
          + (" (src/ had uncommitted changes)" if doc["echo_build"]["src_dirty"] else ""))
md.append("- wrk and the servers share the same cores; other work on the machine adds noise.\n")
md.append("| server | requests/s | p50 ms | p99 ms | errors (all runs) | RSS after load MB | ready ms | stop ms |")
md.append("|---|---:|---:|---:|---:|---:|---:|---:|")
for name in servers:
    r = results[name]
    md.append(f"| {r['label']} | {fmt(r['requests_per_s'])} | {fmt(r['p50_ms'], 2)} | {fmt(r['p99_ms'], 2)} | "
              f"{r['errors_total']} | {fmt(r['rss_mb'])} ({r['rss_processes']} proc) | {fmt(r['ready_ms'])} | {fmt(r['stop_ms'])} |")
md.append("\n| ratio (requests/s) | value |")
md.append("|---|---:|")
for k, label in (("echo_jit_over_flask", "Echo JIT / Flask"), ("echo_aot_over_flask", "Echo AOT / Flask"),
                 ("echo_jit_over_nginx", "Echo JIT / nginx"), ("echo_aot_over_nginx", "Echo AOT / nginx"),
                 ("echo_jit_over_aspnet_plain", "Echo JIT / plain ASP.NET"),
                 ("echo_aot_over_aspnet_plain", "Echo AOT / plain ASP.NET")):
    md.append(f"| {label} | {fmt(ratios[k], 3)} |")
if runtime_share:
    md.append("\nStart-up and memory next to the plain ASP.NET minimal API (JIT, no logging, no metrics): "
              "its figures are what the runtime and framework cost by themselves on this machine. "
              "The baseline runs JIT, so for Echo AOT the difference also includes AOT against JIT.\n")
    md.append("| server | ready ms | plain ASP.NET ready ms | Echo - plain ms | RSS after load MB | plain ASP.NET RSS MB | Echo - plain MB |")
    md.append("|---|---:|---:|---:|---:|---:|---:|")
    for name, s in runtime_share.items():
        md.append(f"| {results[name]['label']} | {fmt(s['ready_ms'])} | {fmt(s['aspnet_plain_ready_ms'])} | "
                  f"{fmt(s['ready_ms_above_plain'])} | {fmt(s['rss_mb'])} | {fmt(s['aspnet_plain_rss_mb'])} | "
                  f"{fmt(s['rss_mb_above_plain'])} |")
md.append("\n| goal | value | target | |")
md.append("|---|---:|---|---|")
for g in goals:
    md.append(f"| {g['goal']} | {fmt(g['value'], 2)} {g['unit']} | {g['target']} | {mark(g['met'])} |")
md.append("\n## Log lines\n")
for name in servers:
    lg = results[name].get("log")
    if not lg:
        continue
    if name.startswith("echo"):
        md.append(f"- {results[name]['label']}: {lg['access_lines']:,} access lines for {lg['wrk_requests_including_warmup']:,} "
                  f"requests counted by wrk (warm-up included; up to {lg['in_flight_allowance']} more may be in flight when wrk stops), "
                  f"{lg['distinct_ids']:,} distinct ids, {lg['unparsable_lines']} unparsable lines; file had "
                  f"{lg['file_lines_at_scrape']:,} lines when echo_log_lines_written_total was {fmt(lg['echo_log_lines_written_total'], 0)}; "
                  f"echo_log_lines_dropped_total {fmt(lg['echo_log_lines_dropped_total'], 0)}.")
    else:
        md.append(f"- {results[name]['label']}: {lg['id_lines']:,} 'id: ...' lines printed for "
                  f"{lg['wrk_requests_including_warmup']:,} requests counted by wrk.")
md.append("\n## Raw runs\n")
md.append("| server | phase | run | requests | requests/s | p50 ms | p99 ms | errors |")
md.append("|---|---|---:|---:|---:|---:|---:|---:|")
for name in servers:
    for r in results[name]["runs"]:
        md.append(f"| {results[name]['label']} | {r['phase']} | {r['run']} | {r['requests']:,} | {fmt(r['requests_per_s'])} | "
                  f"{fmt(r['p50_ms'], 2)} | {fmt(r['p99_ms'], 2)} | {r['errors']} |")
md.append("\n| server | start | ready ms | stop ms |")
md.append("|---|---:|---:|---:|")
for name in servers:
    for s in results[name]["starts"]:
        md.append(f"| {results[name]['label']} | {s['run']} | {fmt(s['ready_ms'])} | {fmt(s['stop_ms'])} |")
text = "\n".join(md) + "\n"
with open(os.path.join(out, "echo.md"), "w") as f:
    f.write(text)
print(text)
PY
