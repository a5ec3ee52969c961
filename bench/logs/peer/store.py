"""The boto3 client both Python peers use, against the local S3-compatible server (s3rver).

Path-style addressing (s3rver serves buckets in the path), credentials S3RVER/S3RVER, us-east-1.
botocore 1.36 and later send CRC checksums on every upload unless told otherwise; when the
installed botocore knows the setting, checksums are only sent where an API requires them (as
the archiver's AWS SDK is configured). Older botocore (Debian 12 has 1.29) has no such setting
and sends none by default, which s3rver accepts as is.
"""
import boto3
import botocore
from botocore.config import Config


def client(endpoint):
    """(client, how checksums are configured)."""
    options = {"s3": {"addressing_style": "path"}}
    try:
        config = Config(**options, request_checksum_calculation="when_required",
                        response_checksum_validation="when_required")
        checksums = "when_required"
    except TypeError:
        config = Config(**options)
        checksums = f"botocore {botocore.__version__} default (no request checksums; the setting does not exist yet)"
    s3 = boto3.session.Session().client(
        "s3", endpoint_url=endpoint, region_name="us-east-1", config=config,
        aws_access_key_id="S3RVER", aws_secret_access_key="S3RVER")
    return s3, checksums


def commands(path):
    """The lines run.sh writes to the command FIFO, one at a time, as they come."""
    with open(path) as fifo:
        for line in fifo:
            if line.strip():
                yield line.split()
