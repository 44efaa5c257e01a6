"""The one table of file formats (config/file_formats.toml) and what reads it."""
from settings.file_formats import accepted_suffixes, accepted_words, folder_suffixes, mime, upload_types, workbook_suffixes


def test_the_upload_box_the_guards_and_the_folder_scan_agree():
    accepted = set(accepted_suffixes())
    assert set(workbook_suffixes()) <= accepted <= set(folder_suffixes())
    assert ".xls" in folder_suffixes() and ".xls" not in accepted     # recognised, to be refused with the reason
    assert [f".{t}" for t in upload_types()] == list(accepted_suffixes())
    words = accepted_words()
    assert all(suffix in words for suffix in accepted) and words.count(" or ") == 1


def test_a_download_is_served_with_its_types_mime():
    assert mime("xlsx") == mime(".xlsx") == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert mime("csv") == "text/csv"
