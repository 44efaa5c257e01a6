"""The page dump's comparison (tests/page_dump.py) sees a changed figure, a lost run and a new one."""
from tests.page_dump import compare


def test_compare_names_what_changed():
    before = {"full | culture | opened": {"tables": ["a,b\n1,2\n"], "words": ["Culture"]},
              "staff | overview | opened": {"tables": [], "words": []}}
    after = {"full | culture | opened": {"tables": ["a,b\n1,3\n"], "words": ["Culture"]},
             "full | data | opened": {"tables": [], "words": []}}
    assert compare(before, after) == ["changed: full | culture | opened: tables",
                                      "only after: full | data | opened",
                                      "only before: staff | overview | opened"]
    assert compare(before, before) == []
