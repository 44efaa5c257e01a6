"""ui/wrapped_table.py: the table whose text wraps (issue 16). Every word of every cell is in
it, escaped; status cells carry their colour and words; below 640 px each row reads as
'Column: value' lines."""
import pandas as pd

from charts.palette import OVERDUE, STATUS_COLOURS
from ui.wrapped_table import NARROW_PX, cell_text, table_html

LONG = ("Develop an improved Performance Management Framework, including Key Performance Indicators to be "
        "reported to the Board and sub-committees")


def test_every_word_is_in_the_table_escaped_with_its_column_label():
    frame = pd.DataFrame({"Ref": ["GOV-05"], "Action": [LONG + " <b>&</b>"], "Progress": ["Line one\nLine two"]})
    html = table_html(frame)
    assert LONG + " &lt;b&gt;&amp;&lt;/b&gt;" in html and "<b>" not in html
    assert "Line one<br>Line two" in html
    assert '<span class="cell-label">Action: </span>' in html
    assert f"@media (max-width: {NARROW_PX}px)" in html and "overflow-wrap: anywhere" in html
    assert html.count('role="row"') == 2 and 'role="table"' in html


def test_status_cells_carry_colour_and_words_and_overdue_its_own_colour():
    frame = pd.DataFrame({"Ref": ["A", "B", "C"], "Status": ["Green", "Green, 16 days overdue", None]})
    html = table_html(frame, status_columns=("Status",))
    assert f"background-color:{STATUS_COLOURS['Green']}" in html and f"background-color:{OVERDUE}" in html
    assert "Green, 16 days overdue</td>" in html
    assert html.count("background-color") == 2        # a blank status has no fill


def test_cells_read_as_dates_numbers_and_blanks():
    assert cell_text(pd.Timestamp("2024-09-30")) == "30 Sep 2024"
    assert cell_text(56.0) == "56" and cell_text(pd.NA) == "" and cell_text(None) == ""
