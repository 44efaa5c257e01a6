"""Streamlit's websocket protocol as the browser speaks it: framing and reading one script run.

The browser opens ``/_stcore/stream`` with the subprotocol ``streamlit`` and exchanges binary
protobuf frames, one message per frame: it sends a ``BackMsg`` whose ``rerun_script`` (a
``ClientState``) carries the url path as ``page_name`` (with an empty page script hash on the
first run), the query string and the widget states; the server answers with ``ForwardMsg``s:
``new_session``, ``navigation`` (the page script hash of the page it runs), ``delta``s (each
element, at its ``delta_path``), ``page_info_changed`` (the query string the app wrote) and
``script_finished``. The messages are streamlit's own (``streamlit.proto``), so nothing here
imports streamlit's server and a frame costs one protobuf parse.

``ScriptRun`` reads the ForwardMsgs of one run: how many elements arrived (main area apart),
the widgets the deltas created (a selectbox's id, options and value, as the browser keeps them
to send back), exceptions, and whether the script finished successfully.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

STREAM_PATH = "/_stcore/stream"
#: The browser's Sec-WebSocket-Protocol: the subprotocol, then its auth token (a placeholder
#: without a host's token; the server reads the second entry as the XSRF token).
SUBPROTOCOLS = ("streamlit", "PLACEHOLDER_AUTH_TOKEN")
#: What the browser's connection manager asks (together) of a base url before it opens the websocket.
PRELUDE_PATHS = ("/_stcore/health", "/_stcore/host-config")
#: The browser's wait before it tries the next base url when one does not answer its health check.
PROBE_RETRY_S = 0.1


def base_paths(url_path: str) -> list[str]:
    """The base paths the browser probes, in order: the page's own path, then its parent (at
    most two, as the frontend's connection manager does); '' is the server's root."""
    path = "/" + url_path.strip("/")
    if path == "/":
        return [""]
    parts, out = path.split("/"), []
    while parts:
        out.append("/".join(parts))
        parts.pop()
    return out[:2]
MAIN = 0                                   # delta_path[0] of the main area (1: sidebar, 2: event)
FINISHED = ForwardMsg.ScriptFinishedStatus.FINISHED_SUCCESSFULLY
#: element type -> the WidgetState field its value travels in (streamlit's register_widget value_type)
VALUE_FIELDS = {"selectbox": "string_value", "radio": "string_value", "multiselect": "string_array_value",
                "checkbox": "bool_value"}


@dataclass
class Widget:
    """A widget a delta created: enough to send its state back as the browser does."""

    id: str
    kind: str
    label: str
    options: list[str]
    value: object                          # the formatted option (selectbox, radio), a list, a bool

    @property
    def key(self) -> str:
        """The user key streamlit put at the end of the id (``$$ID-<hash>-<key>``), or ''."""
        parts = self.id.split("-", 2)
        return parts[2] if self.id.startswith("$$ID-") and len(parts) == 3 else ""


def rerun_message(page_name: str, query_string: str = "", page_script_hash: str = "",
                  widgets: list[Widget] = (), timezone: str = "Europe/London", locale: str = "en-GB",
                  url: str = "") -> bytes:
    """The framed BackMsg asking for a script run of ``page_name`` (the url path, '' for /)."""
    msg = BackMsg()
    state = msg.rerun_script
    state.page_name = page_name
    state.query_string = query_string
    state.page_script_hash = page_script_hash
    state.context_info.timezone = timezone
    state.context_info.locale = locale
    if url:
        state.context_info.url = url
    for widget in widgets:
        state.widget_states.widgets.append(widget_state(widget))
    return msg.SerializeToString()


def widget_state(widget: Widget) -> WidgetState:
    """The WidgetState the browser sends for ``widget`` at its current value."""
    state = WidgetState(id=widget.id)
    name = VALUE_FIELDS[widget.kind]
    if name == "string_array_value":
        state.string_array_value.data.extend(widget.value)
    else:
        setattr(state, name, widget.value)
    return state


def parse(raw: bytes) -> ForwardMsg:
    """One frame from the server."""
    msg = ForwardMsg()
    msg.ParseFromString(raw)
    return msg


def widget_from_element(element) -> Widget | None:
    """The widget a ``new_element`` creates, if it is one whose state we can send."""
    kind = element.WhichOneof("type")
    if kind not in VALUE_FIELDS:
        return None
    proto = getattr(element, kind)
    options = list(getattr(proto, "options", []))
    if kind in ("selectbox", "radio"):
        if getattr(proto, "raw_value", ""):
            value = proto.raw_value
        elif _has(proto, "default") and 0 <= proto.default < len(options):
            value = options[proto.default]
        else:
            return None                    # no choice yet: the browser sends nothing either
    elif kind == "multiselect":
        value = list(proto.raw_values) if proto.raw_values else [options[i] for i in proto.default]
    else:
        value = bool(proto.value) if proto.set_value else bool(proto.default)
    return Widget(proto.id, kind, proto.label, options, value)


def _has(proto, name: str) -> bool:
    try:
        return proto.HasField(name)
    except ValueError:                     # not an optional field: it is always there
        return True


@dataclass
class ScriptRun:
    """What one script run sent, read frame by frame (``feed`` says when it has finished)."""

    elements: int = 0                      # new elements, anywhere
    main_elements: int = 0                 # of them, in the main area
    widgets: dict[str, Widget] = field(default_factory=dict)
    exceptions: list[str] = field(default_factory=list)
    page_script_hash: str = ""
    query_string: str | None = None        # set when the app changed it (page_info_changed)
    page_not_found: bool = False
    status: int | None = None              # script_finished's status, once it arrived

    @property
    def finished(self) -> bool:
        return self.status is not None

    @property
    def succeeded(self) -> bool:
        return self.status == FINISHED and not self.exceptions and not self.page_not_found

    def feed(self, msg: ForwardMsg) -> bool:
        """Take one ForwardMsg; True when it was the run's script_finished."""
        kind = msg.WhichOneof("type")
        if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            element = msg.delta.new_element
            self.elements += 1
            if msg.metadata.delta_path and msg.metadata.delta_path[0] == MAIN:
                self.main_elements += 1
            if element.WhichOneof("type") == "exception":
                self.exceptions.append(f"{element.exception.type}: {element.exception.message}"[:300])
            widget = widget_from_element(element)
            if widget is not None:
                self.widgets[widget.id] = widget
        elif kind == "new_session":
            self.page_script_hash = msg.new_session.page_script_hash or self.page_script_hash
        elif kind == "navigation":
            self.page_script_hash = msg.navigation.page_script_hash or self.page_script_hash
        elif kind == "page_info_changed":
            self.query_string = msg.page_info_changed.query_string
        elif kind == "page_not_found":
            self.page_not_found = True
        elif kind == "script_finished":
            if msg.script_finished == ForwardMsg.ScriptFinishedStatus.FINISHED_EARLY_FOR_RERUN:
                return False               # a rerun replaced this run: its own finish follows
            self.status = msg.script_finished
            return True
        return False

    def find_widget(self, key: str) -> Widget | None:
        """The widget whose user key is ``key`` (or ends with it), else None."""
        for widget in self.widgets.values():
            if widget.key == key or widget.key.endswith(key):
                return widget
        return None
