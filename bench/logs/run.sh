#!/usr/bin/env bash
# Logs benchmark (issue 4), in one run on this machine:
#   1. Echo (Release, JIT) with its file sink on against stdout only, under the Echo bench's wrk load;
#      Echo's peak log rate (MB/s) from the lines it wrote;
#   2. the log archiver (src/LogArchiver) on one core: MB/s of log archived and CPU seconds per MB,
#      with Verify=Download (the default) and Verify=Head, against a local S3 server (s3rver) on the
#      other core;
#   3. the Python peers on the same core, with the same log volume and the same S3 server: the case's
#      size-rotating logging handler uploading with boto3, and a like-for-like gzip + boto3 uploader.
# Every archived segment is checked in the store afterwards. See bench/README.md.
#
#   bench/logs/run.sh                                            # defaults: 512 MiB of log, 3 runs
#   LOG_VOLUME_MIB=64 RUNS=1 DURATION=5s bench/logs/run.sh       # quicker, noisier
#
# Writes bench/results/logs.md and bench/results/logs.json (override with RESULTS_DIR).
set -euo pipefail
export LC_ALL=C

# Part 1: the wrk load, as bench/echo/run.sh, with a longer warm-up (the ratio looked for is a small
# difference: both Echos should have finished tiering up before it is measured).
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-50}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-10s}
RUNS=${RUNS:-3}
WRK_TIMEOUT=${WRK_TIMEOUT:-2s}
READY_TIMEOUT_S=${READY_TIMEOUT_S:-60}
# Parts 2 and 3: the log volume (MiB, in segments of SEGMENT_MIB as Echo's default), the lines it repeats,
# the warm-up batch (segments), the idle baseline (s) and the longest a batch may take (s).
LOG_VOLUME_MIB=${LOG_VOLUME_MIB:-512}
SEGMENT_MIB=${SEGMENT_MIB:-16}
TEMPLATE_LINES=${TEMPLATE_LINES:-5000}
WARMUP_SEGMENTS=${WARMUP_SEGMENTS:-2}
IDLE_S=${IDLE_S:-2}
BATCH_TIMEOUT_S=${BATCH_TIMEOUT_S:-900}
# The core the archiver and the peers run on, and the one s3rver (and this script) run on.
ARCHIVE_CORE=${ARCHIVE_CORE:-1}
S3_CORE=${S3_CORE:-0}
# What to measure: "echo" (part 1) and "archive" (parts 2 and 3); ROWS: the archivers and peers of parts 2-3.
PARTS=${PARTS:-"echo archive"}
ROWS=${ROWS:-"archiver-download archiver-head peer-upload peer-handler"}
# Build Echo and the archiver from a copy of the working tree (default) or of the committed HEAD.
BUILD_SOURCE=${BUILD_SOURCE:-worktree}
KEEP_WORK=${KEEP_WORK:-0}

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(cd "$BENCH_DIR/../.." && pwd)
RESULTS_DIR=${RESULTS_DIR:-$REPO_DIR/bench/results}
LUA=$REPO_DIR/bench/echo/wrk-unique.lua
PEER_DIR=$BENCH_DIR/peer
PYTHON=/usr/bin/python3
BUCKET=logs

# shellcheck source-path=SCRIPTDIR source=../lib/common.sh
source "$BENCH_DIR/../lib/common.sh"

for p in $PARTS; do
    [[ $p == echo || $p == archive ]] || die "unknown part '$p' in PARTS (use: echo archive)"
done
for r in $ROWS; do
    [[ $r =~ ^(archiver-download|archiver-head|peer-upload|peer-handler)$ ]] ||
        die "unknown row '$r' in ROWS (use: archiver-download archiver-head peer-upload peer-handler)"
done
has_part() { [[ " $PARTS " == *" $1 "* ]]; }

# After a failure (not Ctrl-C) the work directory is kept and its path printed.
install_cleanup 1

# ----------------------------------------------------------- dependencies ---
ensure_tools() {
    need_command wrk wrk
    need_command curl curl
    need_command ps procps
    need_command taskset util-linux
    need_command node nodejs
    need_command npm npm
    [[ -x $PYTHON ]] || MISSING_PACKAGES+=(python3)
    need_python_module boto3 python3-boto3
    install_missing wrk curl procps util-linux nodejs npm python3 python3-boto3
    command -v dotnet >/dev/null 2>&1 || die "dotnet SDK not found"
    # s3rver comes from the repository's package.json (npm ci installs it, as scripts/install-deps.sh does).
    if [[ ! -f $REPO_DIR/node_modules/@20minutes/s3rver/package.json ]]; then
        log "installing the repository's npm packages (s3rver)"
        (cd "$REPO_DIR" && npm ci --no-audit --no-fund --loglevel=error)
    fi
}

