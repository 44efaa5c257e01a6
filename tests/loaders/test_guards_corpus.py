"""The hostile/broken corpus (tests/fixtures/hostile/build.py): each file gives its clear
message, never a traceback, and leaves the store exactly as it was."""
import importlib.util
import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from loaders import FileRejected, load_file
from store.file_store import FileStore

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("hostile_build", ROOT / "tests/fixtures/hostile/build.py")
hostile = importlib.util.module_from_spec(_spec)
__import__("sys").modules["hostile_build"] = hostile
_spec.loader.exec_module(hostile)
CASES = hostile.build(Path(__import__("tempfile").mkdtemp(prefix="hostile-names-")))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    return folder, {c.name: c for c in hostile.build(folder)}


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """A store holding one upload, to show the corpus never changes it."""
    folder = tmp_path_factory.mktemp("store")
    path = sorted((ROOT / "data/sample/trackers").glob("*.xlsx"))[0]
    FileStore(folder).add(path.read_bytes(), path.name, load_file(path, kind="actions", snapshot_date="2023-03-14"))
    return folder


def state(folder: Path) -> dict:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def try_store(store_dir: Path, path: Path, case) -> None:
    """What the Data page does: load, and store only what loaded."""
    result = load_file(path, kind=case.kind, **case.metadata)
    if case.outcome == "reject":
        FileStore(store_dir).add(path.read_bytes(), path.name, result)


def test_corpus_has_at_least_40_files():
    assert len(CASES) >= 40


@pytest.mark.parametrize("name", [c.name for c in CASES])
def test_hostile_file_message_and_store_unchanged(name, corpus, store):
    folder, cases = corpus
    case, path = cases[name], folder / name
    before = state(store)
    if case.outcome == "reject":
        with pytest.raises(FileRejected) as caught:
            try_store(store, path, case)
        messages = " | ".join(f.message for f in caught.value.findings)
        assert case.expect.casefold() in messages.casefold(), messages
        assert all(f.message.rstrip().endswith((".", ")")) for f in caught.value.findings)
    else:
        result = load_file(path, kind=case.kind, **case.metadata)
        messages = " | ".join(f.message for f in result.warnings)
        if case.outcome == "warn":
            assert case.expect.casefold() in messages.casefold(), messages
        if case.records is not None:
            assert result.records == case.records
    assert state(store) == before


def test_located_warnings_name_sheet_row_and_column(corpus):
    folder, cases = corpus
    result = load_file(folder / "formula_no_value.xlsx", kind="actions", snapshot_date="2023-06-09")
    [formula] = [f for f in result.warnings if "formula" in f.message]
    assert (formula.sheet, formula.row, formula.column) == ("Sheet", 7, "G")
    result = load_file(folder / "hidden_sheet.xlsx", kind="actions", snapshot_date="2023-06-09")
    assert any(f.sheet == "Old data" for f in result.warnings)


def test_cp1252_text_decoded(corpus):
    folder, _ = corpus
    result = load_file(folder / "cp1252.csv", kind="survey", audience="staff", wave="w", wave_date="2023-01-16")
    assert any("café" in q for q in result.frame["question_text"].astype(str))


def test_5mb_zip_expanding_past_a_gigabyte_is_refused_fast(tmp_path):
    bomb = tmp_path / "bomb.xlsx"
    chunk = b"\x00" * (1 << 20)
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        archive.writestr("xl/workbook.xml", b"<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
            for _ in range(5 * 1024):                       # 5 GB of zeros, streamed
                part.write(chunk)
    size = bomb.stat().st_size
    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(FileRejected) as caught:
        load_file(bomb)
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(f"\nzip bomb: {size / 2**20:.1f} MB on disk -> 5120 MB declared; refused in {elapsed * 1000:.1f} ms, "
          f"peak traced memory {peak / 2**20:.2f} MB")
    assert "zip bomb" in str(caught.value)
