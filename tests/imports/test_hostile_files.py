"""Hostile files are refused while they are read, in bounded memory, naming the line
and the column: a row of hundreds of thousands of cells in a small workbook, a CSV
line of millions of commas, a header of endless empty columns, a sheet or a table of
shared strings past its cap, an entity declaration. A few empty cells beyond the
table, as spreadsheets save them, are read as before.

Memory is measured with tracemalloc (the file's own bytes are made before tracing
starts); the bound is generous, the files big enough that building their rows would
break it many times over.
"""

import csv
import io
import tracemalloc
import zipfile
from collections.abc import Callable

import pytest
from django.urls import reverse
from openpyxl import Workbook

from imports import reading
from imports.reading import FileRefused, read_table
from imports.refusals import column_letter
from provinces.models import Province

from .conftest import csv_file
from .test_command import run

HEADER = ["province_code", "province_kh", "province_en"]
NAMESPACE = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
SHEET = "xl/worksheets/sheet1.xml"
MEMORY_BOUND = 50 * 1024 * 1024
WIDE_CELLS = 400_000
TRAILING_COMMAS = 4_000_000


def header_row() -> str:
    return "".join(f'<c t="inlineStr"><is><t>{name}</t></is></c>' for name in HEADER)


def workbook(
    sheet_xml: bytes | str, *, sheets: int = 1, shared_strings: str | None = None
) -> bytes:
    """A workbook made by openpyxl whose first sheet's XML is replaced by `sheet_xml`
    (and whose shared strings are `shared_strings`), as a hostile file would be."""
    book = Workbook()
    for number in range(1, sheets):
        book.create_sheet(f"Sheet {number}")
    plain = io.BytesIO()
    book.save(plain)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(plain) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for member in source.infolist():
            if member.filename == SHEET:
                target.writestr(SHEET, sheet_xml)
            else:
                target.writestr(member, source.read(member))
        if shared_strings is not None:
            target.writestr("xl/sharedStrings.xml", shared_strings)
    return out.getvalue()


def sheet(*rows: str, prolog: str = "") -> str:
    body = "".join(f'<row r="{number}">{cells}</row>' for number, cells in enumerate(rows, 1))
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<worksheet xmlns="{NAMESPACE}">'
        f"<sheetData>{body}</sheetData></worksheet>"
    )


def takeo_row(number: int = 2) -> str:
    return (
        f'<c r="A{number}" t="inlineStr"><is><t>21</t></is></c>'
        f'<c r="B{number}" t="inlineStr"><is><t>តាកែវ</t></is></c>'
        f'<c r="C{number}" t="inlineStr"><is><t>Takeo</t></is></c>'
    )


def refused_within_memory(read: Callable[[], object]) -> tuple[FileRefused, int]:
    """The refusal `read` raises, and the peak of what it allocated."""
    tracemalloc.start()
    try:
        with pytest.raises(FileRefused) as refused:
            read()
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return refused.value, peak


def test_a_workbook_row_of_hundreds_of_thousands_of_cells_is_refused_at_its_first_extra_cell():
    data = workbook(sheet(header_row(), takeo_row() + "<c><v>1</v></c>" * WIDE_CELLS))
    limit = len(HEADER) + reading.EXTRA_CELLS

    refusal, peak = refused_within_memory(lambda: read_table(data, "wide.xlsx", columns=HEADER))

    assert len(data) < 200_000
    assert refusal.line == 2
    assert refusal.column == f"column {column_letter(limit + 1)}"
    assert refusal.message.startswith(f"the row goes on past column {column_letter(limit)}")
    assert peak < MEMORY_BOUND


def test_a_csv_line_of_millions_of_commas_is_refused_at_its_first_extra_cell():
    data = csv_file(HEADER, [["21", "តាកែវ", "Takeo" + "," * TRAILING_COMMAS]])
    data = data.replace(b'"', b"")  # the commas as cells, not inside a quoted value
    limit = len(HEADER) + reading.EXTRA_CELLS

    refusal, peak = refused_within_memory(lambda: read_table(data, "wide.csv", columns=HEADER))

    assert str(refusal).startswith(
        f"line 2, column {limit + 1}: the row has more than {limit} values, "
        f"{reading.EXTRA_CELLS} more than the header has columns"
    )
    assert peak < MEMORY_BOUND


def test_a_few_empty_cells_beyond_the_table_are_read_but_one_too_many_is_refused():
    limit = len(HEADER) + reading.EXTRA_CELLS
    header = ",".join(HEADER)
    saved = "21,តាកែវ,Takeo" + "," * reading.EXTRA_CELLS  # as a spreadsheet saves it

    table = read_table(f"{header}\n{saved}\n".encode(), "a.csv", columns=HEADER)
    assert [row["province_en"] for row in table.rows] == ["Takeo"]

    too_wide = saved + ","
    with pytest.raises(FileRefused) as refused:
        read_table(f"{header}\n{saved}\n{too_wide}\n".encode(), "a.csv", columns=HEADER)
    assert (refused.value.line, refused.value.column) == (3, f"column {limit + 1}")


