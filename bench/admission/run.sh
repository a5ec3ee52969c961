#!/usr/bin/env bash
# Admission webhook benchmark: our webhook (src/Admission, Release, JIT) against the
# case's original Python webhook (Flask served over TLS by gunicorn, sync workers),
# in one run on this machine under the same TLS load of ~3 KiB AdmissionReview
# requests for Deployments. See bench/README.md.
#
#   bench/admission/run.sh                       # defaults: 2 threads, 32 connections, 10 s, 3 runs
#   SERVERS=peer bench/admission/run.sh          # the Python peer only
#   DURATION=5s RUNS=1 bench/admission/run.sh    # quicker, noisier
#
# Writes bench/results/admission.md and bench/results/admission.json (override with RESULTS_DIR).
set -euo pipefail
export LC_ALL=C

THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-3s}
RUNS=${RUNS:-3}
WRK_TIMEOUT=${WRK_TIMEOUT:-2s}
READY_TIMEOUT_S=${READY_TIMEOUT_S:-60}
# Which servers to measure, in this order: "ours" (src/Admission) and "peer" (Flask + gunicorn).
SERVERS=${SERVERS:-"ours peer"}
# Build our webhook from a copy of the working tree (default) or of the committed HEAD.
ADMISSION_SOURCE=${ADMISSION_SOURCE:-worktree}
KEEP_WORK=${KEEP_WORK:-0}

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(cd "$BENCH_DIR/../.." && pwd)
RESULTS_DIR=${RESULTS_DIR:-$REPO_DIR/bench/results}
LUA=$BENCH_DIR/wrk-reviews.lua
PEER_DIR=$BENCH_DIR/peer
FIXTURES=$BENCH_DIR/reviews
# Variant name, then what each server must answer ("allowed" true/false). The peer only
# checks that resources.requests exists, so it allows a container without a memory request.
VARIANTS=(compliant missing-memory-request no-requests)
declare -A EXPECT=(
    [ours:compliant]=true [ours:missing-memory-request]=false [ours:no-requests]=false
    [peer:compliant]=true [peer:missing-memory-request]=true [peer:no-requests]=false
)
PLACEHOLDER_UID=00000000-0000-0000-0000-000000000000
PYTHON=/usr/bin/python3

# shellcheck source-path=SCRIPTDIR source=../lib/common.sh
source "$BENCH_DIR/../lib/common.sh"

for s in $SERVERS; do
    [[ $s == ours || $s == peer ]] || die "unknown server '$s' in SERVERS (use: ours peer)"
