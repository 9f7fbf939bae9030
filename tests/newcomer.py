"""Running the README's commands as a newcomer would: from a shell in the project folder."""

import os
import socket
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# What this test run sets that a newcomer's shell would not: the test settings, make's own
# bookkeeping (a nested make would announce its directory), the database and cache of this run.
NOT_IN_A_FRESH_SHELL = {
    "DEBUG",
    "DATABASE_URL",
    "REDIS_URL",
    "SITE_URL",
    "DJANGO_SETTINGS_MODULE",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "MAKEFLAGS",
    "MAKELEVEL",
    "MFLAGS",
    "PYTEST_ARGS",
    "PORT",
    "HOST",
}


def fresh_shell(tmp_path):
    """A shell's environment, with the development database in a fresh file, not the project's own."""
    env = {key: value for key, value in os.environ.items() if key not in NOT_IN_A_FRESH_SHELL}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'dev.sqlite3'}"
    return env


def run(command, env, timeout=180):
    return subprocess.run(command, shell=True, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)


def free_port():
    """A port nothing listens on now (never 8000, which a person's own `make run` may hold)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
