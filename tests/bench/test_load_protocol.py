"""The load harness's protocol framing and the pure parts around it (arrivals, scenarios, report):
what a frame carries survives the round trip, a script run is read as the browser reads it."""
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from bench.load import protocol, report
from bench.load.arrivals import schedule
from bench.load.scenarios import scenario_for, scenarios
from bench.load.session import Outcome, choose, problem

GROUP_ID = "$$ID-529194da73d398190f1dd86c40fdc36f-staff-group"
OPTIONS = ["All staff", "Chief Executive's Office", "Economy and Growth"]


def frames() -> list[bytes]:
    """A small script run as the server frames it: session, navigation, elements, finish."""
    out = []
    msg = ForwardMsg()
    msg.new_session.page_script_hash = "first"
    out.append(msg.SerializeToString())
    msg = ForwardMsg()
    msg.navigation.page_script_hash = "staff"
    out.append(msg.SerializeToString())
    msg = ForwardMsg()
    msg.metadata.delta_path[:] = [0, 0]
    msg.delta.new_element.heading.body = "Staff results"
    out.append(msg.SerializeToString())
    msg = ForwardMsg()
    msg.metadata.delta_path[:] = [0, 1]
    box = msg.delta.new_element.selectbox
    box.id, box.label, box.default = GROUP_ID, "Show results for", 0
    box.options[:] = OPTIONS
    out.append(msg.SerializeToString())
    msg = ForwardMsg()
    msg.metadata.delta_path[:] = [2, 0]
    msg.delta.new_element.html.body = "<style></style>"
    out.append(msg.SerializeToString())
    msg = ForwardMsg()
    msg.page_info_changed.query_string = "group=Economy"
    out.append(msg.SerializeToString())
    msg = ForwardMsg()
    msg.script_finished = ForwardMsg.ScriptFinishedStatus.FINISHED_SUCCESSFULLY
    out.append(msg.SerializeToString())
    return out


def read(raw_frames) -> tuple[protocol.ScriptRun, list[bool]]:
    run = protocol.ScriptRun()
    return run, [run.feed(protocol.parse(raw)) for raw in raw_frames]


def test_rerun_message_round_trips_as_the_browsers():
    widget = protocol.Widget(GROUP_ID, "selectbox", "Show results for", OPTIONS, "Economy and Growth")
    raw = protocol.rerun_message("staff-results", "group=x", "staff", [widget], url="http://127.0.0.1:1/staff-results")
    msg = BackMsg()
    msg.ParseFromString(raw)
    assert msg.WhichOneof("type") == "rerun_script"
    state = msg.rerun_script
    assert (state.page_name, state.query_string, state.page_script_hash) == ("staff-results", "group=x", "staff")
    assert state.context_info.url == "http://127.0.0.1:1/staff-results" and state.context_info.timezone
    (sent,) = state.widget_states.widgets
    assert sent.id == GROUP_ID and sent.WhichOneof("value") == "string_value"
    assert sent.string_value == "Economy and Growth"


def test_first_rerun_has_no_page_hash_and_no_widgets():
    msg = BackMsg()
    msg.ParseFromString(protocol.rerun_message(""))
    assert msg.rerun_script.page_name == "" and msg.rerun_script.page_script_hash == ""
    assert not msg.rerun_script.widget_states.widgets


def test_multiselect_and_checkbox_states_use_their_fields():
    tags = protocol.widget_state(protocol.Widget("m", "multiselect", "", ["a", "b"], ["b"]))
    tick = protocol.widget_state(protocol.Widget("c", "checkbox", "", [], True))
    assert list(tags.string_array_value.data) == ["b"] and tick.bool_value is True


def test_a_script_run_is_read_frame_by_frame():
    run, finished = read(frames())
    assert finished == [False] * 6 + [True]
    assert run.succeeded and run.page_script_hash == "staff" and run.query_string == "group=Economy"
    assert run.elements == 3 and run.main_elements == 2
    widget = run.find_widget("staff-group")
    assert widget.key == "staff-group" and widget.value == "All staff" and widget.options == OPTIONS