done
[[ -n ${SERVERS// /} ]] || die "SERVERS is empty"

# After a failure (not Ctrl-C) the work directory is kept and its path printed.
install_cleanup 1

# ----------------------------------------------------------- dependencies ---
ensure_tools() {
    need_command wrk wrk
    need_command gunicorn gunicorn
    need_command curl curl
    need_command openssl openssl
    need_command ps procps
    [[ -x $PYTHON ]] || MISSING_PACKAGES+=(python3)
    need_python_module flask python3-flask
    install_missing wrk python3 python3-flask gunicorn curl openssl procps
    if [[ " $SERVERS " == *" ours "* ]]; then
        command -v dotnet >/dev/null 2>&1 || die "dotnet SDK not found (needed for SERVERS containing 'ours')"
    fi
}

# ---------------------------------------------------------------- helpers ---
# A CA and a server certificate for 127.0.0.1/localhost (EC P-256), valid for a day,
# only in the temporary work directory.
make_tls() {
    local d=$WORK/tls
    mkdir -p "$d"
    chmod 700 "$d"
    openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$d/ca.key" 2>/dev/null
    openssl req -x509 -new -key "$d/ca.key" -sha256 -days 1 -subj "/CN=Shipshape bench CA" \
        -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
        -out "$d/ca.crt" 2>/dev/null
    openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$d/tls.key" 2>/dev/null
    openssl req -new -key "$d/tls.key" -subj "/CN=127.0.0.1" -out "$d/tls.csr" 2>/dev/null
    printf '%s\n' "basicConstraints=CA:FALSE" "keyUsage=critical,digitalSignature" \
        "extendedKeyUsage=serverAuth" "subjectAltName=IP:127.0.0.1,DNS:localhost" >"$d/ext.cnf"
    openssl x509 -req -in "$d/tls.csr" -CA "$d/ca.crt" -CAkey "$d/ca.key" -CAcreateserial -days 1 -sha256 \
        -extfile "$d/ext.cnf" -out "$d/tls.crt" 2>/dev/null
    openssl verify -CAfile "$d/ca.crt" "$d/tls.crt" >/dev/null || die "generated certificate does not verify"
    CA=$d/ca.crt
    CERT=$d/tls.crt
    KEY=$d/tls.key
}

# The committed fixtures, compacted as the API server sends them (one line, no spaces).
make_bodies() {
    local v
    mkdir -p "$WORK/reviews"
    for v in "${VARIANTS[@]}"; do
        "$PYTHON" - "$FIXTURES/$v.json" "$WORK/reviews/$v.json" "$PLACEHOLDER_UID" <<'PY'
import json, sys
src, dst, placeholder = sys.argv[1:4]
review = json.load(open(src))
assert review["request"]["uid"] == placeholder, f"{src}: request.uid is not the placeholder"
with open(dst, "w") as f:
    f.write(json.dumps(review, separators=(",", ":")))
PY
        record "{\"kind\":\"body\",\"variant\":\"$v\",\"bytes\":$(wc -c <"$WORK/reviews/$v.json")}"
    done
}

new_uid() { cat /proc/sys/kernel/random/uuid; }

# --------------------------------------------------------------- servers ---
publish_ours() {
    local src=$WORK/src
    # All of src/ (src/Admission may reference other projects there, e.g. src/Policy).
    copy_source "$ADMISSION_SOURCE" "$src" src
    [[ -f $src/src/Admission/Admission.csproj ]] ||
        die "src/Admission/Admission.csproj not found in the $ADMISSION_SOURCE (run with SERVERS=peer to measure the peer alone)"
    log "publishing our webhook (src/Admission, Release, JIT)"
    # No build servers: nothing of the build keeps running (and using CPU) during the measurement.
    dotnet_publish "$WORK/publish-ours.log" "publish of src/Admission failed" \
        "$src/src/Admission/Admission.csproj" -c Release -o "$WORK/ours" -p:UseAppHost=false --disable-build-servers
    [[ -f $WORK/ours/Shipshape.Admission.dll ]] || die "Shipshape.Admission.dll missing after publish"
}

# post_review PORT VARIANT UID OUT: POSTs one review over TLS (verified against the CA);
# prints "HTTP_CODE CONTENT_TYPE", the answer body goes to OUT.
post_review() {
    local port=$1 variant=$2 uid=$3 out=$4
    sed "s/$PLACEHOLDER_UID/$uid/" "$WORK/reviews/$variant.json" |
        curl -sS --max-time 10 --cacert "$CA" -H 'Content-Type: application/json' --data-binary @- \
            -o "$out" -w '%{http_code} %{content_type}' "https://127.0.0.1:$port/validate"
}

# ready NAME PORT: one readiness probe over TLS. Ours: GET /readyz answers 200. The peer
# has no health endpoint: a compliant review answered with 200.
ready() {
    local name=$1 port=$2 code
    case $name in
        ours)
            code=$(curl -s --max-time 2 --cacert "$CA" -o /dev/null -w '%{http_code}' "https://127.0.0.1:$port/readyz" || true)
            ;;
        peer)
            code=$(post_review "$port" compliant "$PLACEHOLDER_UID" /dev/null 2>/dev/null || true)
            code=${code%% *}
            ;;
    esac
    [[ $code == 200 ]]
}

# start_server NAME: launches one server on a fresh port and waits until it is ready; sets PORT, STDOUT_FILE.
start_server() {
    local name=$1
    PORT=$(free_port)
    STDOUT_FILE=$WORK/$name.stdout
    case $name in
        ours)
            launch "$STDOUT_FILE" env ASPNETCORE_ENVIRONMENT=Production \
                ASPNETCORE_URLS="https://127.0.0.1:$PORT" \
                Tls__CertificatePath="$CERT" Tls__KeyPath="$KEY" \
                Admission__Shutdown__DrainDelay=00:00:00 \
                dotnet "$WORK/ours/Shipshape.Admission.dll"
            ;;
        peer)
            launch "$STDOUT_FILE" gunicorn --workers "$GUNICORN_WORKERS" --worker-class sync \
                --certfile "$CERT" --keyfile "$KEY" \
                --bind "127.0.0.1:$PORT" --chdir "$PEER_DIR" app:app
            ;;
    esac
    wait_ready "$name" "$STDOUT_FILE.stderr" 0.05 ready "$name" "$PORT"
    log "$name ready on https://127.0.0.1:$PORT ($((READY_US / 1000)) ms after start)"
}