def test_commas_inside_a_quoted_value_are_not_cells():
    limit = len(HEADER) + reading.EXTRA_CELLS
    data = csv_file(HEADER, [["21", "តាកែវ", "Takeo, " + "a," * (2 * limit)]])

    table = read_table(data, "a.csv", columns=HEADER)

    assert table.rows[0]["province_en"].startswith("Takeo, a,a,")


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_a_header_of_endless_empty_columns_is_refused_on_line_one(file_format):
    columns = reading.MAX_COLUMNS + 1
    if file_format == "csv":
        data = (",".join(HEADER) + "," * 100_000 + "\n21,តាកែវ,Takeo\n").encode()
        expected = f"column {columns}"
    else:
        data = workbook(sheet(header_row() + "<c/>" * 100_000, takeo_row()))
        expected = f"column {column_letter(columns)}"

    with pytest.raises(FileRefused) as refused:
        read_table(data, f"a.{file_format}", columns=HEADER)

    assert (refused.value.line, refused.value.column) == (1, expected)
    assert refused.value.message.startswith("the header row")


def test_a_workbook_value_over_the_csv_limit_names_its_row_and_column():
    long_name = "x" * (csv.field_size_limit() + 1)
    row = takeo_row().replace("<t>តាកែវ</t>", f"<t>{long_name}</t>")

    with pytest.raises(FileRefused) as refused:
        read_table(workbook(sheet(header_row(), row)), "a.xlsx", columns=HEADER)

    assert str(refused.value).startswith(
        "line 2, column B (province_kh): a value is longer than 131,072 characters"
    )


def test_a_sheet_past_its_cell_cap_is_refused_while_it_is_read(monkeypatch):
    monkeypatch.setattr(reading, "MAX_SHEET_CELLS", 300)
    rows = [header_row(), *(takeo_row(number) for number in range(2, 200))]

    with pytest.raises(FileRefused) as refused:
        read_table(workbook(sheet(*rows)), "a.xlsx", columns=HEADER)

    assert refused.value.message.startswith("The sheet holds more than 300 cells")
    assert refused.value.line == 101  # the row of the 301st cell


def test_shared_strings_past_their_cap_are_refused(monkeypatch):
    monkeypatch.setattr(reading, "MAX_SHARED_STRINGS", 10)
    strings = "".join(f"<si><t>name {number}</t></si>" for number in range(11))
    table = f'<sst xmlns="{NAMESPACE}" count="11" uniqueCount="11">{strings}</sst>'

    with pytest.raises(FileRefused) as refused:
        read_table(
            workbook(sheet(header_row(), takeo_row()), shared_strings=table),
            "a.xlsx",
            columns=HEADER,
        )

    assert refused.value.message.startswith("The workbook holds more than 10 different texts")


def test_a_workbook_of_too_many_sheets_is_refused(monkeypatch):
    monkeypatch.setattr(reading, "MAX_SHEETS", 2)

    with pytest.raises(FileRefused) as refused:
        read_table(workbook(sheet(header_row(), takeo_row()), sheets=3), "a.xlsx", columns=HEADER)

    assert refused.value.message.startswith("The workbook has more than 2 sheets")


def test_a_sheet_declaring_entities_is_refused_as_damaged():
    prolog = '<!DOCTYPE worksheet [<!ENTITY name "Takeo">]>'
    row = takeo_row().replace("<t>Takeo</t>", "<t>&name;</t>")

    with pytest.raises(FileRefused) as refused:
        read_table(workbook(sheet(header_row(), row, prolog=prolog)), "a.xlsx", columns=HEADER)

    assert refused.value.message.startswith("The workbook is damaged")


@pytest.mark.django_db
def test_the_command_refuses_a_line_of_commas_with_its_line_and_column(tmp_path):
    path = tmp_path / "provinces.csv"
    path.write_bytes(("\ufeff" + ",".join(HEADER) + "\n21,តាកែវ,Takeo" + "," * 1_000_000).encode())
    limit = len(HEADER) + reading.EXTRA_CELLS

    status, _out, err = run("provinces", str(path))

    assert status == 1
    assert f"provinces.csv: line 2, column {limit + 1}: the row has more than {limit}" in err
    assert Province.objects.count() == 0


@pytest.mark.django_db
def test_the_admin_refuses_a_wide_workbook_row_with_its_line_and_column(admin_client):
    file = io.BytesIO(workbook(sheet(header_row(), takeo_row() + "<c><v>1</v></c>" * 10_000)))
    file.name = "provinces.xlsx"
    limit = len(HEADER) + reading.EXTRA_CELLS

    page = admin_client.post(reverse("admin:provinces_province_import"), {"import_file": file})

    [problem] = page.context["report"].problems
    assert (problem.line, problem.column) == (2, f"column {column_letter(limit + 1)}")
    assert Province.objects.count() == 0
