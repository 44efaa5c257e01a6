"""The layout registry (config/layouts.toml, loaders/registry.py): today's detection order,
pinned by name; a bad registry fails loudly; a new format is a module and one line."""
import sys
import types

import pandas as pd
import pytest

from loaders import load_file, registry
from loaders.layout import Layout
from loaders.report import LoadResult

#: The order every file was detected in before the registry became config (issue 14), with
#: the long-format survey (issue 15) before the generic sheet and the aggregated table, which
#: would otherwise claim its files, and the complaints register (issue 17) after the expectations.
TODAY = ["surveymonkey", "microsoft-forms", "planner", "council-tracker", "scrutiny-matrix", "scrutiny-long",
         "scrutiny-cover", "events", "codebook", "expectations", "complaints-register", "qualtrics", "google-forms", "long-survey",
         "generic-survey", "aggregated-results"]


def test_detection_order_is_todays():
    assert [layout.name for layout in registry.layouts()] == TODAY


def test_the_forms_and_generic_layouts_read_columns():
    assert [layout.name for layout in registry.layouts() if layout.columnar] == ["microsoft-forms", "generic-survey"]


def test_config_order_of_lines_does_not_matter():
    entries = registry.read_entries(registry.CONFIG)
    assert [l.name for l in registry.build(list(reversed(entries)))] == TODAY


@pytest.mark.parametrize("entries, complaint", [
    ([{"name": "planner", "module": "planner", "precedence": 1},
      {"name": "planner", "module": "planner", "precedence": 2}], "listed twice"),
    ([{"name": "planner", "module": "no_such_module", "precedence": 1}], "no module loaders.no_such_module"),
    ([{"name": "planner", "module": "planner"}], "no whole-number precedence"),
    ([{"name": "planner", "module": "planner", "precedence": "1"}], "no whole-number precedence"),
    ([{"name": "planner", "module": "planner", "precedence": 1},
      {"name": "events", "module": "events", "precedence": 1}], "shares precedence 1"),
    ([{"name": "planer", "module": "planner", "precedence": 1}], "declares no layout of that name"),
    ([{"module": "planner", "precedence": 1}], "has no name"),
])
def test_a_bad_registry_fails_loudly(entries, complaint):
    with pytest.raises(registry.RegistryError, match=complaint):
        registry.build(entries)


def test_a_new_format_is_a_module_and_one_line(tmp_path, monkeypatch, write_text):
    def matches(sheet):
        return sheet.rows[0][:1] == ["NEW-FORMAT"]

    def load(sheet, **options):
        return LoadResult(kind="survey", format="new-format", frame=pd.DataFrame(), records=0)

    module = types.ModuleType("loaders.new_format")
    module.LAYOUT = Layout("new-format", "survey", "a new format", matches, load)
    monkeypatch.setitem(sys.modules, "loaders.new_format", module)
    config = tmp_path / "layouts.toml"
    line = '    { name = "new-format", module = "new_format", precedence = 5 },\n'
    config.write_text(registry.CONFIG.read_text(encoding="utf-8").replace("layouts = [\n", "layouts = [\n" + line))
    monkeypatch.setattr(registry, "CONFIG", config)
    registry.layouts.cache_clear()
    try:
        assert registry.layouts()[0].name == "new-format"
        assert load_file(write_text([["NEW-FORMAT"], ["x"]])).format == "new-format"
    finally:
        monkeypatch.undo()
        registry.layouts.cache_clear()
