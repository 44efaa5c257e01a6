"""A long load tells its caller each step as it starts, with what was found so far (issue 15),
so the Data page can show a 100,000-row upload being read, matched and counted."""
import pytest

from loaders import FileRejected, load_file

from loader_builders import forms_rows


def test_each_step_is_told_in_order_with_what_was_found(write_xlsx, codebook):
    steps = []
    result = load_file(write_xlsx(forms_rows(n=12), sheet="Responses"), codebook=codebook, progress=steps.append)
    assert steps[0].startswith("Checking the file")
    assert steps[1] == "Reading its rows"
    found = next(s for s in steps if s.startswith("Found"))
    assert "Microsoft Forms export" in found and "sheet 'Responses'" in found and "13 rows" in found
    assert steps[-1] == f"Counted {result.records:,} records; checking the result"


def test_a_refused_file_stops_at_the_step_that_refused_it(write_text):
    steps = []
    with pytest.raises(FileRejected):
        load_file(write_text([["a", "b"], ["1", "2"], ["3", "4"]]), progress=steps.append)
    assert steps[-1].endswith("finding its layout") and not any(s.startswith("Counted") for s in steps)
