"""The case's original Python admission webhook, kept as the benchmark's peer.

POST /validate reads an AdmissionReview, loops over the Deployment's containers
(request.object.spec.template.spec.containers) and denies the first one that has
no resources.requests at all; it does not look at which requests are set (a
container requesting CPU but no memory is allowed), nor at init containers. It
answers an admission.k8s.io/v1 AdmissionReview with the request's uid. This is
the naive design of the case's public solution, kept as it was: it is the peer,
not ours. Served over TLS by gunicorn with sync workers, as run.sh does:

    gunicorn --workers $((2 * $(nproc) + 1)) --certfile tls.crt --keyfile tls.key \
        --bind 127.0.0.1:PORT --chdir bench/admission/peer app:app
"""

from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/validate", methods=["POST"])
def validate():
    review = request.get_json()
    uid = review["request"]["uid"]
    containers = review["request"]["object"]["spec"]["template"]["spec"]["containers"]

    allowed = True
    message = "All containers have resource requests"
    for container in containers:
        resources = container.get("resources", {})
        if "requests" not in resources:
            allowed = False
            message = f"Container {container['name']} has no resource requests"
            break

    return jsonify(
        {
            "apiVersion": "admission.k8s.io/v1",
            "kind": "AdmissionReview",
            "response": {
                "uid": uid,
                "allowed": allowed,
                "status": {"message": message},
            },
        }
    )
