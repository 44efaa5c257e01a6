"""The corpus manifest (tests/fixtures/real/corpus.toml) is complete, and its judge can fail.

The genuine files are run by `make corpus` (tests/real_corpus.py); here the manifest is
checked without them: every file has its provenance and an expectation, the corpus spans
the origins the issue asks for, and the judge says "wrong" for each way a load can be wrong.
"""
from tests.real_corpus import Outcome, blob_hash, entries, judge

PROVENANCE = ("name", "origin", "repository", "path", "commit", "licence", "what", "blob", "expect")


def test_every_file_has_its_provenance_and_an_expectation():
    files = entries()
    assert len(files) >= 25 and len({f["name"] for f in files}) == len(files)
    assert len({f["repository"] for f in files}) >= 12
    for entry in files:
        assert all(entry.get(field) for field in PROVENANCE), entry["name"]
        assert len(entry["commit"]) == 40 and len(entry["blob"]) == 40
        assert entry["expect"] in ("loads", "refused")
        assert ("records" in entry) if entry["expect"] == "loads" else bool(entry.get("reason"))


def test_the_blob_hash_is_git_s():
    assert blob_hash(b"hello\n") == "ce013625030ba8dba906f756967f9e9ca394464a"     # git hash-object


def test_the_judge_says_what_is_wrong():
    loads = {"expect": "loads", "kind": "survey", "format": "generic-survey-csv", "records": 911, "questions": 6,
             "warns": ["No directorate"]}
    right = Outcome("survey", "generic-survey-csv", 911, 6, None, ["No directorate/organisation column found"])
    assert judge(loads, right) == []
    assert judge(loads, Outcome("survey", "generic-survey-csv", 1, 6, None, right.warnings))
    assert judge(loads, Outcome("survey", "surveymonkey-csv", 911, 6, None, right.warnings))
    assert judge(loads, Outcome("survey", "generic-survey-csv", 911, 6, None, []))
    assert judge(loads, Outcome(None, None, 0, None, "not in a layout", []))
    refused = {"expect": "refused", "reason": "numbers with no labels", "format": "qualtrics-csv"}
    assert judge(refused, Outcome("survey", "qualtrics-csv", 0, None, "its answers are numbers with no labels", [])) == []
    assert judge(refused, Outcome("survey", "qualtrics-csv", 0, None, "not in a layout we recognise", []))
    assert judge(refused, Outcome("survey", "qualtrics-csv", 12, 3, None, []))