# check NAME PORT: POSTs each variant once and checks the answer: 200, JSON, an
# admission.k8s.io/v1 AdmissionReview with response.uid = the request's uid and
# response.allowed as expected for this server. Fails loudly otherwise.
check() {
    local name=$1 port=$2 v uid out meta expected
    for v in "${VARIANTS[@]}"; do
        uid=$(new_uid)
        out=$WORK/check-$name-$v.json
        meta=$(post_review "$port" "$v" "$uid" "$out") || die "$name: POST of $v failed"
        expected=${EXPECT[$name:$v]}
        "$PYTHON" - "$name" "$v" "$uid" "$expected" "$meta" "$out" >>"$RECORDS" <<'PY' ||
import json, sys
name, variant, uid, expected, meta, path = sys.argv[1:7]
code, _, ctype = meta.partition(" ")
raw = open(path, "rb").read()
problems = []
if code != "200":
    problems.append(f"HTTP {code}")
if not ctype.lower().startswith("application/json"):
    problems.append(f"Content-Type {ctype!r}")
try:
    doc = json.loads(raw)
except ValueError:
    doc = None
    problems.append("answer is not JSON")
resp = {}
if isinstance(doc, dict):
    if doc.get("apiVersion") != "admission.k8s.io/v1":
        problems.append(f"apiVersion {doc.get('apiVersion')!r}")
    if doc.get("kind") != "AdmissionReview":
        problems.append(f"kind {doc.get('kind')!r}")
    resp = doc.get("response") if isinstance(doc.get("response"), dict) else {}
    if resp.get("uid") != uid:
        problems.append(f"response.uid {resp.get('uid')!r} != request uid {uid!r}")
    if not isinstance(resp.get("allowed"), bool):
        problems.append(f"response.allowed {resp.get('allowed')!r} is not a boolean")
    elif resp["allowed"] != (expected == "true"):
        problems.append(f"response.allowed {resp['allowed']} but expected {expected}")
elif doc is not None:
    problems.append("answer is not a JSON object")
status = resp.get("status") if isinstance(resp.get("status"), dict) else {}
print(json.dumps({"kind": "check", "server": name, "variant": variant, "uid": uid, "http_code": code,
                  "content_type": ctype, "expected_allowed": expected == "true", "allowed": resp.get("allowed"),
                  "status_code": status.get("code"), "message": status.get("message"), "warnings": resp.get("warnings"),
                  "answer_bytes": len(raw), "ok": not problems, "problems": problems}))
if problems:
    sys.stderr.write(f"{name} {variant}: " + "; ".join(problems) + "\n" + raw[:2000].decode("utf-8", "replace") + "\n")
    sys.exit(1)
PY
            die "$name answered $v wrongly (above); its answer is in $out"
        log "  $name $v: allowed=$expected as expected, uid echoed"
    done
}

# run_wrk NAME PORT PHASE RUN DURATION
run_wrk() {
    local name=$1 port=$2 phase=$3 run=$4 duration=$5 tag=$4 files=() v
    # Run tag in the uids (their first field): distinct per server, phase and run.
    [[ $name == ours ]] && tag=$((tag + 1000))
    [[ $phase == measure ]] && tag=$((tag + 100))
    for v in "${VARIANTS[@]}"; do
        files+=("$WORK/reviews/$v.json")
    done
    wrk_run "$name" "$phase" "$run" "$duration" "https://127.0.0.1:$port/validate" "$tag" "${files[@]}"
}

