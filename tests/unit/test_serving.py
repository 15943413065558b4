"""deploy/streamlit_run.py's fixes to Streamlit's server. The e2e tests serve every page through it,
as `make run` does: a message it left unsent would hang them."""

import asyncio
import importlib.util
import inspect
import threading
from collections.abc import Callable
from types import ModuleType, SimpleNamespace
from unittest.mock import Mock

import pytest
from streamlit import config
from streamlit.runtime.memory_session_storage import MemorySessionStorage
from streamlit.runtime.session_manager import ActiveSessionInfo
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT
from tests.loops import off_this_thread


@pytest.fixture
def launcher() -> ModuleType:
    """The launcher as a module, without running it (it patches Streamlit only as __main__)."""
    spec = importlib.util.spec_from_file_location("streamlit_run", ROOT / "deploy/streamlit_run.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_streamlit_still_has_what_the_launcher_patches(launcher: ModuleType) -> None:
    """Else the launcher serves without its fixes (and says so): an upgrade of Streamlit fails here."""
    assert launcher._bind_socket is not None and launcher._options_for_section is not None
    assert callable(getattr(launcher.Runtime, "_enqueued_some_message", None))
    assert callable(getattr(launcher.AppSession, "_call_soon_on_event_loop", None))
    assert hasattr(config, "_config_options") and "with _config_lock" in inspect.getsource(
        config.get_option
    )
    assert launcher.runtime.asyncio is asyncio  # the module the send loop's sleep(0) comes from
    assert "await asyncio.sleep(0)" in inspect.getsource(launcher.Runtime._loop_coroutine)
    assert launcher._stops_first(launcher.WebsocketSessionManager.disconnect_session)
    assert "_active_session_info_by_id" in inspect.getsource(launcher.WebsocketSessionManager)
    for module in launcher.WIDGET_MODULES:
        assert launcher._reads_one_key(module), module.__name__
    assert launcher._websocket_protocol() == "websockets-sansio"  # the protocol batched


def test_the_theme_is_read_as_streamlit_reads_it(launcher: ModuleType) -> None:
    for section in ("theme", "theme.light", "theme.dark", "theme.sidebar", "theme.dark.sidebar"):
        assert launcher._options_of(section) == config.get_options_for_section(section)


def test_the_theme_is_read_again_only_from_a_new_parse_of_the_config(
    launcher: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads: list[str] = []

    def read(section: str) -> dict[str, str]:
        reads.append(section)
        return {"primaryColor": f"#{len(reads)}"}

    monkeypatch.setattr(launcher, "_options_for_section", read)
    parsed: dict[str, object] = {}
    monkeypatch.setattr(config, "get_config_options", lambda: parsed)
    assert launcher._options_of("theme") == launcher._options_of("theme") == {"primaryColor": "#1"}
    launcher._options_of("theme")["primaryColor"] = "changed"  # each caller gets its own copy
    assert launcher._options_of("theme") == {"primaryColor": "#1"} and reads == ["theme"]
    reparsed: dict[str, object] = {}  # the config parsed again (a new dict of options)
    monkeypatch.setattr(config, "get_config_options", lambda: reparsed)
    assert launcher._options_of("theme") == {"primaryColor": "#2"}


@pytest.mark.parametrize(("pending", "wake_ups"), [(False, 1), (True, 0)])
def test_a_message_wakes_the_event_loop_unless_a_wake_up_is_pending(
    launcher: ModuleType, pending: bool, wake_ups: int
) -> None:
    flag = asyncio.Event()
    if pending:
        flag.set()
    loop = SimpleNamespace(need_send_data=flag, eventloop=Mock())
    launcher._enqueued_some_message(SimpleNamespace(_get_async_objs=lambda: loop))
    assert loop.eventloop.call_soon_threadsafe.call_count == wake_ups
    if wake_ups:
        loop.eventloop.call_soon_threadsafe.assert_called_with(flag.set)


def test_a_sessions_events_reach_its_loop_in_order_behind_one_wake_up(launcher: ModuleType) -> None:
    off_this_thread(lambda: _events_in_order(launcher))


def _events_in_order(launcher: ModuleType) -> None:
    loop = asyncio.new_event_loop()
    session = SimpleNamespace(_event_loop=loop)
    seen: list[int] = []
    wake_ups = loop.call_soon_threadsafe = Mock(wraps=loop.call_soon_threadsafe)  # type: ignore[method-assign]
    script = threading.Thread(
        target=lambda: [
            launcher._call_soon_on_event_loop(session, lambda n=n: seen.append(n))
            for n in range(100)
        ]
    )
    script.start()
    script.join()
    loop.run_until_complete(asyncio.sleep(0))
    assert seen == list(range(100)) and wake_ups.call_count == 1
    launcher._call_soon_on_event_loop(session, lambda: seen.append(100))  # after a run: wakes again
    loop.run_until_complete(asyncio.sleep(0))
    assert seen[-1] == 100 and wake_ups.call_count == 2
    loop.close()
    launcher._call_soon_on_event_loop(session, lambda: seen.append(101))  # closed: dropped
    assert seen[-1] == 100


def test_a_failing_event_is_reported_and_the_next_still_runs(launcher: ModuleType) -> None:
    off_this_thread(lambda: _a_failing_event(launcher))


def _a_failing_event(launcher: ModuleType) -> None:
    loop = asyncio.new_event_loop()
    reported: list[dict[str, object]] = []
    loop.set_exception_handler(lambda _loop, context: reported.append(context))
    session = SimpleNamespace(_event_loop=loop)
    seen: list[str] = []
    launcher._call_soon_on_event_loop(session, lambda: 1 / 0)
    launcher._call_soon_on_event_loop(session, lambda: seen.append("next"))
    loop.run_until_complete(asyncio.sleep(0))
    loop.close()
    assert seen == ["next"] and isinstance(reported[0]["exception"], ZeroDivisionError)


def test_the_send_loop_yields_once_per_batch_of_messages(launcher: ModuleType) -> None:
    turns = 0

    async def other_task() -> None:
        nonlocal turns
        while True:
            turns += 1
            await asyncio.sleep(0)

    async def send_loop() -> int:
        task = asyncio.create_task(other_task())
        await asyncio.sleep(0)  # the other task starts
        before = turns
        for _ in range(launcher.YIELD_EVERY * 3):
            await launcher._sleep(0)  # what Streamlit awaits after each message
        task.cancel()
        return turns - before

    assert off_this_thread(lambda: asyncio.run(send_loop())) == 3
    assert off_this_thread(lambda: asyncio.run(launcher._sleep(0.001, "slept"))) == "slept"


def test_a_turn_of_the_loops_writes_leave_as_one_in_order_and_before_a_close(
    launcher: ModuleType,
) -> None:
    transport = Mock()
    transport.is_closing.return_value = False

    async def a_flush_then_a_close() -> list:
        batched = launcher._BatchedWrites(transport)
        for frame in (b"one", b"two", b"three"):
            batched.write(frame)
        assert transport.write.call_count == 0  # not within the turn
        await asyncio.sleep(0)
        big = b"x" * launcher.FLUSH_AT
        batched.write(big)  # goes at once, not at the end of the turn
        assert transport.write.call_args.args == (big,)
        batched.write(b"last")
        batched.close()  # sends what is pending first
        assert batched.get_extra_info is transport.get_extra_info  # the rest is the transport's
        transport.is_closing.return_value = True  # the tab went away
        batched.write(b"unread")
        await asyncio.sleep(0)
        assert not batched._pending  # dropped, not kept
        return [c for c in transport.mock_calls if c[0] in ("write", "close")]

    calls = off_this_thread(lambda: asyncio.run(a_flush_then_a_close()))
    assert [(c[0], c[1]) for c in calls] == [  # type: ignore[attr-defined]
        ("write", (b"onetwothree",)),
        ("write", (b"x" * launcher.FLUSH_AT,)),
        ("write", (b"last",)),
        ("close", ()),
    ]


def test_a_parsed_config_is_read_as_streamlit_reads_it_without_its_lock(
    launcher: ModuleType,
) -> None:
    options = launcher._get_config_options()  # as the CLI's parse goes through the launcher
    for key in options:
        assert launcher._get_option(key) == config.get_option(key)
    held, release = threading.Event(), threading.Event()

    def hold_the_lock() -> None:
        with config._config_lock:
            held.set()
            release.wait(10)

    holder = threading.Thread(target=hold_the_lock)
    holder.start()
    held.wait(10)
    try:
        read: list[object] = []
        reader = threading.Thread(target=lambda: read.append(launcher._get_option("server.port")))
        reader.start()
        reader.join(5)
        assert read == [config._config_options["server.port"].value]  # not queued on the lock
    finally:
        release.set()
        holder.join()


def test_while_the_config_is_parsed_again_a_read_waits_for_it(
    launcher: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    launcher._get_config_options()
    locked = Mock(return_value="after the parse")
    monkeypatch.setattr(launcher, "_locked_get_option", locked)
    monkeypatch.setattr(config, "_config_options", dict(config._config_options))  # being filled
    assert launcher._get_option("server.port") == "after the parse"
    locked.assert_called_once_with("server.port")


class _Session:
    """What WebsocketSessionManager.disconnect_session uses of an AppSession, counting stops."""

    id = "tab"

    def __init__(self, resumable: bool) -> None:
        self.resumable = resumable
        self.stops = 0

    def request_script_stop(self) -> None:
        self.stops += 1

    def is_resumable(self) -> bool:
        return self.resumable

    def shutdown(self) -> None:  # AppSession.shutdown stops the script through the same method
        self.request_script_stop()

    def disconnect_file_watchers(self) -> None:
        pass

    def clear_session_caches(self) -> None:
        pass


def _disconnected(launcher: ModuleType, session: _Session) -> None:
    manager = launcher.WebsocketSessionManager(MemorySessionStorage(), Mock(), Mock(), None)
    manager._active_session_info_by_id[session.id] = ActiveSessionInfo(Mock(), session)
    launcher._disconnect_session(manager, session.id)
    assert session.id not in manager._active_session_info_by_id


def test_a_closed_tab_leaves_its_run_to_end_and_the_next_stop_is_streamlits(
    launcher: ModuleType,
) -> None:
    """The run in hand may carry the words the tab sent as it went away (its on_change saves them)."""
    session = _Session(resumable=True)
    _disconnected(launcher, session)
    assert session.stops == 0
    session.request_script_stop()  # a later stop (the Stop button of the next tab to resume it)
    assert session.stops == 1 and "request_script_stop" not in vars(session)


def test_a_signed_out_tab_is_still_shut_down_and_its_run_stopped(launcher: ModuleType) -> None:
    session = _Session(resumable=False)
    _disconnected(launcher, session)
    assert session.stops == 1 and "request_script_stop" not in vars(session)


def _widgets_given_none_or_a_value() -> None:
    import datetime

    import streamlit as st

    for key in ("text", "area", "pick", "count", "day", "time", "choice", "when"):
        st.session_state.setdefault(key, None)
    st.session_state.setdefault("typed", "kept")
    st.session_state.setdefault("level", 7)
    st.session_state.setdefault("span", (2, 5))
    st.text_input("Text", key="text")
    st.text_area("Area", key="area")
    st.selectbox("Pick", ["a", "b"], key="pick")
    st.number_input("Count", key="count")
    st.date_input("Day", key="day")
    st.time_input("Time", key="time")
    st.datetime_input("When", key="when")
    st.radio("Choice", ["a", "b"], key="choice")
    st.text_input("Typed", key="typed")
    st.slider("Level", 0, 10, key="level")
    st.slider("Span", 0, 10, key="span")
    st.date_input("Range", (datetime.date(2026, 1, 1), datetime.date(2026, 1, 2)), key="range")


def _widgets(patches: dict[ModuleType, Callable[[], object]], mp: pytest.MonkeyPatch) -> list:
    """The widgets' messages as the script above sends them, each module's get_session_state
    replaced as `patches` says."""
    with mp.context() as patched:
        for module, stand_in in patches.items():
            patched.setattr(module, "get_session_state", stand_in)
        app = AppTest.from_function(_widgets_given_none_or_a_value)
        off_this_thread(app.run)
    assert not app.exception
    return [element.proto for element in app.main.children.values()]


def test_every_widget_reads_its_key_the_same_through_the_one_key_stand_in(
    launcher: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Streamlit's widgets copy all of session state to read their own key (None? one value or a
    range?); the launcher's stand-in looks that key up alone. Each widget must say the same."""
    calls = Mock(wraps=launcher._widget_session_state)
    theirs = _widgets({}, monkeypatch)
    ours = _widgets(dict.fromkeys(launcher.WIDGET_MODULES, calls), monkeypatch)
    assert ours == theirs and calls.call_count == 11  # each widget but the range given a value
    text, *_, when, _choice, typed, level, span, _range = ours
    assert not text.HasField("default") and not when.default  # None: no default
    assert typed.value == "kept" and list(level.default) == [0] and list(span.default) == [0, 10]
