"""`streamlit run`, with TCP_NODELAY on the connections it accepts.

Streamlit 1.67 binds its listening socket itself, with protocol number 0. Accepted sockets inherit
it, and asyncio only turns Nagle's algorithm off when a socket says IPPROTO_TCP (uvicorn#3149 is the
same bug). With Nagle on, every message after the first of a rerun waits for the browser's delayed
ACK: about 40 ms on each rerun on Linux (a bare page: 48 ms → 7 ms). This wraps the bound socket in
an object that says IPPROTO_TCP; drop it once Streamlit binds with the protocol set.

Usage, as `streamlit run`: python deploy/streamlit_run.py run app.py [--option value ...]
"""

import socket
import sys

from streamlit.web.cli import main
from streamlit.web.server.starlette import starlette_server

_bind_socket = getattr(starlette_server, "_bind_socket", None)


def _bind_tcp_socket(address: str, port: int, backlog: int) -> socket.socket:
    assert _bind_socket is not None
    sock = _bind_socket(address, port, backlog)
    if sock.family not in (socket.AF_INET, socket.AF_INET6) or sock.proto:
        return sock
    # Same file descriptor, now labelled TCP, so accept() hands asyncio TCP sockets.
    return socket.socket(sock.family, sock.type, socket.IPPROTO_TCP, fileno=sock.detach())


if __name__ == "__main__":
    if _bind_socket is not None:
        starlette_server._bind_socket = _bind_tcp_socket
    else:
        print(
            "deploy/streamlit_run.py: Streamlit changed; serving without the fix", file=sys.stderr
        )
    sys.exit(main())
