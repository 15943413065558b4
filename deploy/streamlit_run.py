"""`streamlit run`, with a fix that keeps what was typed last when a tab goes away, and eight
fixes to Streamlit 1.67's server measured under load (benchmarks/load.py); each is dropped (and
the launcher says so) when Streamlit no longer has what it patches:

- A closed tab's last run runs to its end. ui/keystrokes.js commits a box as the page unloads: a
  rerun carrying the words typed last, saved by the box's on_change at the start of that run. The
  closed websocket stopped the session's script at once, and a run stopped before its callbacks
  dropped the words: 5 to 13 of 20 such tabs one after another, 4 to 7 of 20 and 14 of 50 at
  once, lost them (a refresh right after the last key showed the box empty). Now none do (20 of
  20, 50 of 50). The cost: a run in hand when any websocket closes finishes, unseen, as does
  what it started (an import the tab asked for, and the rerun after it). A sign-out's shutdown
  still stops the run.
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
- One hand-over per batch of a session's script events. The script thread handed each message
  to the event loop as its own thread-safe callback (a self-pipe write and a turn of the loop
  each); they now queue per session, in order, behind one callback.
- No turn of the event loop after each message sent. Streamlit's send loop yields (sleep(0))
  after every message of every session; it now yields once per YIELD_EVERY messages, which
  still lets each tab's sender drain its queue (500 messages at most) well before it fills.
  The last two: a 60-line page's server CPU for the same load 1,120 -> 990 ticks (means of 5
  and 7 rounds).
- One send per turn of the event loop on a websocket. The send loop hands a session's messages
  to uvicorn one by one, and each went out as its own send() and, Nagle off, its own TCP segment,
  which HAProxy and the browser then took in one by one; a turn's writes now leave together.
  Two replicas behind HAProxy, one A/B pair on six pages: HAProxy's cores 0.05-0.09 -> 0.02-0.03,
  the load generator's 0.14-0.18 -> 0.11-0.16.
- Config options read without a lock once the config is parsed. Each element reads a few, and
  every read took the config's lock: with 50 tabs' script threads taking turns on the GIL, a
  thread switched out while holding it made the others queue behind it (a lock convoy). Step 3's
  server CPU for the same load: 2,440-3,000 -> 2,160-2,260 ticks (4 rounds each).
- A keyed widget looks its key up alone. A text box, select box, number, date, time, radio or
  slider with a key read its own key (None? one value or a range?) in `filtered_state`, a copy
  of the whole session state made for that read: each such widget paid for all the others. They
  now ask the session state for the one key. 50 tabs, one A/B run: Interviews 48.7 -> 58.6 runs/s,
  Step 4 53.6 -> 60.9, the Tracker 55.6 -> 65.7; pages with few boxes within the noise.

Usage, as `streamlit run`: python deploy/streamlit_run.py run app.py [--option value ...]
"""

import ast
import asyncio
import inspect
import socket
import sys
from collections import deque
from collections.abc import Awaitable, Callable
from functools import partial
from types import ModuleType, SimpleNamespace
from typing import Any

from streamlit import config
from streamlit.elements.widgets import (
    number_input,
    radio,
    selectbox,
    slider,
    text_widgets,
    time_widgets,
)
from streamlit.runtime import runtime
from streamlit.runtime.app_session import AppSession
from streamlit.runtime.runtime import Runtime
from streamlit.runtime.state import SafeSessionState, get_session_state
from streamlit.runtime.websocket_session_manager import WebsocketSessionManager
from streamlit.web.cli import main
from streamlit.web.server.starlette import starlette_server

try:
    from uvicorn.protocols.websockets.websockets_sansio_impl import WebSocketsSansIOProtocol
except ImportError:  # another uvicorn: served without batching (_patch says so)
    WebSocketsSansIOProtocol = None  # type: ignore[assignment,misc]

_bind_socket = getattr(starlette_server, "_bind_socket", None)
_websocket_protocol = getattr(starlette_server, "_get_websocket_protocol", None)
_options_for_section = getattr(config, "get_options_for_section", None)
_locked_get_option = config.get_option
_parse_config = config.get_config_options


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


_complete: list[object] = [None]  # the options of the last parse that finished


def _get_config_options(*args: Any, **kwargs: Any) -> dict[str, Any]:
    """config.get_config_options, noting each parse once it has finished."""
    options = _parse_config(*args, **kwargs)
    _complete[0] = options
    return options


