"""Invisible characters people and tools leave in cells (zero-width spaces and joiners, soft
hyphens, direction marks, BOM, NUL) never split one group or answer into two."""
import random

import pytest

from loaders import load_file
from model.frames import AGREEMENT_SCALE as AGREE
from model.text import cell_text, match_key

from loader_builders import GROUP_Q


#: Written out here, not read from the code, so the test judges the normalisation.
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\u00ad", "\u200e", "\u200f", "\u061c", "\u202a",
             "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\ufeff", "\x00"]


@pytest.mark.parametrize("seed", range(30))
def test_any_invisible_character_anywhere_leaves_the_text_as_it_reads(seed):
    rng = random.Random(seed)
    word = rng.choice(["Finance", "Place and Economy", "Chief Executive's Office", "Agree", "Strongly disagree"])
    cut = rng.randrange(len(word) + 1)
    dirty = word[:cut] + "".join(rng.choice(INVISIBLE) for _ in range(rng.randrange(1, 4))) + word[cut:]
    assert cell_text(dirty) == word and match_key(dirty) == match_key(word)


def test_a_zero_width_space_in_a_group_name_does_not_make_a_second_group(write_text, codebook):
    header = ["Timestamp", GROUP_Q, "How far do you agree [I am proud to work here]"]
    rows = [header] + [[f"04/05/2023 10:{i:02d}:00", "Fin\u200bance" if i % 2 else "Finance", AGREE[i % 5]]
                       for i in range(12)]
    result = load_file(write_text(rows), codebook=codebook)
    assert set(result.frame["group"]) == {"Finance"}


def test_what_was_taken_out_is_said_with_sheet_row_and_column(write_text, codebook):
    header = ["Timestamp", GROUP_Q, "How far do you agree [I am proud to work here]"]
    rows = [header] + [[f"04/05/2023 10:{i:02d}:00", "Fin\u200bance" if i in (3, 7) else "Finance",
                        "Agree\u200f" if i == 5 else AGREE[i % 5]] for i in range(12)]
    path = write_text(rows)
    result = load_file(path, codebook=codebook)
    said = [w for w in result.warnings if "cannot be seen" in w.message]
    assert len(said) == 1, [w.message for w in result.warnings]
    finding = said[0]
    assert "3 cells" in finding.message
    assert "zero width space" in finding.message and "right-to-left mark" in finding.message
    # the earliest such cell: i = 3 is Excel row 5 (row 1 is the header), in the group column
    assert (finding.sheet, finding.row, finding.column) == (path.stem, 5, GROUP_Q)
    assert f"'{GROUP_Q[:40]}' (first at row 5)" in finding.message and "(first at row 7)" in finding.message
    assert "\u200b" in path.read_text(encoding="utf-8")               # the file itself is not rewritten


def test_clean_text_says_nothing(write_text, codebook):
    header = ["Timestamp", GROUP_Q, "How far do you agree [I am proud to work here]"]
    rows = [header] + [[f"04/05/2023 10:{i:02d}:00", "Finance", AGREE[i % 5]] for i in range(12)]
    result = load_file(write_text(rows), codebook=codebook)
    assert not [w for w in result.warnings if "cannot be seen" in w.message]