# measure NAME: start, correctness check, warm-up, RUNS measured runs, RSS, stop.
measure() {
    local name=$1
    start_server "$name"
    log "$name: correctness check"
    check "$name" "$PORT"
    load_runs "$name" "$PORT"
    record_rss "$name" "$LAUNCH_PID"
    log "$name: RSS after load $RSS_KB kB over $RSS_PROCESSES process(es)"
    stop_server
}

# ------------------------------------------------------------------ main ---
ensure_tools
start_run admission
GIT_COMMIT=$(git -C "$REPO_DIR" rev-parse HEAD 2>/dev/null || echo unknown)
if awk -v l="${LOADAVG_START%% *}" -v n="$(nproc)" 'BEGIN { exit !(l > n / 2) }'; then
    log "note: load average ${LOADAVG_START%% *} on $(nproc) cores before the run: other work will move the figures"
fi

make_tls
make_bodies
if [[ " $SERVERS " == *" ours "* ]]; then
    publish_ours
fi

for server in $SERVERS; do
    measure "$server"
done

log "writing $RESULTS_DIR/admission.md and admission.json"
export_run_settings
export ADMISSION_SOURCE
export_tool_versions
TOOL_OPENSSL=$(openssl version | awk '{print $2}')
TOOL_DOTNET=$(dotnet --version 2>/dev/null || echo none)
export TOOL_OPENSSL TOOL_DOTNET

results_step <<'PY'
import os

from benchlib import (describe_machine, describe_tools, fmt, header_lines, load_records, load_settings, med,
                      now_iso, rss_of, write_results, wrk_runs)

env = os.environ
records = load_records(env["RECORDS"])
servers = env["SERVERS"].split()
LABELS = {"ours": "Shipshape.Admission (JIT)", "peer": "Python webhook (Flask + gunicorn)"}
GOAL_RATIO = 30
GOAL_P99_MS = 3
GOAL_CONNECTIONS = 32


def errors_of(s):
    # Socket errors + timeouts + answers that are not 2xx (wrk's own "status" counts only >= 400,
    # a subset of non2xx, so it is not added again).
    e = s["errors"]
    return e["connect"] + e["read"] + e["write"] + e["timeout"] + e["non2xx"]


results = {}
for name in servers:
    runs = wrk_runs(records, name, errors_of, mean=True, answers=True)
    measured = [r for r in runs if r["phase"] == "measure"]
    rss_mb, rss_processes = rss_of(records, name)
    checks = [{k: v for k, v in r.items() if k not in ("kind", "server")}
              for r in records if r["kind"] == "check" and r["server"] == name]
    # Under load every answer must carry the allowed value the correctness check saw for its variant:
    # with the round robin, allowed answers are the mix's share of all answers, give or take the
    # requests in flight when a run starts and stops (per run: connections + threads x variants).
    share = sum(c["expected_allowed"] for c in checks) / len(checks) if checks else None
    answered = sum(r["requests"] for r in measured)
    got = {k: sum(r["answers"][k] for r in measured) for k in ("allowed", "denied", "unparsed")}
    slack = len(measured) * (int(env["CONNECTIONS"]) + int(env["THREADS"]) * len(checks))
    expected_allowed = round(answered * share) if share is not None else None
    answers = {**got, "requests": answered, "expected_allowed_share": share, "expected_allowed": expected_allowed,
               "tolerance": slack,
               "match_mix": share is not None and got["unparsed"] == 0
               and abs(got["allowed"] - expected_allowed) <= slack and got["allowed"] + got["denied"] == answered}
    # A server whose measured runs keep getting faster had not reached its steady state (JIT tiering):
    # flag it, so a longer WARMUP can be tried.
    rates = [r["requests_per_s"] for r in measured]
    warming = len(rates) >= 2 and all(b > a for a, b in zip(rates, rates[1:])) and rates[-1] > 1.2 * rates[0]
    results[name] = {
        "label": LABELS[name],
        "still_warming_up": warming,
        "requests_per_s": med([r["requests_per_s"] for r in measured]),
        "p50_ms": med([r["p50_ms"] for r in measured]),
        "p99_ms": med([r["p99_ms"] for r in measured]),
        "mean_ms": med([r["mean_ms"] for r in measured]),
        "errors_total": sum(r["errors"] for r in measured),
        "rss_mb": rss_mb,
        "rss_processes": rss_processes,
        "answers_under_load": answers,
        "checks": checks,
        "runs": runs,
    }


