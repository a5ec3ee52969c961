"""Makes the logs benchmark's log volume: closed segments of Echo's real access lines.

Takes the last TEMPLATE_LINES access lines ("message":"request answered") Echo wrote to its segments
during the run, and repeats them, in order, each with a unique id (the `id` query value replaced by
vol-NNNNNNN, the length of wrk's ids) until COUNT segments of at most SEGMENT_BYTES, whole lines only,
as Echo's file sink fills them. A few thousand distinct lines lie ~1.5 MB apart when repeated, beyond
gzip's 32 KiB window, so the volume compresses as Echo's own segments do.

    python3 make-volume.py --from ECHO_SEGMENTS_DIR --out DIR --segments 32 --segment-bytes 16777216 \
        --template-lines 5000

Writes DIR/vol-NNNNNN.log and DIR/manifest.json (every file's bytes, lines and SHA-256, and the totals)
and prints the manifest's totals as one JSON line.
"""
import argparse
import hashlib
import json
import os

ID = '"id":["'


def templates(directory, count):
    """The last COUNT access lines of the segments in DIRECTORY, split around their id value."""
    found = []
    for name in sorted((f for f in os.listdir(directory) if f.endswith(".log")), reverse=True):
        with open(os.path.join(directory, name), encoding="utf-8") as f:
            lines = [line for line in f if '"message":"request answered"' in line and ID in line]
        found = lines + found
        if len(found) >= count:
            break
    if not found:
        raise SystemExit(f"no access lines in {directory}")
    parts = []
    for line in found[-count:]:
        start = line.index(ID) + len(ID)
        end = line.index('"]', start)
        parts.append((line[:start], line[end:]))
    return parts


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--from", dest="source", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--segments", type=int, required=True)
    p.add_argument("--segment-bytes", type=int, required=True)
    p.add_argument("--template-lines", type=int, required=True)
    args = p.parse_args()

    parts = templates(args.source, args.template_lines)
    os.makedirs(args.out, exist_ok=True)
    files, n = [], 0
    for seq in range(args.segments):
        chunks, size = [], 0
        while True:
            prefix, suffix = parts[n % len(parts)]
            line = f"{prefix}vol-{n:07d}{suffix}"
            if size + len(line) > args.segment_bytes:
                break
            chunks.append(line)
            size += len(line)
            n += 1
        data = "".join(chunks).encode("utf-8")
        name = f"vol-{seq:06d}.log"
        with open(os.path.join(args.out, name), "wb") as f:
            f.write(data)
        files.append({"name": name, "bytes": len(data), "lines": len(chunks), "sha256": hashlib.sha256(data).hexdigest()})
    total = sum(f["bytes"] for f in files)
    lines = sum(f["lines"] for f in files)
    summary = {"segments": len(files), "bytes": total, "lines": lines, "segment_bytes_limit": args.segment_bytes,
               "template_lines": len(parts), "avg_line_bytes": round(total / lines, 1)}
    with open(os.path.join(args.out, "manifest.json"), "w") as f:
        json.dump({**summary, "files": files}, f, indent=1)
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