# ---------------------------------------------------------------- helpers ---
# http_ok PORT PATH: a GET answered 2xx.
http_ok() { curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$1$2" 2>/dev/null; }

# file_has FILE PATTERN: FILE has a line matching PATTERN (grep -E).
file_has() { grep -Eq -- "$2" "$1" 2>/dev/null; }

publish() {
    local src=$WORK/src
    # All of src/ (both reference src/ServiceDefaults).
    copy_source "$BUILD_SOURCE" "$src" src
    if has_part echo || has_part archive; then
        log "publishing Echo (Release, JIT)"
        dotnet_publish "$WORK/publish-echo.log" "Echo publish failed" \
            "$src/src/Echo/Echo.csproj" -c Release -o "$WORK/echo" --disable-build-servers
        [[ -x $WORK/echo/Echo ]] || die "Echo executable missing after publish"
    fi
    if has_part archive && [[ " $ROWS " == *" archiver-"* ]]; then
        log "publishing the log archiver (Release, JIT)"
        dotnet_publish "$WORK/publish-archiver.log" "archiver publish failed" \
            "$src/src/LogArchiver/LogArchiver.csproj" -c Release -o "$WORK/archiver" -p:UseAppHost=false --disable-build-servers
        [[ -f $WORK/archiver/Shipshape.LogArchiver.dll ]] || die "Shipshape.LogArchiver.dll missing after publish"
    fi
}

# ----------------------------------------------------------- part 1: Echo ---
declare -A PORTS=() PIDS=()

# start_echo NAME: echo-stdout (stdout only) or echo-file (also FileLog__Directory=$WORK/segments,
# default segment size and flush interval); stdout to a file, as in bench/echo/run.sh.
start_echo() {
    local name=$1 port file_log=()
    port=$(free_port)
    if [[ $name == echo-file ]]; then
        mkdir -p "$WORK/segments"
        file_log=(FileLog__Directory="$WORK/segments")
    fi
    launch "$WORK/$name.stdout" env -C "$WORK/echo" \
        Echo__Shutdown__DrainDelay=00:00:00 ASPNETCORE_ENVIRONMENT=Production "${file_log[@]}" \
        ./Echo --urls "http://127.0.0.1:$port"
    wait_ready "$name" "$WORK/$name.stdout.stderr" 0.05 http_ok "$port" /readyz
    PORTS[$name]=$port
    PIDS[$name]=$LAUNCH_PID
    log "$name ready on http://127.0.0.1:$port"
}

# stop_pid PID: stops one of the servers started (stop_server stops the last one launched).
stop_pid() {
    LAUNCH_PID=$1
    stop_server
}

# run_wrk NAME PORT PHASE RUN DURATION: the Echo bench's load; ids tagged by server, phase and run.
# Also records the CPU time Echo used during the run (all its threads, its log writer's included).
run_wrk() {
    local name=$1 port=$2 phase=$3 run=$4 duration=$5 c0 c1
    cpu_ticks "${PIDS[$name]}" c0
    wrk_run "$name" "$phase" "$run" "$duration" "http://127.0.0.1:$port/" "${name:5:1}${phase:0:1}$run"
    cpu_ticks "${PIDS[$name]}" c1
    record "{\"kind\":\"echo_cpu\",\"server\":\"$name\",\"phase\":\"$phase\",\"run\":$run,\"cpu_ticks\":$((c1 - c0))}"
}

# finish_echo NAME: scrapes /metrics once the log queue drained, stops the server and records what it
# wrote: stdout lines and bytes, and for echo-file the segments, and whether they hold exactly stdout's bytes.
finish_echo() {
    local name=$1 pid=${PIDS[$1]} out=$WORK/$1.stdout extra="" segs=() active=() seg_bytes seg_lines same
    nap 1
    curl -fsS "http://127.0.0.1:${PORTS[$name]}/metrics" >"$WORK/$name.metrics"
    stop_pid "$pid"
    if [[ $name == echo-file ]]; then
        shopt -s nullglob
        segs=("$WORK/segments"/*.log)
        active=("$WORK/segments"/*.active)
        shopt -u nullglob
        ((${#segs[@]})) || die "echo-file wrote no closed segment; see $WORK/segments"
        seg_bytes=$(cat "${segs[@]}" | wc -c)
        seg_lines=$(cat "${segs[@]}" | wc -l)
        # The sink writes the same batches to stdout and to the segments: in name order they are stdout, byte for byte.
        same=false
        if [[ $(cat "${segs[@]}" | sha256sum) == "$(sha256sum <"$out")" ]]; then
            same=true
        fi
        extra=",\"segments\":${#segs[@]},\"segment_bytes\":$seg_bytes,\"segment_lines\":$seg_lines,\"active_left\":${#active[@]},\"segments_equal_stdout\":$same"
        log "$name: ${#segs[@]} segments, $seg_bytes bytes, $seg_lines lines; identical to stdout: $same"
    fi
    record "{\"kind\":\"echo_log\",\"server\":\"$name\",\"metrics\":\"$WORK/$name.metrics\",\"stdout\":\"$out\",\"stdout_lines\":$(wc -l <"$out"),\"stdout_bytes\":$(wc -c <"$out")$extra}"
}

# part_echo: both Echos run at once (the idle one costs nothing); warm-ups, then the measured runs
# in pairs, the order swapped every other pair (stdout, file; file, stdout; ...), so that drift on a
# shared machine (or JIT still tiering up) hits both alike; the ratio is the median of the pairs'.
part_echo() {
    local name run order
    start_echo echo-stdout
    start_echo echo-file
    log "Echo: warm-up $WARMUP each, then $RUNS x $DURATION each, in pairs of alternating order"
    for name in echo-stdout echo-file; do
        run_wrk "$name" "${PORTS[$name]}" warmup 1 "$WARMUP"
    done
    for ((run = 1; run <= RUNS; run++)); do
        order="echo-stdout echo-file"
        ((run % 2)) || order="echo-file echo-stdout"
        for name in $order; do
            run_wrk "$name" "${PORTS[$name]}" measure "$run" "$DURATION"
        done
    done
    for name in echo-stdout echo-file; do
        record_rss "$name" "${PIDS[$name]}"
        finish_echo "$name"
    done
}

# capture_lines: without part 1, a short run of Echo with the file sink gives the lines to repeat.
capture_lines() {
    start_echo echo-file
    log "echo-file: $WARMUP of load to capture access lines"
    run_wrk echo-file "${PORTS[echo-file]}" capture 1 "$WARMUP"
    nap 1
    stop_pid "${PIDS[echo-file]}"
}

# ---------------------------------------------- parts 2 and 3: archiving ---
declare -A CMD_FD=() DIRS=()
VOLUME=""
SEGMENTS_TOTAL=0
STAMP=""

make_volume() {
    local summary
    SEGMENTS_TOTAL=$(((LOG_VOLUME_MIB + SEGMENT_MIB - 1) / SEGMENT_MIB))
    ((SEGMENTS_TOTAL > WARMUP_SEGMENTS)) || die "LOG_VOLUME_MIB must hold more than WARMUP_SEGMENTS segments"
    VOLUME=$WORK/volume
    log "making the log volume: $SEGMENTS_TOTAL segments of up to $SEGMENT_MIB MiB from $TEMPLATE_LINES of Echo's lines"
    summary=$(PYTHONDONTWRITEBYTECODE=1 "$PYTHON" "$BENCH_DIR/make-volume.py" --from "$WORK/segments" --out "$VOLUME" \
        --segments "$SEGMENTS_TOTAL" --segment-bytes $((SEGMENT_MIB * 1024 * 1024)) --template-lines "$TEMPLATE_LINES")
    record "{\"kind\":\"volume\",\"manifest\":\"$VOLUME/manifest.json\",\"summary\":$summary}"
    log "volume: $summary"
    # The segments' start time, in their names (the archiver's keys take their date from it).
    STAMP=$(date -u +%Y%m%dT%H%M%S000Z)
}

start_s3() {
    local port
    port=$(free_port)
    mkdir -p "$WORK/s3"
    launch "$WORK/s3.stdout" taskset -c "$S3_CORE" \
        node --openssl-legacy-provider "$REPO_DIR/scripts/s3/s3-server.mjs" --directory "$WORK/s3" --port "$port" --bucket "$BUCKET"
    wait_ready s3rver "$WORK/s3.stdout.stderr" 0.05 file_has "$WORK/s3.stdout" '^S3 server listening on '
    S3_URL=http://127.0.0.1:$port
    S3_PID=$LAUNCH_PID
    log "s3rver on $S3_URL (core $S3_CORE)"
}

# start_row ROW: starts one archiver or peer on ARCHIVE_CORE, its directory empty, and waits until it is ready.
start_row() {
    local row=$1 dir=$WORK/$1/dir port fifo fd
    mkdir -p "$dir"
    DIRS[$row]=$dir
    case $row in
        archiver-*)
            port=$(free_port)
            local verify=Download
            [[ $row == archiver-head ]] && verify=Head
            launch "$WORK/$row.stdout" taskset -c "$ARCHIVE_CORE" env ASPNETCORE_ENVIRONMENT=Production \
                Archive__Directory="$dir" Archive__Bucket="$BUCKET" Archive__Namespace=bench Archive__Pod="$row" \
                Archive__Verify="$verify" S3__ServiceUrl="$S3_URL" \
                AWS_ACCESS_KEY_ID=S3RVER AWS_SECRET_ACCESS_KEY=S3RVER AWS_REGION=us-east-1 \
                dotnet "$WORK/archiver/Shipshape.LogArchiver.dll" --urls "http://127.0.0.1:$port"
            wait_ready "$row" "$WORK/$row.stdout.stderr" 0.05 http_ok "$port" /readyz
            PORTS[$row]=$port
            ;;
        peer-*)
            fifo=$WORK/$row/commands.fifo
            mkfifo "$fifo"
            local args=(--directory "$dir" --endpoint "$S3_URL" --bucket "$BUCKET" --prefix "logs/bench/$row" --commands "$fifo")
            if [[ $row == peer-handler ]]; then
                args+=(--max-bytes $((SEGMENT_MIB * 1024 * 1024)) --done-dir "$WORK/$row")
            fi
            launch "$WORK/$row.stdout" taskset -c "$ARCHIVE_CORE" env PYTHONDONTWRITEBYTECODE=1 \
                "$PYTHON" "$PEER_DIR/${row#peer-}.py" "${args[@]}"
            # Opened read-write: never blocks, and the peer sees no end of file between commands.
            exec {fd}<>"$fifo"
            CMD_FD[$row]=$fd
            wait_ready "$row" "$WORK/$row.stdout.stderr" 0.05 file_has "$WORK/$row.stdout" '"ready": true'
            ;;
    esac
    PIDS[$row]=$LAUNCH_PID
    log "$row ready (pid $LAUNCH_PID, core $ARCHIVE_CORE)"
}

# scrape ROW PHASE RUN: the archiver's /metrics after a batch (after its CPU time was read).
scrape() {
    local out=$WORK/$1-$2-$3.metrics
    curl -fsS --max-time 10 "http://127.0.0.1:${PORTS[$1]}/metrics" >"$out" || die "$1: /metrics scrape failed"
    SCRAPE=$out
}

# stage ROW TAG COUNT DEST: hard links to the volume's first COUNT segments in DEST (no copy: the same
# cached bytes for every batch), named as Echo names its closed segments, the batch's tag as their pid
# field, so that every batch has keys of its own.
stage() {
    local row=$1 tag=$2 count=$3 dest=$4 i src name
    mkdir -p "$dest"
    for ((i = 0; i < count; i++)); do
        printf -v src '%s/vol-%06d.log' "$VOLUME" "$i"
        if [[ $row == peer-handler ]]; then
            name=${src##*/}
        else
            printf -v name 'echo-%s-%d-%010d.log' "$STAMP" "$tag" "$i"
        fi
        ln "$src" "$dest/$name"
    done
}

# batch_done ROW TAG: the batch is through: no closed segment left in the directory (each is deleted only
# once stored), or for the handler peer its done file.
batch_done() {
    if [[ $1 == peer-handler ]]; then
        [[ -e $WORK/$1/done-$2 ]]
    else
        if compgen -G "${DIRS[$1]}/*.log" >/dev/null; then
            return 1
        fi
    fi
}

# batch ROW PHASE RUN COUNT: COUNT segments through ROW, timed from when they are handed over until they
# are all stored (and gone from the directory); CPU time of ROW's process and of s3rver over that span.
batch() {
    local row=$1 phase=$2 run=$3 count=$4 tag in pid=${PIDS[$1]} c0 c1 s0 s1 t0 t1 deadline
    tag=$((BATCH_SEQ += 1))
    in=$WORK/$row/in-$tag
    stage "$row" "$tag" "$count" "$in"
    cpu_ticks "$pid" c0
    cpu_ticks "$S3_PID" s0
    t0=$(now_us)
    case $row in
        archiver-*) mv "$in"/*.log "${DIRS[$row]}/" ;;
        peer-upload)
            mv "$in"/*.log "${DIRS[$row]}/"
            echo "run $tag" >&"${CMD_FD[$row]}"
            ;;
        peer-handler) echo "run $tag $in" >&"${CMD_FD[$row]}" ;;
    esac
    deadline=$((t0 + BATCH_TIMEOUT_S * 1000000))
    until batch_done "$row" "$tag"; do
        kill -0 "$pid" 2>/dev/null || die "$row exited during a batch; see $WORK/$row.stdout.stderr"
        (($(now_us) < deadline)) || die "$row: batch $tag not done after ${BATCH_TIMEOUT_S}s; see $WORK/$row.stdout"
        nap 0.02
    done
    t1=$(now_us)
    cpu_ticks "$pid" c1
    cpu_ticks "$S3_PID" s1
    local extra=""
    case $row in
        archiver-*)
            scrape "$row" "$phase" "$run"
            local staged_left=0
            staged_left=$(find "${DIRS[$row]}/.archiver" -type f 2>/dev/null | wc -l)
            extra=",\"metrics\":\"$SCRAPE\",\"staged_left\":$staged_left"
            ;;
        peer-*)
            # The peer's own count of what it did, printed once it is through.
            local result="" wait_until=$(($(now_us) + 30000000))
            until result=$(grep -F "\"tag\": \"$tag\"" "$WORK/$row.stdout"); do
                (($(now_us) < wait_until)) || die "$row printed no result for batch $tag"
                nap 0.05
            done
            extra=",\"result\":$result"
            ;;
    esac
    rm -rf "$in"
    record "{\"kind\":\"batch\",\"row\":\"$row\",\"phase\":\"$phase\",\"run\":$run,\"tag\":$tag,\"segments\":$count,\"wall_us\":$((t1 - t0)),\"cpu_ticks\":$((c1 - c0)),\"s3_cpu_ticks\":$((s1 - s0))$extra}"
    log "  $row $phase $run: $count segments in $(us_to_ms $((t1 - t0))) ms, CPU $(((c1 - c0) * 1000 / CLK_TCK)) ms (s3rver $(((s1 - s0) * 1000 / CLK_TCK)) ms)"
}

# idle_baseline: CPU ticks each process uses while nothing is to do, over IDLE_S (timers, the archiver's
# directory poll); the results subtract this rate over each batch's wall time.
idle_baseline() {
    local row t0 t1
    declare -A before=()
    for row in $ROWS; do
        cpu_ticks "${PIDS[$row]}" "before[$row]"
    done
    t0=$(now_us)
    nap "$IDLE_S"
    t1=$(now_us)
    for row in $ROWS; do
        local after
        cpu_ticks "${PIDS[$row]}" after
        record "{\"kind\":\"idle\",\"row\":\"$row\",\"wall_us\":$((t1 - t0)),\"cpu_ticks\":$((after - ${before[$row]}))}"
    done
}

part_archive() {
    local row run
    make_volume
    if (($(nproc) < 2)); then
        log "note: $(nproc) core: the archiver, the peers and s3rver share it"
        ARCHIVE_CORE=0
        S3_CORE=0
    fi
    # From here on this script (its polling, curl, the checks) stays off the measured core.
    taskset -pc "$S3_CORE" $$ >/dev/null
    start_s3
    for row in $ROWS; do
        start_row "$row"
        if [[ $row == archiver-* ]]; then
            scrape "$row" start 0
            record "{\"kind\":\"scrape\",\"row\":\"$row\",\"metrics\":\"$SCRAPE\"}"
        fi
    done
    log "archiving: warm-up of $WARMUP_SEGMENTS segments each, idle baseline ${IDLE_S}s, then $RUNS x $SEGMENTS_TOTAL segments each, rows alternating"
    for row in $ROWS; do
        batch "$row" warmup 1 "$WARMUP_SEGMENTS"
    done
    idle_baseline
    for ((run = 1; run <= RUNS; run++)); do
        for row in $ROWS; do
            batch "$row" measure "$run" "$SEGMENTS_TOTAL"
        done
    done
    log "checking every batch's objects in the store"
    verify_store
    for row in $ROWS; do
        stop_pid "${PIDS[$row]}"
    done
    stop_pid "$S3_PID"
}

# verify_store: lists the bucket and checks every batch: archivers and the upload peer, one object per
# segment under the expected keys; the handler peer, as many objects as it rotated, holding exactly the
# bytes it was given. For each batch the first and last objects are downloaded and compared with the
# volume (gunzipped where compressed; the archiver's also against their SHA-256 metadata).
verify_store() {
    S3_URL=$S3_URL BUCKET=$BUCKET STAMP=$STAMP PYTHONDONTWRITEBYTECODE=1 PYTHONPATH="$PEER_DIR" \
        "$PYTHON" - "$RECORDS" "$VOLUME/manifest.json" >"$WORK/verify.jsonl" <<'PY'
import gzip, hashlib, json, os, sys

from store import client

records = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
manifest = json.load(open(sys.argv[2]))
files = manifest["files"]
volume_dir = os.path.dirname(sys.argv[2])
s3, _ = client(os.environ["S3_URL"])
bucket, stamp = os.environ["BUCKET"], os.environ["STAMP"]

objects = {}
for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket):
    for o in page.get("Contents", []):
        objects[o["Key"]] = o["Size"]


def volume_bytes(start, length):
    """LENGTH bytes of the volume's segments laid end to end, from START."""
    out, offset = bytearray(), 0
    for f in files:
        if start < offset + f["bytes"] and len(out) < length:
            with open(os.path.join(volume_dir, f["name"]), "rb") as fh:
                fh.seek(max(0, start - offset))
                out += fh.read(length - len(out))
        offset += f["bytes"]
    return bytes(out)


def sha(b):
    return hashlib.sha256(b).hexdigest()


for b in (r for r in records if r["kind"] == "batch"):
    row, tag, count = b["row"], b["tag"], b["segments"]
    problems, samples = [], []
    if row == "peer-handler":
        prefix = f"logs/bench/{row}/{tag}/"
        keys = sorted(k for k in objects if k.startswith(prefix))
        expected_bytes = sum(f["bytes"] for f in files[:count])
        stored = sum(objects[k] for k in keys)
        if len(keys) != b["result"]["rotations"]:
            problems.append(f"{len(keys)} objects, the handler rotated {b['result']['rotations']} files")
        if stored != expected_bytes:
            problems.append(f"{stored} bytes stored, {expected_bytes} logged")
        offsets, at = {}, 0
        for k in keys:
            offsets[k] = at
            at += objects[k]
        for k in {keys[0], keys[-1]} if keys else ():
            body = s3.get_object(Bucket=bucket, Key=k)["Body"].read()
            ok = body == volume_bytes(offsets[k], len(body))
            samples.append({"key": k, "bytes": len(body), "matches_volume": ok})
            if not ok:
                problems.append(f"{k} differs from the lines logged")
    else:
        prefix = f"logs/bench/{row}/"
        want = {f"echo-{stamp}-{tag}-{i:010d}.log.gz": i for i in range(count)}
        keys = sorted(k for k in objects if k.startswith(prefix) and k.rsplit("/", 1)[1] in want)
        extra = sorted(k for k in objects if k.startswith(prefix) and f"-{tag}-" in k.rsplit("/", 1)[1]
                       and k.rsplit("/", 1)[1] not in want)
        if len(keys) != count:
            problems.append(f"{len(keys)} objects for {count} segments")
        if extra:
            problems.append(f"unexpected objects: {extra[:3]}")
        stored = sum(objects[k] for k in keys)
        for k in {keys[0], keys[-1]} if keys else ():
            got = s3.get_object(Bucket=bucket, Key=k)
            body = got["Body"].read()
            seq = want[k.rsplit("/", 1)[1]]
            ok = sha(gzip.decompress(body)) == files[seq]["sha256"]
            sample = {"key": k, "bytes": len(body), "gunzipped_matches_segment": ok}
            if row.startswith("archiver"):
                sample["sha256_metadata_matches"] = got["Metadata"].get("sha256") == sha(body)
                ok = ok and sample["sha256_metadata_matches"]
            samples.append(sample)
            if not ok:
                problems.append(f"{k} does not hold its segment")
    print(json.dumps({"kind": "verify", "row": row, "tag": tag, "phase": b["phase"], "run": b["run"],
                      "objects": len(keys), "stored_bytes": stored, "samples": samples, "ok": not problems,
                      "problems": problems}))
PY
    cat "$WORK/verify.jsonl" >>"$RECORDS"
}

# ------------------------------------------------------------------ main ---
ensure_tools
start_run logs
open_nap
CLK_TCK=$(getconf CLK_TCK)
BATCH_SEQ=0
GIT_COMMIT=$(git -C "$REPO_DIR" rev-parse HEAD 2>/dev/null || echo unknown)
if awk -v l="${LOADAVG_START%% *}" -v n="$(nproc)" 'BEGIN { exit !(l > n / 2) }'; then
    log "note: load average ${LOADAVG_START%% *} on $(nproc) cores before the run: other work will move the figures"
fi

publish
if has_part echo; then
    part_echo
elif has_part archive; then
    capture_lines
fi
if has_part archive; then
    part_archive
fi

log "writing $RESULTS_DIR/logs.md and logs.json"
export_run_settings
export PARTS ROWS BUILD_SOURCE LOG_VOLUME_MIB SEGMENT_MIB TEMPLATE_LINES WARMUP_SEGMENTS IDLE_S ARCHIVE_CORE S3_CORE CLK_TCK
TOOL_WRK=$( (wrk -v 2>&1 || true) | awk 'NR == 1 {print $2}')
TOOL_DOTNET=$(dotnet --version)
TOOL_NODE=$(node --version)
TOOL_S3RVER=$("$PYTHON" -c 'import json, sys; print(json.load(open(sys.argv[1]))["version"])' \
    "$REPO_DIR/node_modules/@20minutes/s3rver/package.json")
TOOL_PYTHON=$("$PYTHON" -c 'import platform; print(platform.python_version())')
TOOL_BOTO3=$("$PYTHON" -c 'import boto3; print(boto3.__version__)')
TOOL_BOTOCORE=$("$PYTHON" -c 'import botocore; print(botocore.__version__)')
TOOL_CURL=$(curl --version | awk 'NR == 1 {print $2}')
export TOOL_WRK TOOL_DOTNET TOOL_NODE TOOL_S3RVER TOOL_PYTHON TOOL_BOTO3 TOOL_BOTOCORE TOOL_CURL

results_step <<'PY'
import json, os, re, sys

from benchlib import (describe_machine, describe_tools, fmt, header_lines, load_records, load_settings, mark, med,
                      now_iso, ratio, rss_of, write_results, wrk_runs)

env = os.environ
records = load_records(env["RECORDS"])
parts = env["PARTS"].split()
rows = env["ROWS"].split() if "archive" in parts else []
clk = int(env["CLK_TCK"])
MB = 1e6
LABELS = {
    "echo-stdout": "Echo (JIT), stdout only",
    "echo-file": "Echo (JIT), stdout + file sink (16 MiB segments, FlushInterval 0)",
    "archiver-download": "log archiver, Verify=Download (default)",
    "archiver-head": "log archiver, Verify=Head",
    "peer-upload": "Python peer: gzip + boto3 upload_file (like for like)",
    "peer-handler": "Python peer: RotatingFileHandler + boto3 upload_file (the case's approach)",
}


def errors_of(s):
    e = s["errors"]
    return e["connect"] + e["read"] + e["write"] + e["timeout"] + e["status"]


def prom(text, name, labels=None):
    """Sum of the samples of NAME (whose labels include LABELS), None when absent."""
    total, found = 0.0, False
    for line in text.splitlines():
        m = re.match(r"^" + re.escape(name) + r"(\{[^}]*\})?\s+(\S+)", line)
        if m and (labels is None or labels in (m.group(1) or "")):
            total += float(m.group(2))
            found = True
    return total if found else None


goals, checks = [], []


def goal(text, value, target, ok, unit=""):
    goals.append({"goal": text, "value": value, "target": target, "unit": unit, "met": None if value is None else bool(ok)})


def check(text, ok, detail=""):
    checks.append({"check": text, "ok": bool(ok), "detail": detail})


# ------------------------------------------------------------- part 1 ---
echo = {}
if "echo" in parts:
    for name in ("echo-stdout", "echo-file"):
        runs = wrk_runs(records, name, errors_of)
        measured = [r for r in runs if r["phase"] == "measure"]
        rss_mb, rss_processes = rss_of(records, name)
        lg = next(r for r in records if r["kind"] == "echo_log" and r["server"] == name)
        metrics = open(lg["metrics"]).read()
        access, ids, access_bytes, bad = 0, set(), 0, 0
        with open(lg["stdout"], "rb") as f:
            for raw in f:
                try:
                    line = json.loads(raw)
                except ValueError:
                    bad += 1
                    continue
                if line.get("message") == "request answered" and line.get("path") == "/api":
                    access += 1
                    access_bytes += len(raw)
                    ids.add(((line.get("query") or {}).get("id") or [None])[0])
        all_requests = sum(r["requests"] for r in runs)
        allowance = int(env["CONNECTIONS"]) * len(runs)
        # Echo's CPU time per request answered (wrk's count) in each measured run.
        for r in runs:
            c = next((x for x in records if x["kind"] == "echo_cpu" and x["server"] == name
                      and x["phase"] == r["phase"] and x["run"] == r["run"]), None)
            r["echo_cpu_s"] = c["cpu_ticks"] / clk if c else None
            r["echo_cpu_us_per_request"] = round(c["cpu_ticks"] / clk / r["requests"] * 1e6, 2) if c and r["requests"] else None
        res = {
            "label": LABELS[name],
            "requests_per_s": med([r["requests_per_s"] for r in measured]),
            "echo_cpu_us_per_request": med([r["echo_cpu_us_per_request"] for r in measured if r["echo_cpu_us_per_request"]]),
            "p50_ms": med([r["p50_ms"] for r in measured]),
            "p99_ms": med([r["p99_ms"] for r in measured]),
            "errors_total": sum(r["errors"] for r in measured),
            "rss_mb": rss_mb, "rss_processes": rss_processes,
            "log": {
                "stdout_lines": lg["stdout_lines"], "stdout_bytes": lg["stdout_bytes"],
                "access_lines": access, "access_line_bytes": access_bytes, "distinct_ids": len(ids),
                "unparsable_lines": bad, "wrk_requests_including_warmup": all_requests, "in_flight_allowance": allowance,
                "echo_log_lines_written_total": prom(metrics, "echo_log_lines_written_total"),
                "echo_log_lines_dropped_total": prom(metrics, "echo_log_lines_dropped_total"),
                "echo_log_file_lines_dropped_total": prom(metrics, "echo_log_file_lines_dropped_total"),
                "echo_log_segments_closed_total": prom(metrics, "echo_log_segments_closed_total"),
            },
            "runs": runs,
        }
        for k in ("segments", "segment_bytes", "segment_lines", "active_left", "segments_equal_stdout"):
            if k in lg:
                res["log"][k] = lg[k]
        L = res["log"]
        L["one_line_per_request"] = 0 <= access - all_requests <= allowance and len(ids) == access and bad == 0
        check(f"{LABELS[name]}: one access line per request (wrk's count + up to {allowance} in flight), "
              "every id distinct, none dropped", L["one_line_per_request"] and L["echo_log_lines_dropped_total"] == 0,
              f"{access:,} access lines, {all_requests:,} requests, {len(ids):,} distinct ids, "
              f"{fmt(L['echo_log_lines_dropped_total'], 0)} dropped")
        if name == "echo-file":
            check("Echo's segments hold exactly its stdout (same bytes, name order), none left open, "
                  "none dropped from the file", L["segments_equal_stdout"] and L["active_left"] == 0
                  and L["echo_log_file_lines_dropped_total"] == 0,
                  f"{L['segments']} segments, {L['segment_bytes']:,} bytes, {L['segment_lines']:,} lines")
        echo[name] = res
    f = echo["echo-file"]["log"]
    avg_line = f["segment_bytes"] / f["segment_lines"]
    avg_access = f["access_line_bytes"] / f["access_lines"]
    rps_file = echo["echo-file"]["requests_per_s"]
    # Run i of each server is a pair, measured back to back: its ratio is free of the drift between pairs.
    by_run = {n: {r["run"]: r["requests_per_s"] for r in echo[n]["runs"] if r["phase"] == "measure"} for n in echo}
    pairs = [{"run": i, "stdout": by_run["echo-stdout"][i], "file": by_run["echo-file"][i],
              "ratio": ratio(by_run["echo-file"][i], by_run["echo-stdout"][i], 3)}
             for i in sorted(by_run["echo-stdout"]) if i in by_run["echo-file"]]
    for n in echo:
        rates = [by_run[n][i] for i in sorted(by_run[n])]
        echo[n]["still_warming_up"] = (len(rates) >= 2 and all(b > a for a, b in zip(rates, rates[1:]))
                                       and rates[-1] > 1.2 * rates[0])
    echo_summary = {
        "ratio_file_over_stdout": med([p["ratio"] for p in pairs if p["ratio"] is not None]),
        "ratio_of_median_requests_per_s": ratio(rps_file, echo["echo-stdout"]["requests_per_s"], 3),
        "cpu_per_request_file_over_stdout": ratio(echo["echo-file"]["echo_cpu_us_per_request"],
                                                  echo["echo-stdout"]["echo_cpu_us_per_request"], 3),
        "pairs": pairs,
        "avg_line_bytes": round(avg_line, 1),
        "avg_access_line_bytes": round(avg_access, 1),
        "peak_log_rate_mb_s": round(rps_file * avg_line / MB, 2),
        "peak_log_rate_stdout_only_mb_s": round(echo["echo-stdout"]["requests_per_s"] * avg_line / MB, 2),
    }
    goal("Echo with the file sink >= 0.90 of stdout only (requests/s, median of the paired runs' ratios)",
         echo_summary["ratio_file_over_stdout"], ">= 0.90",
         (echo_summary["ratio_file_over_stdout"] or 0) >= 0.90, "x")
else:
    echo_summary = {}

# ------------------------------------------------------- parts 2 and 3 ---
archive = {}
volume = next((r for r in records if r["kind"] == "volume"), None)
if rows:
    manifest = json.load(open(volume["manifest"]))
    sizes = [f["bytes"] for f in manifest["files"]]
    verifies = {(v["row"], v["tag"]): v for v in records if v["kind"] == "verify"}
    for row in rows:
        idle = next(r for r in records if r["kind"] == "idle" and r["row"] == row)
        idle_rate = idle["cpu_ticks"] / clk / (idle["wall_us"] / 1e6)
        last_metrics = next((r["metrics"] for r in records if r["kind"] == "scrape" and r["row"] == row), None)
        batches = []
        for b in (r for r in records if r["kind"] == "batch" and r["row"] == row):
            wall = b["wall_us"] / 1e6
            bytes_in = sum(sizes[:b["segments"]])
            cpu_raw = b["cpu_ticks"] / clk
            cpu = max(cpu_raw - idle_rate * wall, 0.0)
            v = verifies.get((row, b["tag"]))
            out = {"phase": b["phase"], "run": b["run"], "tag": b["tag"], "segments": b["segments"], "bytes_in": bytes_in,
                   "wall_s": round(wall, 3), "mb_per_s": round(bytes_in / MB / wall, 2),
                   "cpu_s_raw": round(cpu_raw, 2), "cpu_s": round(cpu, 3),
                   "cpu_s_per_mb": round(cpu / (bytes_in / MB), 5),
                   "pct_core_at_10_mb_s": round(cpu / (bytes_in / MB) * 10 * 100, 2),
                   "cpu_share_of_wall": round(cpu_raw / wall, 3),
                   "s3rver_cpu_s": round(b["s3_cpu_ticks"] / clk, 2),
                   "objects": v["objects"] if v else None, "stored_bytes": v["stored_bytes"] if v else None,
                   "verified": v["ok"] if v else None, "problems": v["problems"] if v else ["not verified"],
                   "samples": v["samples"] if v else []}
            if row.startswith("archiver"):
                text = open(b["metrics"]).read()
                prev = open(last_metrics).read() if last_metrics else ""
                last_metrics = b["metrics"]
                d = lambda name, labels=None: int((prom(text, name, labels) or 0) - (prom(prev, name, labels) or 0))
                out["metrics_delta"] = {
                    "uploads_uploaded": d("archiver_uploads_total", 'result="uploaded"'),
                    "uploads_already_present": d("archiver_uploads_total", 'result="already_present"'),
                    "failures": d("archiver_upload_failures_total"),
                    "read_bytes": d("archiver_read_bytes_total"),
                    "uploaded_bytes": d("archiver_uploaded_bytes_total"),
                }
                out["backlog_segments_after"] = prom(text, "archiver_backlog_segments")
                out["staged_left"] = b["staged_left"]
                m = out["metrics_delta"]
                out["compressed_bytes"] = int(m["uploaded_bytes"])
                if not (m["uploads_uploaded"] == b["segments"] and m["uploads_already_present"] == 0 and m["failures"] == 0
                        and m["read_bytes"] == bytes_in and out["backlog_segments_after"] == 0 and b["staged_left"] == 0):
                    out["problems"] = out["problems"] + [f"metrics: {m}, backlog {out['backlog_segments_after']}, "
                                                         f"staged files left {b['staged_left']}"]
                    out["verified"] = False
            else:
                res = b["result"]
                out["peer_result"] = res
                if row == "peer-upload":
                    out["compressed_bytes"] = res["uploaded_bytes"]
                    if res["segments"] != b["segments"] or res["bytes"] != bytes_in:
                        out["problems"] = out["problems"] + [f"peer counted {res}"]
                        out["verified"] = False
                else:
                    out["compressed_bytes"] = None
                    if res["uploaded_bytes"] != bytes_in:
                        out["problems"] = out["problems"] + [f"peer uploaded {res['uploaded_bytes']} of {bytes_in} bytes"]
                        out["verified"] = False
            batches.append(out)
        measured = [b for b in batches if b["phase"] == "measure"]
        archive[row] = {
            "label": LABELS[row],
            "mb_per_s": med([b["mb_per_s"] for b in measured]),
            "wall_s": med([b["wall_s"] for b in measured]),
            "cpu_s": med([b["cpu_s"] for b in measured]),
            "cpu_s_per_mb": med([b["cpu_s_per_mb"] for b in measured]),
            "pct_core_at_10_mb_s": med([b["pct_core_at_10_mb_s"] for b in measured]),
            "cpu_share_of_wall": med([b["cpu_share_of_wall"] for b in measured]),
            "s3rver_cpu_s": med([b["s3rver_cpu_s"] for b in measured]),
            "compressed_mb": None if measured[0]["compressed_bytes"] is None else round(med([b["compressed_bytes"] for b in measured]) / MB, 2),
            "idle_cpu_s_per_s": round(idle_rate, 4),
            "batches": batches,
        }
        bad = [b for b in batches if not b["verified"]]
        check(f"{LABELS[row]}: every batch stored in full (objects = segments or rotations, bytes, sampled "
              "objects identical to the volume), the directory left empty",
              not bad, "; ".join(f"batch {b['tag']}: " + "; ".join(b["problems"]) for b in bad) or
              f"{len(batches)} batches, {sum(b['objects'] or 0 for b in batches)} objects")

ratios = {}
for ours in ("archiver-download", "archiver-head"):
    for peer in ("peer-upload", "peer-handler"):
        if ours in archive and peer in archive:
            ratios[f"{ours}_over_{peer}"] = {
                "mb_per_s": ratio(archive[ours]["mb_per_s"], archive[peer]["mb_per_s"], 2),
                "cpu_s_per_mb": ratio(archive[ours]["cpu_s_per_mb"], archive[peer]["cpu_s_per_mb"], 3),
            }
peak = echo_summary.get("peak_log_rate_mb_s")
for row, tag in (("archiver-download", "Verify=Download, default"), ("archiver-head", "Verify=Head")):
    if row not in archive:
        continue
    a = archive[row]
    over = ratio(a["mb_per_s"], peak, 2)
    goal(f"archiver ({tag}) MB/s on one core >= 2x Echo's peak log rate ({fmt(peak, 2)} MB/s)", over, ">= 2",
         (over or 0) >= 2, "x")
    goal(f"archiver ({tag}) <= 10 % of a core at 10 MB/s", a["pct_core_at_10_mb_s"], "<= 10",
         a["pct_core_at_10_mb_s"] <= 10, "%")

machine = describe_machine(env)
tools = describe_tools(env)
doc = {
    "date": now_iso(), "machine": machine, "tools": tools,
    "build": {"source": env["BUILD_SOURCE"], "commit": env["GIT_COMMIT"], "src_dirty": env["GIT_DIRTY"] != "0"},
    "parts": parts,
    "echo": {"load": load_settings(env, "bench/echo/wrk-unique.lua", order="both servers up; runs in pairs, stdout then file, the order swapped every other pair"),
             "results": echo, **echo_summary} if echo else None,
    "archive": {
        "volume": volume["summary"] if volume else None,
        "settings": {"segment_mib": int(env["SEGMENT_MIB"]), "volume_mib": int(env["LOG_VOLUME_MIB"]),
                     "warmup_segments": int(env["WARMUP_SEGMENTS"]), "runs": int(env["RUNS"]), "idle_baseline_s": float(env["IDLE_S"]),
                     "archive_core": int(env["ARCHIVE_CORE"]), "s3_core": int(env["S3_CORE"]), "mb": "10^6 bytes",
                     "cpu_method": "utime + stime of the process (all threads) from /proc/PID/stat, read when the batch is "
                                   "handed over and when the directory is empty (the handler peer: when it signals done); "
                                   "minus the process's idle rate (measured over the idle baseline after the warm-up) "
                                   "times the batch's wall time. The process was started and warmed up before."},
        "results": archive, "ratios_ours_over_peer": ratios,
    } if rows else None,
    "goals": goals, "checks": checks,
}

md = header_lines("Logs benchmark results (issue 4)", doc,
                  " (the end's includes the benchmark's own load)")
md.append(f"- Built from the {env['BUILD_SOURCE']} at commit {env['GIT_COMMIT'][:12]}"
          + (" (src/ had uncommitted changes)" if doc["build"]["src_dirty"] else "") + "; Echo and the archiver run JIT (Release)")
md.append("- MB = 10^6 bytes, MiB = 2^20 bytes. Every figure is a median over the measured runs; ratios are from this run only.")

if echo:
    e = doc["echo"]
    md.append("\n## 1. Echo: file sink on against stdout only\n")
    md.append(f"wrk -t{e['load']['threads']} -c{e['load']['connections']} -d{e['load']['duration']} --latency "
              f"-s bench/echo/wrk-unique.lua (unique id per request), warm-up {e['load']['warmup']}, median of "
              f"{e['load']['runs']} runs; both Echos up at once, measured in pairs back to back, the order swapped every other "
              "pair. stdout goes to a "
              "file in both, as in the Echo bench; the file sink writes the same lines to `FileLog__Directory` "
              "(16 MiB segments, FlushInterval 0). wrk and Echo share the machine's cores.\n")
    md.append("| server | requests/s | p50 ms | p99 ms | errors | Echo CPU us per request | RSS after load MB |")
    md.append("|---|---:|---:|---:|---:|---:|---:|")
    for name in ("echo-stdout", "echo-file"):
        r = echo[name]
        md.append(f"| {r['label']} | {fmt(r['requests_per_s'])} | {fmt(r['p50_ms'], 2)} | {fmt(r['p99_ms'], 2)} | "
                  f"{r['errors_total']} | {fmt(r['echo_cpu_us_per_request'], 1)} | {fmt(r['rss_mb'])} |")
    md.append(f"\n- Ratio of requests/s, file sink / stdout only: **{fmt(e['ratio_file_over_stdout'], 3)}**, the median "
              "of the runs' pairs (" + ", ".join(fmt(p["ratio"], 3) for p in e["pairs"]) + "; each pair back to back, "
              f"the order swapped every other pair); the ratio of the medians above is {fmt(e['ratio_of_median_requests_per_s'], 3)}")
    md.append(f"- Echo's CPU time per request (utime + stime of the process over each run / requests), file sink / stdout "
              f"only: {fmt(e['cpu_per_request_file_over_stdout'], 3)}: what the file sink costs Echo in CPU, less moved by "
              "other work on the machine than requests/s")
    for name in ("echo-stdout", "echo-file"):
        r = echo[name]
        if r["still_warming_up"]:
            rates = " -> ".join(fmt(x["requests_per_s"], 0) for x in r["runs"] if x["phase"] == "measure")
            md.append(f"- Note: {r['label']} got faster from run to run ({rates} requests/s): it had not reached its "
                      f"steady state after the {env['WARMUP']} warm-up, or the machine got quieter; the paired ratio "
                      "is the figure to read (a longer WARMUP may help)")
    md.append(f"- Average line: {fmt(e['avg_line_bytes'])} bytes over all {e['results']['echo-file']['log']['segment_lines']:,} "
              f"lines in the segments (access lines: {fmt(e['avg_access_line_bytes'])} bytes)")
    md.append(f"- Echo's peak log rate: {fmt(e['results']['echo-file']['requests_per_s'])} requests/s x "
              f"{fmt(e['avg_line_bytes'])} bytes = **{fmt(e['peak_log_rate_mb_s'], 2)} MB/s** with the file sink "
              f"({fmt(e['peak_log_rate_stdout_only_mb_s'], 2)} MB/s at the stdout-only rate)")

if rows:
    a = doc["archive"]
    v = a["volume"]
    md.append("\n## 2-3. Archiving the same log volume on one core: the archiver and the Python peers\n")
    md.append(f"Volume: {v['segments']} closed segments of up to {a['settings']['segment_mib']} MiB, {v['bytes'] / MB:,.1f} MB, "
              f"{v['lines']:,} lines (Echo's last {v['template_lines']:,} access lines of part 1, repeated with unique ids; "
              f"{fmt(v['avg_line_bytes'])} bytes a line). Each row runs pinned to core {a['settings']['archive_core']} "
              f"(`taskset -c`); s3rver (node) and this script on core {a['settings']['s3_core']}. Per row: a warm-up of "
              f"{a['settings']['warmup_segments']} segments, then {a['settings']['runs']} batch(es) of the whole volume, the rows "
              "alternating. A batch is timed from when its segments are moved into the row's directory (hard links to the "
              "same cached files) until the directory has no segment left (each is deleted only once stored; the handler "
              "peer: until it has logged every line and shipped its last file).\n")
    md.append("CPU: " + a["settings"]["cpu_method"] + "\n")
    md.append("| row | MB/s of log (wall, one core) | wall s | CPU s | CPU s per MB | % of a core at 10 MB/s | CPU / wall | gzip MB uploaded | s3rver CPU s |")
    md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        r = archive[row]
        md.append(f"| {r['label']} | {fmt(r['mb_per_s'])} | {fmt(r['wall_s'], 2)} | {fmt(r['cpu_s'], 2)} | "
                  f"{fmt(r['cpu_s_per_mb'], 4)} | {fmt(r['pct_core_at_10_mb_s'], 1)} | {fmt(r['cpu_share_of_wall'], 2)} | "
                  f"{fmt(r['compressed_mb'])} | {fmt(r['s3rver_cpu_s'], 2)} |")
    md.append("\nThe wall-clock MB/s includes the local S3 server: s3rver is a single node process writing every object to "
              "disk (and serving the read-back of Verify=Download), and it can be the bottleneck of a row, not the archiver; "
              "CPU / wall is the share of its core the row's process used during the batch (well under 1: it waited, on "
              "s3rver, the disk, or other work on the machine). "
              "The CPU figures are the archiver's (or the peer's) own process only. The handler peer's figures include "
              "formatting and writing every line through Python's logging (its rotation runs inside the logging call), "
              "and it uploads the raw 16 MiB files (multipart), uncompressed, as the case's snippet did; the archiver's "
              "cost of writing the lines is Echo's file sink, measured in part 1. The like-for-like peer does less than "
              "the archiver: no SHA-256, no Content-MD5, no check of the stored object, no retry.\n")
    if ratios:
        md.append("| ours / peer | MB/s (higher: ours faster) | CPU s per MB (lower: ours cheaper) |")
        md.append("|---|---:|---:|")
        for k, r in ratios.items():
            ours, peer = k.split("_over_")
            md.append(f"| {LABELS[ours]} / {LABELS[peer]} | {fmt(r['mb_per_s'], 2)} | {fmt(r['cpu_s_per_mb'], 3)} |")

md.append("\n## Goals\n")
md.append("| goal | value | target | |")
md.append("|---|---:|---|---|")
for g in goals:
    md.append(f"| {g['goal']} | {fmt(g['value'], 2)} {g['unit']} | {g['target']} | {mark(g['met'])} |")
md.append("\n## Checks made while measuring\n")
for c in checks:
    md.append(f"- {'ok' if c['ok'] else 'FAILED'}: {c['check']} ({c['detail']})")
md.append("\n## Raw runs\n")
if echo:
    md.append("| server | phase | run | requests | requests/s | p50 ms | p99 ms | errors | Echo CPU s | CPU us per request |")
    md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name in ("echo-stdout", "echo-file"):
        for r in echo[name]["runs"]:
            md.append(f"| {LABELS[name]} | {r['phase']} | {r['run']} | {r['requests']:,} | {fmt(r['requests_per_s'])} | "
                      f"{fmt(r['p50_ms'], 2)} | {fmt(r['p99_ms'], 2)} | {r['errors']} | {fmt(r['echo_cpu_s'], 2)} | "
                      f"{fmt(r['echo_cpu_us_per_request'], 1)} |")
if rows:
    md.append("\n| row | phase | run | segments | MB | wall s | MB/s | CPU s (raw) | CPU s | % core at 10 MB/s | s3rver CPU s | objects | verified |")
    md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for row in rows:
        for b in archive[row]["batches"]:
            md.append(f"| {LABELS[row]} | {b['phase']} | {b['run']} | {b['segments']} | {b['bytes_in'] / MB:,.1f} | "
                      f"{fmt(b['wall_s'], 2)} | {fmt(b['mb_per_s'])} | {fmt(b['cpu_s_raw'], 2)} | {fmt(b['cpu_s'], 2)} | "
                      f"{fmt(b['pct_core_at_10_mb_s'], 1)} | {fmt(b['s3rver_cpu_s'], 2)} | {b['objects']} | "
                      f"{'yes' if b['verified'] else 'NO'} |")
write_results(env["RESULTS_DIR"], "logs", doc, md)
if not all(c["ok"] for c in checks):
    sys.stderr.write("logs bench: a correctness check FAILED (see the Checks section above)\n")
    sys.exit(1)
PY

# The charts (bench/plot): RESULTS_DIR's results files drawn again as PNGs beside them.
"$REPO_DIR/bench/plot/run.sh" "$RESULTS_DIR" || log "warning: charts not drawn (bench/plot/run.sh failed)"
