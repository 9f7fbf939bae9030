"""Exit 1 with a clear message when HOST:PORT is taken, so `make run` fails before any setup step.

Run by the system Python before the virtual environment exists: standard library only.
"""

import socket
import sys


def main(host, port):
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host.strip("[]"), int(port), type=socket.SOCK_STREAM)[0]
    except (socket.gaierror, ValueError):
        sys.exit(f"make run: “{host}:{port}” is not an address and port to serve on. Try: make run PORT=8001")
    with socket.socket(family, kind, proto) as probe:
        # As runserver does, so a socket still closing from the last run does not count as busy.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError:
            sys.exit(
                f"make run: port {port} on {host} is already in use (another `make run`, perhaps). "
                f"Choose another port: make run PORT={int(port) + 1}"
            )


if __name__ == "__main__":
    main(*sys.argv[1:3])