def test_a_run_replaced_by_a_rerun_is_not_its_finish():
    msg = ForwardMsg()
    msg.script_finished = ForwardMsg.ScriptFinishedStatus.FINISHED_EARLY_FOR_RERUN
    run, finished = read([msg.SerializeToString()])
    assert finished == [False] and not run.finished


def test_an_exception_element_is_an_error_of_the_render():
    msg = ForwardMsg()
    msg.metadata.delta_path[:] = [0, 2]
    msg.delta.new_element.exception.type = "KeyError"
    msg.delta.new_element.exception.message = "'wave'"
    run, _ = read([msg.SerializeToString(), frames()[-1]])
    assert not run.succeeded
    assert problem(run, scenario_for("staff-results")).startswith("exception: KeyError")


def test_too_few_elements_is_not_a_full_render():
    run, _ = read(frames())
    assert "fewer than 10" in problem(run, scenario_for("staff-results"))
    assert problem(run, scenario_for("accessibility")) == ""


def test_the_interaction_changes_the_scenarios_widget_and_sends_the_others():
    run, _ = read(frames())
    other = protocol.Widget("$$ID-ab-other", "checkbox", "x", [], False)
    run.widgets[other.id] = other
    sent = {w.id: w.value for w in choose(run, scenario_for("staff-results"))}
    assert sent == {GROUP_ID: "Economy and Growth", other.id: False}


def test_a_multiselect_is_set_to_the_one_option_and_a_checkbox_flipped():
    from bench.load.scenarios import Scenario

    run = protocol.ScriptRun()
    run.widgets["$$ID-1-filter-area"] = protocol.Widget("$$ID-1-filter-area", "multiselect", "Area", ["A", "B"], [])
    run.widgets["$$ID-2-show-all"] = protocol.Widget("$$ID-2-show-all", "checkbox", "All", [], False)
    assert [w.value for w in choose(run, Scenario("governance", widget="filter-area", option=1))] == [["B"], False]
    assert [w.value for w in choose(run, Scenario("governance", widget="show-all"))] == [[], True]


def test_browser_probes_the_page_path_then_the_root():
    assert protocol.base_paths("staff-results") == ["/staff-results", ""]
    assert protocol.base_paths("") == [""]
    assert protocol.base_paths("a/b/c") == ["/a/b/c", "/a/b"]


def test_arrivals_are_spread_over_the_window_and_seeded():
    for pattern in ("poisson", "even"):
        times = schedule(50, 20.0, pattern)
        assert len(times) == 50 and times == sorted(times) and times[0] == 0 and abs(times[-1] - 20) < 1e-9
    assert schedule(50, 20.0) == schedule(50, 20.0) != schedule(50, 20.0, seed=1)
    assert schedule(0, 10) == [] and schedule(3, 0) == [0.0, 0.0, 0.0]


def test_every_scenario_names_a_page_the_full_edition_has():
    from settings.config import edition_pages

    paths = {p for section in edition_pages("full").values() for p in section}
    assert set(scenarios()) <= paths


def test_report_counts_per_page_and_takes_nearest_rank_percentiles():
    outcomes = [Outcome("staff-results", started=True, render_s=s, interact_s=s / 2, elements=39) for s in
                (0.1, 0.2, 0.3, 0.4)]
    outcomes += [Outcome("staff-results", started=True, error="boom"), Outcome("overview", started=False)]
    (staff, overview) = report.page_rows(outcomes)
    assert staff[:5] == ("staff-results", "5", "4", "1", "39")
    assert staff[5:8] == ("0.20 s", "0.40 s", "0.40 s")
    assert overview[:4] == ("overview", "0", "0", "0")
    assert report.percentile([], 50) is None and report.percentile([3.0], 99) == 3.0