def rps(name):
    return results.get(name, {}).get("requests_per_s")


ratio = round(rps("ours") / rps("peer"), 2) if rps("ours") and rps("peer") else None
connections = int(env["CONNECTIONS"])
goals = []
p99 = results.get("ours", {}).get("p99_ms")
goals.append({"goal": f"ours requests/s >= {GOAL_RATIO}x the peer's", "value": ratio, "unit": "x",
              "target": f">= {GOAL_RATIO}", "met": None if ratio is None else ratio >= GOAL_RATIO,
              "note": None if ratio is not None else "not measured: needs both servers in one run"})
goals.append({"goal": f"ours p99 <= {GOAL_P99_MS} ms at {GOAL_CONNECTIONS} connections", "value": p99, "unit": "ms",
              "target": f"<= {GOAL_P99_MS}",
              "met": None if p99 is None or connections != GOAL_CONNECTIONS else p99 <= GOAL_P99_MS,
              "note": "not measured: ours was not in this run" if p99 is None else
              (f"not checked: this run used {connections} connections" if connections != GOAL_CONNECTIONS else None)})

machine = describe_machine(env)
tools = describe_tools(env)
bodies = {r["variant"]: r["bytes"] for r in records if r["kind"] == "body"}
load = load_settings(env, "bench/admission/wrk-reviews.lua", url_path="/validate", tls="TLS, EC P-256 server certificate",
                     request_bodies_bytes=bodies, mix="round robin over the variants, equal shares",
                     gunicorn_workers=int(env["GUNICORN_WORKERS"]), gunicorn_worker_class="sync")
doc = {"date": now_iso(), "machine": machine, "tools": tools, "load": load,
       "git": {"commit": env["GIT_COMMIT"], "ours_source": env["ADMISSION_SOURCE"], "src_dirty": env["GIT_DIRTY"] != "0"},
       "servers": servers, "results": results, "ratio_ours_over_peer": ratio, "goals": goals,
       "reference": {"peer_requests_per_s_per_issue": 580,
                     "kyverno_published": "42.7 ms average latency at 100 users (Kyverno's published figure, not measured here)"}}


def mark(g):
    if g["met"] is None:
        return "n/a (" + g["note"] + ")"
    return "met" if g["met"] else "NOT met"


md = header_lines("Admission webhook benchmark results", doc,
                  " (the end's includes the benchmark's own wrk and server threads)")
md.append(f"- Load: wrk -t{load['threads']} -c{load['connections']} -d{load['duration']} --timeout {load['timeout']} --latency "
          f"-s bench/admission/wrk-reviews.lua, POST https://127.0.0.1:PORT/validate over TLS (EC P-256), "
          f"warm-up {load['warmup']}, median of {load['runs']} runs")
md.append("- Requests: AdmissionReview v1 for a Deployment (CREATE), compact JSON, a unique uid each, round robin over "
          + ", ".join(f"`{k}` ({v:,} bytes)" for k, v in bodies.items()))
md.append(f"- Peer: bench/admission/peer/app.py under gunicorn, {load['gunicorn_workers']} sync workers "
          "(2 x cores + 1), --certfile/--keyfile")
if "ours" in servers:
    md.append(f"- Ours: src/Admission published from the {env['ADMISSION_SOURCE']} at commit {env['GIT_COMMIT'][:12]}"
              + (" (src/ had uncommitted changes)" if doc["git"]["src_dirty"] else "")
              + ", `dotnet Shipshape.Admission.dll` (Release, JIT)")
else:
    md.append(f"- Git commit {env['GIT_COMMIT'][:12]}; ours was not in this run (SERVERS={env['SERVERS']!r})")