def _get_option(key: str) -> Any:
    """config.get_option, without its lock unless a parse is under way (a new options dict that
    has not been returned yet): reading one entry of a finished dict needs none."""
    options = getattr(config, "_config_options", None)
    if options is not None and options is _complete[0] and key in options:
        return options[key].value
    return _locked_get_option(key)


def _enqueued_some_message(self: Runtime) -> None:
    """Wake the event loop unless a wake-up is pending. The loop clears the flag before it flushes
    the queues, and a message is queued before this runs, so none is left behind."""
    loop = self._get_async_objs()
    if not loop.need_send_data.is_set():
        loop.eventloop.call_soon_threadsafe(loop.need_send_data.set)


class _Handover:
    """One session's callbacks for its event loop, from any thread, run in order by one wake-up."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.callbacks: deque[Callable[[], None]] = deque()
        self.scheduled = False

    def add(self, callback: Callable[[], None]) -> None:
        self.callbacks.append(callback)
        if not self.scheduled:  # a run already scheduled takes this callback too
            self.scheduled = True
            self.loop.call_soon_threadsafe(self._run)

    def _run(self) -> None:
        self.scheduled = False  # before draining: a callback added from now on schedules again
        while self.callbacks:
            callback = self.callbacks.popleft()
            try:
                callback()
            except Exception as exc:  # as asyncio reports a failed callback, then the next one
                self.loop.call_exception_handler(
                    {"message": "Session event failed", "exception": exc}
                )


def _call_soon_on_event_loop(self: AppSession, callback: Callable[[], None]) -> None:
    """AppSession's, through the session's hand-over; dropped once its loop has closed."""
    handover = self.__dict__.get("_handover") or self.__dict__.setdefault(
        "_handover", _Handover(self._event_loop)
    )
    try:
        handover.add(callback)
    except RuntimeError:
        handover.scheduled = False
        if not self._event_loop.is_closed():
            raise


_streamlit_disconnect_session = WebsocketSessionManager.disconnect_session


def _disconnect_session(self: WebsocketSessionManager, session_id: str) -> None:
    """WebsocketSessionManager's, without its stop of the session's script: the run in hand may
    carry what the tab sent last. A shutdown within it (after a sign-out) still stops the script."""
    info = self._active_session_info_by_id.get(session_id)
    if info is not None:
        info.session.request_script_stop = partial(_let_the_run_end, info.session)  # type: ignore[method-assign]
    try:
        _streamlit_disconnect_session(self, session_id)
    finally:
        if info is not None:
            info.session.__dict__.pop("request_script_stop", None)


def _let_the_run_end(session: AppSession) -> None:
    del session.request_script_stop  # once: the next stop, a shutdown's, is Streamlit's own


def _stops_first(disconnect: Callable[..., None]) -> bool:
    """Whether `disconnect` stops the session's script once, before any shutdown: the stop that
    _disconnect_session spares is then that one."""
    source = inspect.getsource(disconnect)
    stop, shutdown = "session.request_script_stop()", "session.shutdown()"
    return source.count(stop) == 1 and -1 < source.find(stop) < source.find(shutdown)


# The widgets that look up their own key in a copy of the whole session state, and how.
WIDGET_MODULES = (number_input, radio, selectbox, slider, text_widgets, time_widgets)
FILTERED = "get_session_state().filtered_state"


def _is_key(node: ast.expr) -> bool:
    return isinstance(node, ast.Name) and node.id == "key"


def _one_key_uses(node: ast.AST) -> list[ast.expr]:
    """What `node` uses as _WidgetSessionState answers it alike: the name it assigns the filtered
    state to, or the state read as `key in state` or `state[key]`."""
    if isinstance(node, ast.Assign) and ast.unparse(node.value) == FILTERED:
        return node.targets
    if isinstance(node, ast.Compare) and [type(op) for op in node.ops] == [ast.In]:
        return node.comparators if _is_key(node.left) else []
    if isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Load):
        return [node.value] if _is_key(node.slice) else []
    return []


def _reads_one_key(module: ModuleType) -> bool:
    """Whether `module` reads `get_session_state().filtered_state` only as `key in it` and
    `it[key]`, under the name session_state."""
    source = inspect.getsource(module)
    nodes = list(ast.walk(ast.parse(source)))
    fine = {id(expr) for node in nodes for expr in _one_key_uses(node)}
    uses = [n for n in nodes if isinstance(n, ast.Name) and n.id == "session_state"]
    stores = sum(isinstance(n.ctx, ast.Store) for n in uses)
    return bool(uses) and source.count(FILTERED) == stores and all(id(n) in fine for n in uses)


class _WidgetSessionState:
    """The session state as those widgets see it. They read `filtered_state` only for their own
    key (`key in` it, then `[key]`: is it None, a single value or a range?), which the session
    state answers the same way for a user key, without copying every other one. Unlike the copy,
    each lookup is a yield point of the script (as any st call is) and takes the state's lock."""

    def __init__(self, state: SafeSessionState) -> None:
        self._state = state

    @property
    def filtered_state(self) -> SafeSessionState:
        return self._state

    def __getattr__(self, name: str) -> Any:
        return getattr(self._state, name)


