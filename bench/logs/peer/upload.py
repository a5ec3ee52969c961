"""A like-for-like Python peer of the log archiver: gzip each closed segment of a directory and upload
it with boto3, then remove it; what the archiver does without its checks (no SHA-256, no Content-MD5,
no read-back or metadata check, no retry, no existence check before uploading).

Same input as the archiver (closed `*.log` segments), same compression level (zlib level 1, as .NET's
CompressionLevel.Fastest), same number of segments at a time (--concurrency, default 2, as
Archive:Concurrency), a staging file per segment and boto3's `upload_file` (a single PUT for files
under its 8 MiB multipart threshold, which the compressed segments are).

Driven by run.sh through a command FIFO (one line per command):

    run TAG   archives every *.log in --directory (name order) to PREFIX/<segment>.gz; prints one
              JSON line with the counts

Started pinned to one core by run.sh:

    python3 upload.py --directory DIR --endpoint URL --bucket logs --prefix logs/bench/peer-upload --commands FIFO
"""
import argparse
import concurrent.futures
import gzip
import json
import os
import shutil
import sys

from store import client, commands

BUFFER = 128 * 1024


def main():
    p = argparse.ArgumentParser()
    for name in ("--directory", "--endpoint", "--bucket", "--prefix", "--commands"):
        p.add_argument(name, required=True)
    p.add_argument("--concurrency", type=int, default=2)
    args = p.parse_args()

    s3, checksums = client(args.endpoint)
    staging = os.path.join(args.directory, ".staging")
    os.makedirs(staging, exist_ok=True)

    def archive(name):
        path = os.path.join(args.directory, name)
        staged = os.path.join(staging, name + ".gz")
        with open(path, "rb") as source, open(staged, "wb") as raw, \
                gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=1) as target:
            shutil.copyfileobj(source, target, BUFFER)
        size_in, size_out = os.path.getsize(path), os.path.getsize(staged)
        s3.upload_file(staged, args.bucket, f"{args.prefix}/{name}.gz")
        os.remove(staged)
        os.remove(path)
        return size_in, size_out

    s3.head_bucket(Bucket=args.bucket)  # the connection is open before the first run
    print(json.dumps({"ready": True, "checksums": checksums}), flush=True)

    with concurrent.futures.ThreadPoolExecutor(max_workers=args.concurrency) as pool:
        for command in commands(args.commands):
            if command[0] != "run":
                sys.exit(f"unknown command {command!r}")
            names = sorted(f for f in os.listdir(args.directory) if f.endswith(".log"))
            sizes = list(pool.map(archive, names))
            print(json.dumps({"tag": command[1], "segments": len(names), "bytes": sum(s[0] for s in sizes),
                              "uploaded_bytes": sum(s[1] for s in sizes)}), flush=True)


if __name__ == "__main__":
    main()