md.append("- wrk and the servers share the same cores; other work on the machine adds noise.\n")
md.append("| server | requests/s | p50 ms | p99 ms | errors (all runs) | RSS MB after load |")
md.append("|---|---:|---:|---:|---:|---:|")
for name in servers:
    r = results[name]
    md.append(f"| {r['label']} | {fmt(r['requests_per_s'])} | {fmt(r['p50_ms'], 2)} | {fmt(r['p99_ms'], 2)} | "
              f"{r['errors_total']} | {fmt(r['rss_mb'])} ({r['rss_processes']} proc) |")
for name in servers:
    r = results[name]
    if r["still_warming_up"]:
        rates = " -> ".join(fmt(x["requests_per_s"], 0) for x in r["runs"] if x["phase"] == "measure")
        md.append(f"\nNote: {r['label']} got faster from run to run ({rates} requests/s): it had not reached "
                  f"its steady state after the {env['WARMUP']} warm-up; the median understates it (try a longer WARMUP).")
md.append("\nAnswers under load (measured runs), against the share the correctness check implies for the mix:\n")
for name in servers:
    a = results[name]["answers_under_load"]
    md.append(f"- {results[name]['label']}: {a['allowed']:,} allowed, {a['denied']:,} denied, {a['unparsed']:,} without an "
              f"`allowed` value, of {a['requests']:,} answers; expected about {fmt(a['expected_allowed'])} allowed "
              f"(share {fmt(a['expected_allowed_share'], 3)}, tolerance {a['tolerance']}): "
              + ("matches" if a["match_mix"] else "does NOT match"))
md.append(f"\nRatio of requests/s, ours / peer: **{fmt(ratio, 2)}**" + ("" if ratio is not None else " (needs both servers)"))
md.append("\n| goal | value | target | |")
md.append("|---|---:|---|---|")
for g in goals:
    md.append(f"| {g['goal']} | {fmt(g['value'], 2)} {g['unit']} | {g['target']} | {mark(g)} |")
md.append("\nFor reference (not measured here): the issue gives about 580 requests/s for the peer on this kind of "
          "machine; Kyverno's published figure is 42.7 ms average latency at 100 users."
          + (f" Against that 580, ours' requests/s here would be {rps('ours') / 580:.1f}x; ours' mean latency here "
             f"was {fmt(results['ours']['mean_ms'], 2)} ms at {connections} connections." if rps("ours") else ""))
md.append("\n## Correctness check before the load\n")
md.append("Each variant POSTed once with curl over TLS, verified against the generated CA; the answer must be 200, "
          "JSON, an `admission.k8s.io/v1` AdmissionReview with `response.uid` equal to the request's uid and "
          "`response.allowed` as expected.\n")
md.append("| server | variant | expected allowed | allowed | message | warnings |")
md.append("|---|---|---|---|---|---|")
for name in servers:
    for c in results[name]["checks"]:
        msg = (c["message"] or "").replace("|", "\\|").replace("\n", " ")
        warns = "; ".join(str(w) for w in c["warnings"] or []).replace("|", "\\|").replace("\n", " ")
        md.append(f"| {results[name]['label']} | {c['variant']} | {str(c['expected_allowed']).lower()} | "
                  f"{str(c['allowed']).lower()} | {msg} | {warns} |")
md.append("\n## Raw runs\n")
md.append("| server | phase | run | requests | requests/s | p50 ms | p99 ms | mean ms | errors | allowed | denied | unparsed |")
md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for name in servers:
    for r in results[name]["runs"]:
        a = r["answers"]
        md.append(f"| {results[name]['label']} | {r['phase']} | {r['run']} | {r['requests']:,} | {fmt(r['requests_per_s'])} | "
                  f"{fmt(r['p50_ms'], 2)} | {fmt(r['p99_ms'], 2)} | {fmt(r['mean_ms'], 2)} | {r['errors']} | "
                  f"{a['allowed']:,} | {a['denied']:,} | {a['unparsed']:,} |")
write_results(env["RESULTS_DIR"], "admission", doc, md)
PY

# The charts (bench/plot): RESULTS_DIR's results files drawn again as PNGs beside them.
"$REPO_DIR/bench/plot/run.sh" "$RESULTS_DIR" || log "warning: charts not drawn (bench/plot/run.sh failed)"