def _widget_session_state() -> _WidgetSessionState:
    return _WidgetSessionState(get_session_state())


FLUSH_AT = 64 * 1024  # bytes held in one turn before they go anyway


class _BatchedWrites:
    """A websocket's transport whose writes in one turn of the event loop leave as one send.
    Streamlit's send loop writes a session's queued messages one by one: each was a send() and
    (Nagle off) a TCP segment of its own, which the proxy and the browser took in one by one."""

    def __init__(self, transport: asyncio.Transport) -> None:
        self._transport = transport
        self._pending: list[bytes] = []
        self._size = 0

    def write(self, data: bytes) -> None:
        if not self._pending:
            asyncio.get_running_loop().call_soon(self._flush)
        self._pending.append(data)
        self._size += len(data)
        if self._size >= FLUSH_AT:  # a big page: the transport's flow control sees it now
            self._flush()

    def _flush(self) -> None:
        data = b"".join(self._pending)
        self._pending.clear()
        self._size = 0
        if data and not self._transport.is_closing():  # a lost tab's: nobody reads it
            self._transport.write(data)

    def close(self) -> None:
        self._flush()
        self._transport.close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._transport, name)


_ws_connection_made = getattr(WebSocketsSansIOProtocol, "connection_made", None)


def _connection_made(self: WebSocketsSansIOProtocol, transport: asyncio.BaseTransport) -> None:
    """uvicorn's, with the transport that batches the writes of a turn of the loop."""
    assert _ws_connection_made is not None
    _ws_connection_made(self, _BatchedWrites(transport))  # type: ignore[arg-type]


YIELD_EVERY = 64
_zero_sleeps = [0]


async def _no_wait(result: Any) -> Any:
    return result


def _sleep(delay: float, result: Any = None) -> Awaitable[Any]:
    """asyncio.sleep, except that only one sleep(0) in YIELD_EVERY yields to the loop."""
    if delay <= 0:
        _zero_sleeps[0] += 1
        if _zero_sleeps[0] % YIELD_EVERY:
            return _no_wait(result)
    return asyncio.sleep(delay, result)


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
    if hasattr(config, "_config_options") and hasattr(config, "get_config_options"):
        config.get_config_options = _get_config_options
        config.get_option = _get_option
    else:
        missing.append("config read without a lock")
    if hasattr(AppSession, "_call_soon_on_event_loop"):
        AppSession._call_soon_on_event_loop = _call_soon_on_event_loop  # type: ignore[method-assign]
    else:
        missing.append("one hand-over per batch of script events")
    if getattr(runtime, "asyncio", None) is asyncio:  # the send loop's sleep(0), by its module
        runtime.asyncio = SimpleNamespace(**vars(asyncio) | {"sleep": _sleep})  # type: ignore[assignment]
    else:
        missing.append("one yield per batch of messages sent")
    if _stops_first(_streamlit_disconnect_session):
        WebsocketSessionManager.disconnect_session = _disconnect_session  # type: ignore[method-assign]
    else:
        missing.append("a closed tab's last run left to end")
    for module in WIDGET_MODULES:
        if _reads_one_key(module):
            module.get_session_state = _widget_session_state  # type: ignore[attr-defined]
        else:
            missing.append(f"{module.__name__}: one key looked up")
    if (
        WebSocketsSansIOProtocol is not None
        and _websocket_protocol is not None
        and _websocket_protocol() == "websockets-sansio"
    ):
        WebSocketsSansIOProtocol.connection_made = _connection_made  # type: ignore[method-assign]
    else:
        missing.append("one send per turn of the loop")
    if missing:
        print(
            f"deploy/streamlit_run.py: Streamlit changed; serving without {missing}",
            file=sys.stderr,
        )


if __name__ == "__main__":
    _patch()
    sys.exit(main())
