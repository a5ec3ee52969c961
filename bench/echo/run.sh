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

# shellcheck source-path=SCRIPTDIR source=../lib/common.sh
source "$BENCH_DIR/../lib/common.sh"
install_cleanup 0

# ----------------------------------------------------------- dependencies ---
ensure_tools() {
    need_command wrk wrk
    need_command nginx nginx-light
    need_command gunicorn gunicorn
    need_command clang clang
    need_command curl curl
    need_command jq jq
    need_command ps procps
    need_python_module flask python3-flask
    [[ -e /usr/include/zlib.h ]] || MISSING_PACKAGES+=(zlib1g-dev)
    install_missing wrk nginx-light python3-flask gunicorn clang zlib1g-dev curl jq procps
    command -v dotnet >/dev/null 2>&1 || die "dotnet SDK not found"
}

# ---------------------------------------------------------------- helpers ---
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

# await_ready NAME: polls READY_PATH on PORT every POLL_INTERVAL_S until a 200; sets READY_MS
# (exec to first ready answer).
await_ready() {
    wait_ready "$1" "$WORK/$1-*.stderr" "$POLL_INTERVAL_S" probe "$PORT" "$READY_PATH"
    READY_MS=$(us_to_ms "$READY_US")
}

# run_wrk NAME PORT PHASE RUN DURATION
run_wrk() {
    local name=$1 port=$2 phase=$3 run=$4 duration=$5
    wrk_run "$name" "$phase" "$run" "$duration" "http://127.0.0.1:$port/" "${phase:0:1}$run"
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
            launch "$out" env -C "$WORK/$name" \
                Echo__Shutdown__DrainDelay=00:00:00 ASPNETCORE_ENVIRONMENT=Production \
                ./Echo --urls "http://127.0.0.1:$PORT"
            ;;
        aspnet-plain)
            READY_PATH=/readyz
            launch "$out" env -C "$WORK/$name" ASPNETCORE_ENVIRONMENT=Production \
                ./Baseline --urls "http://127.0.0.1:$PORT"
            ;;
        flask)
            READY_PATH="/api?ready=1"
            launch "$out" gunicorn --workers "$GUNICORN_WORKERS" --worker-class sync \
                --bind "127.0.0.1:$PORT" --chdir "$PEER_DIR" app:app
            ;;
        nginx)
            READY_PATH="/api?ready=1"
            write_nginx_conf "$WORK/nginx-$run" "$PORT"
            launch "$out" nginx -p "$WORK/nginx-$run" -c "$WORK/nginx-$run/nginx.conf" -g 'daemon off;'
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
    # All of src/ (src/Echo references src/ServiceDefaults).
    copy_source "$ECHO_SOURCE" "$src" src
    # Only the builds the selected servers need (a quick "SERVERS=echo-jit" run skips the AOT build).
    if [[ " $SERVERS " == *" echo-jit "* ]]; then
        log "publishing Echo (Release, JIT)"
        dotnet_publish "$WORK/publish-jit.log" "JIT publish failed" "$src/src/Echo" -c Release -o "$WORK/echo-jit"
        [[ -x $WORK/echo-jit/Echo ]] || die "Echo JIT executable missing after publish"
    fi
    if [[ " $SERVERS " == *" echo-aot "* ]]; then
        log "publishing Echo (Release, Native AOT)"
        dotnet_publish "$WORK/publish-aot.log" "AOT publish failed" \
            "$src/src/Echo" -c Release -r linux-x64 -p:PublishAot=true -o "$WORK/echo-aot"
        [[ -x $WORK/echo-aot/Echo ]] || die "Echo AOT executable missing after publish"
    fi
}

# The framework's ceiling: bench/echo/baseline (Release, JIT), built from a copy with the repo's build settings.
publish_baseline() {
    local src=$WORK/baseline-src
    copy_tree "$src" bench/echo/baseline
    log "publishing plain ASP.NET baseline (Release, JIT)"
    dotnet_publish "$WORK/publish-baseline.log" "baseline publish failed" \
        "$src/bench/echo/baseline" -c Release -o "$WORK/aspnet-plain"
    [[ -x $WORK/aspnet-plain/Baseline ]] || die "Baseline executable missing after publish"
}

