"""The case's approach to archiving logs, kept as the logs benchmark's peer: the application's own
logging handler rotates its file by size and ships each rotated file to S3.

A `logging.handlers.RotatingFileHandler` (16 MiB, as Echo's segments) whose namer gives every rotated
file a unique, time-stamped name and whose rotator renames the full file, uploads it with boto3's
`upload_file` (as the case's snippet did: the raw file, no compression, no retry, no check of what was
stored) and removes it. The rotation runs inside `emit`, so the logging call that crosses the size
limit waits for the upload. Its cost is the whole path: formatting each record, writing it (the
handler writes and flushes every record), the rotation checks, and the uploads.

Driven by run.sh through a command FIFO (one line per command):

    run TAG SOURCE_DIR   logs every line of SOURCE_DIR/*.log (name order) through the handler, then
                         rotates once more so the last part is shipped too; keys
                         PREFIX/TAG/<rotated file name>; prints one JSON line with the counts and
                         creates DONE_DIR/done-TAG when finished

Started pinned to one core by run.sh:

    python3 handler.py --directory DIR --endpoint URL --bucket logs --prefix logs/bench/peer-handler \
        --max-bytes 16777216 --commands FIFO --done-dir DIR
"""
import argparse
import datetime
import json
import logging
import logging.handlers
import os
import sys

from store import client, commands


def main():
    p = argparse.ArgumentParser()
    for name in ("--directory", "--endpoint", "--bucket", "--prefix", "--commands", "--done-dir"):
        p.add_argument(name, required=True)
    p.add_argument("--max-bytes", type=int, required=True)
    args = p.parse_args()

    s3, checksums = client(args.endpoint)
    state = {"tag": "warmup", "rotations": 0, "uploaded_bytes": 0, "sequence": 0}

    def namer(default_name):
        # app.log.1 -> app.log.20261125T193903123456-000007: unique, sorts by time.
        state["sequence"] += 1
        stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%dT%H%M%S%f")
        return f"{default_name[:-2]}.{stamp}-{state['sequence']:06d}"

    def rotator(source, dest):
        os.rename(source, dest)
        size = os.path.getsize(dest)
        s3.upload_file(dest, args.bucket, f"{args.prefix}/{state['tag']}/{os.path.basename(dest)}")
        os.remove(dest)
        state["rotations"] += 1
        state["uploaded_bytes"] += size

    handler = logging.handlers.RotatingFileHandler(
        os.path.join(args.directory, "app.log"), maxBytes=args.max_bytes, backupCount=1, encoding="utf-8")
    handler.namer = namer
    handler.rotator = rotator
    handler.setFormatter(logging.Formatter("%(message)s"))
    log = logging.getLogger("access")
    log.propagate = False
    log.setLevel(logging.INFO)
    log.addHandler(handler)

    s3.head_bucket(Bucket=args.bucket)  # the connection is open before the first run
    print(json.dumps({"ready": True, "checksums": checksums}), flush=True)

    for command in commands(args.commands):
        if command[0] != "run":
            sys.exit(f"unknown command {command!r}")
        tag, source = command[1], command[2]
        state.update(tag=tag, rotations=0, uploaded_bytes=0)
        lines = logged = 0
        for name in sorted(f for f in os.listdir(source) if f.endswith(".log")):
            with open(os.path.join(source, name), encoding="utf-8") as f:
                for line in f:
                    log.info(line[:-1])
                    lines += 1
                    logged += len(line)
        handler.doRollover()  # ship what the last file holds
        print(json.dumps({"tag": tag, "lines": lines, "bytes": logged, "rotations": state["rotations"],
                          "uploaded_bytes": state["uploaded_bytes"]}), flush=True)
        open(os.path.join(args.done_dir, f"done-{tag}"), "w").close()


if __name__ == "__main__":
    main()