def test_a_rerun_replaces_only_its_section_of_the_page(tmp_path):
    doc = tmp_path / "performance.md"
    doc.write_text("# Performance\n\nnotes by hand\n", encoding="utf-8")
    report.write_section(doc, f"{report.BEGIN}\nfirst\n{report.END}\n")
    doc.write_text(doc.read_text(encoding="utf-8") + "\nafter\n", encoding="utf-8")
    report.write_section(doc, f"{report.BEGIN}\nsecond\n{report.END}\n")
    text = doc.read_text(encoding="utf-8")
    assert "first" not in text and text.count(report.BEGIN) == 1
    assert text.startswith("# Performance\n\nnotes by hand\n") and "second" in text and text.endswith("after\n")


def test_each_configuration_of_a_run_keeps_its_own_section(tmp_path):
    doc = tmp_path / "performance.md"
    for key, words in (("100 users", "a"), ("300 users", "b"), ("100 users", "c")):
        begin, end = report.markers(key)
        report.write_section(doc, f"{begin}\n{words}\n{end}\n", begin, end)
    text = doc.read_text(encoding="utf-8")
    assert "\na\n" not in text and text.index("\nc\n") < text.index("\nb\n")   # replaced in place
    assert text.count("begin [100 users]") == 1 and text.count("begin [300 users]") == 1


def test_the_browser_checks_wire_reader_decodes_chromiums_frames_with_the_harness_reader():
    import base64

    from bench.load.browser_check import Wire

    wire = Wire()
    wire.request({"request": {"url": "http://127.0.0.1:1/staff-results/_stcore/health"}, "timestamp": 10.0})
    wire.request({"request": {"url": "http://127.0.0.1:1/_stcore/health"}, "timestamp": 10.2})
    wire.sent_frame({"response": {"opcode": 2, "payloadData": ""}, "timestamp": 10.3})
    for i, raw in enumerate(frames()):
        wire.frame({"response": {"opcode": 2, "payloadData": base64.b64encode(raw).decode()}, "timestamp": 11.0 + i})
    assert (wire.health, wire.sent, wire.finished) == (10.0, 10.3, 11.0 + len(frames()) - 1)
    assert wire.run.main_elements == 2


def ws_frame(payload: bytes, opcode: int = 2, fin: bool = True) -> bytes:
    """A server's websocket frame (unmasked), as the tap reads it."""
    import struct

    head = bytes([(0x80 if fin else 0) | opcode])
    if len(payload) < 126:
        return head + bytes([len(payload)]) + payload
    if len(payload) < 2**16:
        return head + bytes([126]) + struct.pack(">H", len(payload)) + payload
    return head + bytes([127]) + struct.pack(">Q", len(payload)) + payload


def test_the_tap_reads_the_servers_frames_after_the_upgrade_fragmented_or_not():
    from bench.load.tap import Frames

    seen = []
    reader = Frames(seen.append)
    raw = frames()
    big = ForwardMsg()
    big.metadata.delta_path[:] = [0, 5]
    big.delta.new_element.markdown.body = "x" * 70_000          # a 64-bit length
    stream = b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n"
    stream += b"".join(ws_frame(r) for r in raw[:3]) + ws_frame(big.SerializeToString())
    middle = raw[3]
    stream += ws_frame(middle[:5], fin=False) + ws_frame(middle[5:], opcode=0)   # one message in two frames
    stream += b"".join(ws_frame(r) for r in raw[4:])
    for i in range(0, len(stream), 1000):                      # as TCP cuts it
        reader.feed(stream[i:i + 1000])
    assert len(seen) == 1
    reader.feed(ws_frame(raw[-1]))
    assert len(seen) == 2                                     # the next run's finish too


def test_the_tap_ignores_a_connection_that_is_not_upgraded():
    from bench.load.tap import Frames

    seen = []
    reader = Frames(seen.append)
    reader.feed(b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok" + ws_frame(frames()[-1]))
    assert seen == [] and not reader.upgraded