# measure NAME: cold starts (ready time, stop time), then warm-up and the measured runs on one instance.
measure() {
    local name=$1 run
    log "$name: $RUNS cold starts"
    for ((run = 1; run <= RUNS; run++)); do
        start_server "$name" "start$run"
        await_ready "$name"
        stop_server
        STOP_MS=$(us_to_ms "$STOP_US")
        record "{\"kind\":\"start\",\"server\":\"$name\",\"run\":$run,\"ready_ms\":$READY_MS,\"stop_ms\":$STOP_MS}"
        log "  $name start $run: ready in $READY_MS ms, stopped in $STOP_MS ms"
    done

    start_server "$name" load
    await_ready "$name"
    local server_pid=$LAUNCH_PID
    load_runs "$name" "$PORT"
    record_rss "$name" "$server_pid"

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
    log "$name: RSS after load $RSS_KB kB over $RSS_PROCESSES process(es)"
}

# ------------------------------------------------------------------ main ---
ensure_tools
start_run echo
open_nap
GIT_COMMIT=unknown

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
export_run_settings
export POLL_INTERVAL_S ECHO_SOURCE
TOOL_DOTNET=$(dotnet --version)
TOOL_NGINX=$(nginx -v 2>&1 | sed 's/^nginx version: //')
TOOL_CLANG=$(clang --version | awk 'NR == 1')
export TOOL_DOTNET TOOL_NGINX TOOL_CLANG
export_tool_versions

results_step <<'PY'
import json, os, re

from benchlib import (describe_machine, describe_tools, fmt, header_lines, load_records, load_settings, med,
                      now_iso, rss_of, write_results, wrk_runs)

env = os.environ
records = load_records(env["RECORDS"])
servers = env["SERVERS"].split()
LABELS = {"echo-jit": "Echo (JIT)", "echo-aot": "Echo (Native AOT)", "flask": "Flask + gunicorn", "nginx": "nginx (return 200)",
          "aspnet-plain": "ASP.NET minimal API, no logging (framework ceiling)"}


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
    runs = wrk_runs(records, name, errors_of)
    measured = [r for r in runs if r["phase"] == "measure"]
    starts = [r for r in records if r["kind"] == "start" and r["server"] == name]
    rss_mb, rss_processes = rss_of(records, name)
    res = {
        "label": LABELS.get(name, name),
        "requests_per_s": med([r["requests_per_s"] for r in measured]),
        "p50_ms": med([r["p50_ms"] for r in measured]),
        "p99_ms": med([r["p99_ms"] for r in measured]),
        "errors_total": sum(r["errors"] for r in measured),
        "errors_median": med([r["errors"] for r in measured]),
        "rss_mb": rss_mb,
        "rss_processes": rss_processes,
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

machine = describe_machine(env)
tools = describe_tools(env)
load = load_settings(env, "bench/echo/wrk-unique.lua", ready_poll_interval_s=float(env["POLL_INTERVAL_S"]),
                     gunicorn_workers=int(env["GUNICORN_WORKERS"]))
doc = {"date": now_iso(), "machine": machine, "tools": tools, "load": load,
       "echo_build": {"source": env["ECHO_SOURCE"], "commit": env["GIT_COMMIT"], "src_dirty": env["GIT_DIRTY"] != "0"},
       "results": results, "ratios": ratios, "startup_and_memory_vs_aspnet_plain": runtime_share, "goals": goals}


def mark(m):
    return "n/a" if m is None else ("met" if m else "NOT met")


md = header_lines("Echo benchmark results", doc)
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
write_results(env["RESULTS_DIR"], "echo", doc, md)
PY

# The charts (bench/plot): RESULTS_DIR's results files drawn again as PNGs beside them.
"$REPO_DIR/bench/plot/run.sh" "$RESULTS_DIR" || log "warning: charts not drawn (bench/plot/run.sh failed)"
