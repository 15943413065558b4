"""`streamlit run`, with three fixes to Streamlit 1.67's server, each measured under load
(benchmarks/load.py) and each dropped when Streamlit no longer has what it patches:

- TCP_NODELAY on the connections it accepts. Streamlit binds its listening socket itself, with
  protocol number 0. Accepted sockets inherit it, and asyncio only turns Nagle's algorithm off
  when a socket says IPPROTO_TCP (uvicorn#3149 is the same bug). With Nagle on, every message
  after the first of a rerun waits for the browser's delayed ACK: about 40 ms on each rerun on
  Linux (a bare page: 48 ms → 7 ms). This wraps the bound socket in an object that says
  IPPROTO_TCP.
- The theme's config sections read once per parse of the config. Every rerun's first message
  carries the theme, which Streamlit rebuilds by scanning all of its ~250 options six times (one
  scan per theme section): 8% of the server's time under load.
- One event-loop wake-up per batch of messages. Every message a script run sends schedules a
  wake-up of the event loop (a write to its self-pipe and a turn of the loop), even while one is
  already pending; one pending wake-up flushes every message queued before the loop runs.

Usage, as `streamlit run`: python deploy/streamlit_run.py run app.py [--option value ...]
"""

import socket
import sys
from typing import Any

from streamlit import config
from streamlit.runtime.runtime import Runtime
from streamlit.web.cli import main
from streamlit.web.server.starlette import starlette_server

_bind_socket = getattr(starlette_server, "_bind_socket", None)
_options_for_section = getattr(config, "get_options_for_section", None)


def _bind_tcp_socket(address: str, port: int, backlog: int) -> socket.socket:
    assert _bind_socket is not None
    sock = _bind_socket(address, port, backlog)
    if sock.family not in (socket.AF_INET, socket.AF_INET6) or sock.proto:
        return sock
    # Same file descriptor, now labelled TCP, so accept() hands asyncio TCP sockets.
    return socket.socket(sock.family, sock.type, socket.IPPROTO_TCP, fileno=sock.detach())


_sections: dict[str, dict[str, Any]] = {}
_parsed: list[object] = [None]  # the config the sections were read from


def _options_of(section: str) -> dict[str, Any]:
    """config.get_options_for_section, read again only when the config is parsed again (a new
    options dict; st.set_option changes only `client` options)."""
    assert _options_for_section is not None
    options = config.get_config_options()
    if _parsed[0] is not options:
        _sections.clear()
        _parsed[0] = options
    if section not in _sections:
        _sections[section] = _options_for_section(section)
    return dict(_sections[section])


def _enqueued_some_message(self: Runtime) -> None:
    """Wake the event loop unless a wake-up is pending. The loop clears the flag before it flushes
    the queues, and a message is queued before this runs, so none is left behind."""
    loop = self._get_async_objs()
    if not loop.need_send_data.is_set():
        loop.eventloop.call_soon_threadsafe(loop.need_send_data.set)


def _patch() -> None:
    missing = []
    if _bind_socket is not None:
        starlette_server._bind_socket = _bind_tcp_socket
    else:
        missing.append("TCP_NODELAY")
    if _options_for_section is not None:
        config.get_options_for_section = _options_of
    else:
        missing.append("the theme's sections read once")
    if hasattr(Runtime, "_enqueued_some_message") and hasattr(Runtime, "_get_async_objs"):
        Runtime._enqueued_some_message = _enqueued_some_message  # type: ignore[method-assign]
    else:
        missing.append("one wake-up per batch")
    if missing:
        print(
            f"deploy/streamlit_run.py: Streamlit changed; serving without {missing}",
            file=sys.stderr,
        )


if __name__ == "__main__":
    _patch()
    sys.exit(main())
