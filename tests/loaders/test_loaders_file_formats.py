"""The one table of file formats (config/file_formats.toml) and what reads it."""
from settings.file_formats import (accepted_suffixes, accepted_words, container, container_suffix, folder_suffixes,
                                   mime, type_warning, upload_types, workbook_suffixes,
                                   zipped_suffixes)


def test_the_upload_box_the_guards_and_the_folder_scan_agree():
    accepted = set(accepted_suffixes())
    assert set(workbook_suffixes()) <= set(zipped_suffixes()) <= accepted <= set(folder_suffixes())
    assert ".xls" in folder_suffixes() and ".xls" not in accepted     # recognised, to be refused with the reason
    assert [f".{t}" for t in upload_types()] == list(accepted_suffixes())
    words = accepted_words()
    assert all(suffix in words for suffix in accepted) and words.count(" or ") == 1


def test_a_download_is_served_with_its_types_mime():
    assert mime("xlsx") == mime(".xlsx") == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert mime("csv") == "text/csv"
    assert mime("ods") == "application/vnd.oasis.opendocument.spreadsheet"


def test_an_ods_is_an_accepted_zip_spreadsheet_but_not_an_office_open_xml_one():
    assert ".ods" in accepted_suffixes() and "ods" in upload_types() and ".ods" in accepted_words()
    assert set(zipped_suffixes()) == {".xlsx", ".xlsm", ".ods"} and ".ods" not in workbook_suffixes()
    assert container(".ODS") == "opendocument" and container_suffix("opendocument") == ".ods"
    assert container(".xlsm") == "workbook" and container_suffix("workbook") == ".xlsx" and container(".bin") is None


def test_an_xlsm_says_only_officers_can_download_its_original():
    assert type_warning(".xlsm") == ("This workbook contains macros (.xlsm): it is kept as uploaded; macros are "
                                     "never run; only officers can download the original.")
    assert type_warning(".xlsx") is None
