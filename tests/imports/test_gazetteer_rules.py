"""The rules a gazetteer file is checked against: errors refuse it, warnings flag rows."""

import pytest

from provinces.models import Commune, District, Province, Village
from tests.factories import CommuneFactory, DistrictFactory, ProvinceFactory, VillageFactory

from .conftest import csv_file, do_import, messages, village, villages_file

pytestmark = pytest.mark.django_db


def test_a_clean_village_file_imports(commune):
    report = do_import("villages", villages_file([village("21040101"), village("21040102")]))

    assert report.ok
    assert (report.created, report.updated, report.unchanged) == (2, 0, 0)
    assert Village.objects.filter(commune=commune).count() == 2


def test_files_without_byte_order_mark_and_with_crlf_line_ends_import(commune):
    data = villages_file([village("21040101")], bom=False, crlf=True)

    assert do_import("villages", data).created == 1


def test_header_names_may_differ_in_case_and_surrounding_spaces(commune):
    header = [
        " Province_Code",
        "DISTRICT_CODE ",
        "commune_code",
        "Village_Code",
        "village_kh",
        "village_en",
    ]
    report = do_import("villages", csv_file(header, [village("21040101")]))

    assert report.ok, messages(report)
    assert report.created == 1


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "The file is empty."),
        (b"province_code,village_kh\n", "missing columns"),
        ("\ufeffprovince_code,province_kh,province_en\n".encode(), "no data rows"),
        ("código,nome\n21,Takeo\n".encode("cp1252"), "not UTF-8 text"),
        ("province_code,province_kh,province_en\n".encode("utf-16"), "saved as UTF-16"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a text file"),
        (b"PK\x03\x04garbage", "not a readable Excel workbook"),
    ],
)
def test_unreadable_files_are_refused_with_one_clear_message(data, expected):
    report = do_import("provinces", data)

    assert not report.ok
    assert len(report.errors) == 1
    assert expected in str(report.errors[0])
    assert Province.objects.count() == 0


def test_unknown_and_missing_columns_are_named():
    header = ["province_code", "province_khmer", "province_en"]
    report = do_import("provinces", csv_file(header, [["21", "តាកែវ", "Takeo"]]))

    [error] = report.errors
    assert "unknown columns: province_khmer" in error.message
    assert "missing columns: province_kh" in error.message
    assert "Expected: province_code, province_kh, province_en" in error.message


def test_empty_required_names_are_errors_with_line_and_column(commune):
    report = do_import(
        "villages", villages_file([village("21040101"), village("21040102", name_en="  ")])
    )

    assert messages(report) == ["line 3, village_en: this value is required but empty."]
    assert Village.objects.count() == 0


def test_over_long_values_are_errors(commune):
    report = do_import("villages", villages_file([village("21040101", name_en="x" * 101)]))

    assert messages(report) == [
        "line 2, village_en: 101 characters is too long; at most 100 are allowed."
    ]


def test_a_commune_code_must_start_with_the_rows_district_code():
    DistrictFactory(code="2104")
    report = do_import(
        "villages", villages_file([["21", "2104", "210501", "21050101", "ភូមិ", "Phum"]])
    )

    assert messages(report) == [
        "line 2, commune_code: 210501 does not start with its district's code 2104."
    ]


def test_a_district_code_must_start_with_the_rows_province_code():
    ProvinceFactory(code="21")
    report = do_import(
        "districts",
        csv_file(
            ["province_code", "district_code", "district_kh", "district_en"],
            [["21", "2204", "ស្រុក", "Srok"]],
        ),
    )

    assert messages(report) == [
        "line 2, district_code: 2204 does not start with its province's code 21."
    ]


def test_a_division_code_of_the_wrong_length_is_an_error_that_suspects_a_spreadsheet():
    report = do_import(
        "provinces",
        csv_file(
            ["province_code", "province_kh", "province_en"],
            [["1", "បន្ទាយមានជ័យ", "Banteay Meanchey"]],
        ),
    )

    assert messages(report) == [
        "line 2, province_code: 1 has 1 digits; province codes have 2 "
        "— did a spreadsheet drop a leading zero?"
    ]


