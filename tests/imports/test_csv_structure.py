"""A CSV file whose structure is broken is refused, pointing at the line and column.

Python's reader would read an unclosed quote to the end of the file as one value
and take a NUL byte as a character; the import refuses both, and values that run
over several lines where a code or a name belongs, and writes nothing.
"""

import pytest

from provinces.models import Province, Village

from .conftest import do_import, messages

pytestmark = pytest.mark.django_db

PROVINCES = "province_code,province_kh,province_en\n"
VILLAGES = "province_code,district_code,commune_code,village_code,village_kh,village_en\n"


def test_an_unclosed_quote_on_the_last_line_is_refused_with_its_line_and_column():
    data = (PROVINCES + '21,តាកែវ,Takeo\n22,ឧត្ដរមានជ័យ,"Oddar Meanchey\n').encode()

    report = do_import("provinces", data)

    assert messages(report) == [
        "line 3, province_en: this value opens a quote that is never closed; add the "
        "closing quote (the file ends inside the value)."
    ]
    assert Province.objects.count() == 0


def test_an_unclosed_quote_on_line_2_does_not_swallow_the_next_lines_into_a_name():
    data = (PROVINCES + '21,"តាកែវ,Takeo\n22,ឧត្ដរមានជ័យ,Oddar Meanchey\n23,កែប,Kep\n').encode()

    report = do_import("provinces", data)

    [error] = report.errors
    assert (error.line, error.column) == (2, "province_kh")
    assert "never closed" in error.message
    assert Province.objects.count() == 0


def test_a_quote_closed_lines_later_with_text_after_it_names_where_it_opened():
    data = (PROVINCES + '21,"តាកែវ,Takeo\n22,"ឧត្ដរមានជ័យ",Oddar Meanchey\n').encode()

    report = do_import("provinces", data)

    assert messages(report) == [
        "line 2, province_kh: this value opens a quote that closes only on line 3, with "
        "more text after it; is a closing quote missing here?"
    ]


def test_text_after_a_closing_quote_on_the_same_line_is_refused():
    data = (PROVINCES + '21,"តាកែវ"x,Takeo\n').encode()

    report = do_import("provinces", data)

    [error] = report.errors
    assert (error.line, error.column) == (2, "province_kh")
    assert 'written twice ("")' in error.message


def test_a_doubled_quote_inside_a_quoted_value_is_read_as_one_quote():
    data = (PROVINCES + '21,តាកែវ,"Takeo ""south"""\n').encode()

    report = do_import("provinces", data)

    assert report.ok, messages(report)
    assert Province.objects.get().name_en == 'Takeo "south"'


@pytest.mark.parametrize("column", ["village_code", "village_kh", "village_en"])
def test_a_line_break_inside_a_code_or_name_is_refused(commune, column):
    values = {
        "village_code": "21040101",
        "village_kh": "ភូមិ",
        "village_en": "Phum",
    }
    values[column] = values[column][:2] + "\n" + values[column][2:]
    data = (
        VILLAGES
        + "21,2104,210401,21040102,ភូមិ,Phum Leu\n"
        + f'21,2104,210401,"{values["village_code"]}","{values["village_kh"]}",'
        f'"{values["village_en"]}"\n'
    ).encode()

    report = do_import("villages", data)

    assert not report.ok
    assert (3, column) in {
        (error.line, error.column)
        for error in report.errors
        if "runs over several lines" in error.message
    }
    assert Village.objects.count() == 0


def test_a_nul_byte_is_refused_with_its_line_and_column():
    data = (PROVINCES + "21,តាកែវ,Takeo\n22,ឧត្ដរ\x00មានជ័យ,Oddar Meanchey\n").encode()

    report = do_import("provinces", data)

    [error] = report.errors
    assert (error.line, error.column) == (3, "province_kh")
    assert "NUL character" in error.message
    assert str(error).startswith("line 3, province_kh: ")
    assert Province.objects.count() == 0


def test_a_binary_file_full_of_nul_bytes_is_still_not_a_text_file():
    report = do_import("provinces", b"province_code\n" + b"\x00" * 64)

    assert messages(report) == ["The file is not a text file (CSV) or an Excel workbook (XLSX)."]
