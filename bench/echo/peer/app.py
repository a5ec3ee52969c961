"""The case's original Python service, kept as the benchmark's peer.

GET /api prints each query parameter to stdout ("key: value", one line each,
written in one call and flushed, so the output really reaches the file and the
lines of concurrent workers do not interleave even with PYTHONUNBUFFERED set) and answers the parameters as
JSON. Served by gunicorn with sync workers, as run.sh does:

    gunicorn --workers $((2 * $(nproc) + 1)) --bind 127.0.0.1:PORT --chdir bench/echo/peer app:app
"""

import sys

from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/api")
def api():
    for k, v in request.args.items(multi=True):
        print(f"{k}: {v}\n", end="", file=sys.stdout, flush=True)
    return jsonify(query=request.args.to_dict(flat=False))