def test_a_parent_missing_from_database_and_file_is_an_error():
    DistrictFactory(code="2104")
    report = do_import("villages", villages_file([village("21040101")]))

    assert messages(report) == [
        "line 2, commune_code: commune 210401 does not exist in the portal. Import the "
        "commune list first, or ask for missing parents to be created as flagged placeholders."
    ]
    assert Commune.objects.count() == 0


def test_missing_parents_may_be_created_as_flagged_placeholders():
    report = do_import(
        "villages", villages_file([village("21040101")]), create_missing_parents=True
    )

    assert report.ok
    assert report.placeholders == ["province 21", "district 2104", "commune 210401"]
    assert Province.objects.get(code="21").is_placeholder
    assert District.objects.get(code="2104").is_placeholder
    assert Commune.objects.get(code="210401").is_placeholder
    assert Village.objects.flagged().count() == 1


def test_a_list_that_carries_a_placeholder_makes_it_a_real_division():
    do_import("villages", villages_file([village("21040101")]), create_missing_parents=True)
    header = ["province_code", "district_code", "commune_code", "commune_kh", "commune_en"]

    report = do_import("communes", csv_file(header, [["21", "2104", "210401", "ឃុំ", "Khum"]]))

    assert report.updated == 1
    commune = Commune.objects.get(code="210401")
    assert (commune.is_placeholder, commune.name_en) == (False, "Khum")


def test_the_same_code_twice_in_a_division_file_is_an_error():
    header = ["province_code", "province_kh", "province_en"]
    report = do_import(
        "provinces", csv_file(header, [["21", "តាកែវ", "Takeo"], ["21", "តាកែវ", "Takeo"]])
    )

    assert messages(report) == [
        "line 3, province_code: 21 is already on line 2; each code may appear once."
    ]


def test_the_same_village_twice_in_a_file_is_an_error(commune):
    report = do_import("villages", villages_file([village("21040101"), village("21040101")]))

    assert messages(report) == [
        "line 3: the same village (commune 210401, code 21040101, Khmer name) "
        "is already on line 2."
    ]


def test_a_village_code_of_seven_digits_is_a_warning_that_suspects_a_spreadsheet(commune):
    report = do_import("villages", villages_file([village("2104011", commune="210401")]))

    assert report.ok
    assert messages(report) == [
        "line 2, village_code: 2104011 has 7 digits; village codes have 8 — did a spreadsheet "
        "drop a leading zero? Imported and flagged."
    ]
    assert Village.objects.get().code_malformed


def test_a_village_code_outside_its_commune_but_inside_its_district_is_a_warning(commune):
    report = do_import("villages", villages_file([village("21040201", commune="210401")]))

    assert report.ok
    assert messages(report) == [
        "line 2, village_code: 21040201 does not start with its commune's code 210401. "
        "Imported and flagged."
    ]
    assert Village.objects.get().code_outside_commune


def test_a_village_code_another_village_uses_is_a_warning(commune):
    VillageFactory(commune=CommuneFactory(code="210402"), code="21040101", name_km="ភូមិចាស់")
    report = do_import("villages", villages_file([village("21040101", name_km="ភូមិថ្មី")]))

    assert report.ok
    assert messages(report) == [
        "line 2, village_code: 21040101 is also the code of 1 other village(s). "
        "Imported and flagged."
    ]
    assert Village.objects.filter(code_shared=True).count() == 2


def test_villages_sharing_a_code_in_one_commune_are_each_a_warning(commune):
    report = do_import(
        "villages",
        villages_file(
            [village("21040101", name_km="ភូមិលើ"), village("21040101", name_km="ភូមិក្រោម")]
        ),
    )

    assert report.ok
    assert report.created == 2
    assert [problem.line for problem in report.warnings] == [2, 3]


