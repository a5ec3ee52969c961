"""Shared parts of the benchmarks' results step (bench/echo/run.sh, bench/admission/run.sh,
bench/logs/run.sh).

Imported by the Python each run.sh runs after the load (results_step in common.sh puts this
folder on PYTHONPATH): reading the records, medians and ratios, wrk runs and RSS, the machine and tool
description, the load settings, number formatting, goal marks, the results files' header and writing them.
"""
import datetime
import json
import os
import platform
import statistics
import subprocess


def load_records(path):
    """The JSON lines run.sh recorded (record in common.sh)."""
    return [json.loads(line) for line in open(path) if line.strip()]


def cpu_model():
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def med(values):
    """The median, None for no values."""
    return statistics.median(values) if values else None


def ratio(a, b, digits=3):
    """A / B rounded to DIGITS, None when either is missing or zero."""
    return round(a / b, digits) if a and b else None


def wrk_runs(records, name, errors_of, mean=False, answers=False):
    """Every wrk run of server NAME (warm-up and measured), with its summary and full output.

    errors_of(summary) counts the run's errors; mean adds mean_ms, answers the Lua's
    count of answers (both as the admission bench reports them)."""
    runs = []
    for r in records:
        if r["kind"] == "wrk" and r["server"] == name:
            s = r["summary"]
            secs = s["duration_us"] / 1e6
            run = {
                "phase": r["phase"], "run": r["run"], "requests": s["requests"], "duration_s": round(secs, 3),
                "requests_per_s": round(s["requests"] / secs, 1) if secs else 0.0,
                "p50_ms": s["latency_us"]["p50"] / 1000, "p99_ms": s["latency_us"]["p99"] / 1000,
            }
            if mean:
                run["mean_ms"] = round(s["latency_us"]["mean"] / 1000, 3)
            run["errors"] = errors_of(s)
            if answers:
                run["answers"] = s["answers"]
            run["summary"] = s
            run["wrk_output"] = open(r["output"]).read()
            runs.append(run)
    return runs


def rss_of(records, name):
    """(MB, processes) of server NAME's RSS after the load, (None, None) when not recorded."""
    rss = next((r for r in records if r["kind"] == "rss" and r["server"] == name), None)
    return (round(rss["rss_kb"] / 1024, 1), rss["processes"]) if rss else (None, None)


def describe_machine(env):
    return {
        "nproc": os.cpu_count(),
        "cpu_model": cpu_model(),
        "kernel": platform.release(),
        "os": subprocess.run(["sh", "-c", ". /etc/os-release && echo \"$PRETTY_NAME\""], capture_output=True, text=True).stdout.strip(),
        "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
        "loadavg_at_start": env["LOADAVG_START"].split(),
        "loadavg_at_end": open("/proc/loadavg").read().split()[:3],
    }


def describe_tools(env):
    """Tool versions from the TOOL_* variables (export_tool_versions in common.sh)."""
    return {k[5:].lower(): v for k, v in env.items() if k.startswith("TOOL_")}


def load_settings(env, script, **more):
    """The wrk load as run.sh ran it, then MORE (in order)."""
    load = {"tool": "wrk", "threads": int(env["THREADS"]), "connections": int(env["CONNECTIONS"]),
            "duration": env["DURATION"], "warmup": env["WARMUP"], "runs": int(env["RUNS"]), "timeout": env["WRK_TIMEOUT"],
            "script": script}
    load.update(more)
    return load


def now_iso():
    return datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0).isoformat()


def fmt(v, digits=1):
    if v is None:
        return "n/a"
    if isinstance(v, float):
        return f"{v:,.{digits}f}"
    return f"{v:,}"


def mark(met):
    """A goal's mark in the results tables: met, NOT met, or n/a (not measured)."""
    return "n/a" if met is None else ("met" if met else "NOT met")


def header_lines(title, doc, machine_note=""):
    """The results file's title, date, machine (then MACHINE_NOTE) and tools lines."""
    machine = doc["machine"]
    return [
        f"# {title}\n",
        f"- Date: {doc['date']}",
        f"- Machine: {machine['nproc']} cores, {machine['cpu_model']}, {machine['memory_gb']} GiB, "
        f"kernel {machine['kernel']}, {machine['os']}; load average (1/5/15 min) "
        f"{' '.join(machine['loadavg_at_start'])} at the start, {' '.join(machine['loadavg_at_end'])} at the end"
        + machine_note,
        "- Tools: " + ", ".join(f"{k} {v}" for k, v in sorted(doc["tools"].items())),
    ]


def write_results(out_dir, stem, doc, md):
    """Writes STEM.json (DOC) and STEM.md (the lines MD) into OUT_DIR and prints the Markdown."""
    with open(os.path.join(out_dir, stem + ".json"), "w") as f:
        json.dump(doc, f, indent=2)
        f.write("\n")
    text = "\n".join(md) + "\n"
    with open(os.path.join(out_dir, stem + ".md"), "w") as f:
        f.write(text)
    print(text)