def test_strict_turns_warnings_into_errors(commune):
    report = do_import(
        "villages", villages_file([village("2104011", commune="210401")]), strict=True
    )

    assert not report.ok
    assert report.invalid == 1
    assert Village.objects.count() == 0


def test_rows_outside_the_officials_provinces_are_errors(commune):
    DistrictFactory(code="0102")
    report = do_import(
        "villages",
        villages_file([village("21040101"), ["01", "0102", "010201", "01020101", "ភូមិ", "Phum"]]),
        provinces=frozenset({"21"}),
        create_missing_parents=True,
    )

    assert messages(report) == [
        "line 3, province_code: province 01 is not one of the provinces you may edit."
    ]
    assert Village.objects.count() == 0


def test_text_is_normalised_so_a_reimport_sees_no_false_changes(commune):
    decomposed = "ភូមិ\u200b"  # a trailing zero-width space
    do_import(
        "villages", villages_file([village("21040101", name_en=" Phum\u00a0", name_km=decomposed)])
    )
    stored = Village.objects.get()
    assert (stored.name_en, stored.name_km) == ("Phum", "ភូមិ")

    report = do_import(
        "villages", villages_file([village("21040101", name_en="Phum", name_km="ភូមិ")])
    )

    assert (report.created, report.updated, report.unchanged) == (0, 0, 1)


def test_khmer_names_keep_zero_width_spaces_inside():
    header = ["province_code", "province_kh", "province_en"]
    do_import("provinces", csv_file(header, [["21", "តា\u200bកែវ", "Takeo"]]))

    assert Province.objects.get().name_km == "តា\u200bកែវ"


def test_lines_are_counted_as_the_file_has_them(commune):
    data = (
        "province_code,district_code,commune_code,village_code,village_kh,village_en\n"
        '21,2104,210401,21040101,ភូមិ,"Phum\nLeu"\n'
        ",,,,,\n"
        "21,2104,210401,21040102,ភូមិ,\n"
    ).encode()

    report = do_import("villages", data)

    assert messages(report) == [
        "line 2, village_en: the value runs over several lines; a code or a name is one line. "
        "Is a closing quote misplaced?",
        "line 5, village_en: this value is required but empty.",
    ]


def test_rows_of_bare_commas_are_ignored(commune):
    data = villages_file([village("21040101"), ["", "", "", "", "", ""], ["", "", "", "", "", ""]])

    report = do_import("villages", data)

    assert (report.rows, report.created) == (1, 1)


def test_a_field_over_the_csv_limit_is_reported_with_its_line_and_column():
    data = (
        'province_code,province_kh,province_en\n21,តាកែវ,Takeo\n22,"' + "x" * 140_000 + '"\n'
    ).encode()

    report = do_import("provinces", data)

    [error] = report.errors
    assert str(error).startswith(
        "line 3, province_kh: the value is longer than 131,072 characters"
    )


def test_a_row_with_more_values_than_columns_is_an_error():
    header = ["province_code", "province_kh", "province_en"]
    report = do_import("provinces", csv_file(header, [["21", "តាកែវ", "Takeo", "extra"]]))

    assert messages(report) == ["line 2: the row has 1 more values than the header has columns."]


def test_xlsx_workbooks_import_and_number_cells_lose_no_leading_zero_silently():
    import io

    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["province_code", "province_kh", "province_en"])
    sheet.append(["21", "តាកែវ", "Takeo"])
    sheet.append([1, "បន្ទាយមានជ័យ", "Banteay Meanchey"])  # typed as a number
    buffer = io.BytesIO()
    workbook.save(buffer)

    report = do_import("provinces", buffer.getvalue(), file_name="provinces.xlsx")

    assert messages(report) == [
        "line 3, province_code: 1 has 1 digits; province codes have 2 "
        "— did a spreadsheet drop a leading zero?"
    ]


def test_an_empty_village_code_is_reported_once(commune):
    report = do_import("villages", villages_file([village("", commune="210401")]))

    assert messages(report) == ["line 2, village_code: this value is required but empty."]
