"""A file's cost is bounded by what it holds: rows, unpacked size and columns are
capped, checked before and while reading, with a message naming the limit."""

import io
import zipfile

import pytest
from openpyxl import Workbook

from imports import reading
from imports.reading import FileRefused, read_table
from tests.imports.conftest import csv_file

COLUMNS = ["province_code", "province_kh", "province_en"]
NAMESPACE = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def workbook(rows: int, *, dimension: str | None = None) -> bytes:
    """A workbook of a header and `rows` identical rows, as small as zip makes it.

    Written by hand, as a hostile file would be: the sheet declares `dimension` (or
    nothing), whatever it holds.
    """
    book = Workbook()
    book.active.append(COLUMNS)
    plain = io.BytesIO()
    book.save(plain)

    def sheet():
        yield f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{NAMESPACE}">'
        if dimension:
            yield f'<dimension ref="{dimension}"/>'
        yield "<sheetData>"
        yield '<row r="1">' + "".join(
            cell(f"{col}1", name) for col, name in zip("ABC", COLUMNS, strict=True)
        )
        yield "</row>"
        for n in range(2, rows + 2):
            cells = cell(f"A{n}", "21") + cell(f"B{n}", "x") + cell(f"C{n}", "T")
            yield f'<row r="{n}">{cells}</row>'
        yield "</sheetData></worksheet>"

    bomb = io.BytesIO()
    with (
        zipfile.ZipFile(plain) as source,
        zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for member in source.infolist():
            if member.filename == "xl/worksheets/sheet1.xml":
                target.writestr(member.filename, "".join(sheet()))
            else:
                target.writestr(member, source.read(member))
    return bomb.getvalue()


def refusal(data: bytes, file_name: str = "upload.xlsx", **kwargs) -> str:
    with pytest.raises(FileRefused) as refused:
        read_table(data, file_name, columns=COLUMNS, **kwargs)
    return refused.value.message


@pytest.fixture
def small_limits(monkeypatch):
    monkeypatch.setattr(reading, "MAX_ROWS", 1_000)


def test_a_small_workbook_that_unpacks_to_many_rows_is_refused_while_reading(small_limits):
    data = workbook(20_000)
    read = []

    message = refusal(data, on_progress=read.append)

    assert len(data) < 300_000  # about 11 bytes a row
    assert message.startswith("The file has more than 1,000 rows; split it")
    assert max(read, default=0) <= 1_000  # reading stopped at the limit


def test_a_workbook_declaring_too_many_rows_is_refused_before_reading(small_limits):
    read = []

    message = refusal(workbook(10, dimension="A1:C400000"), on_progress=read.append)

    assert "more than 1,000 rows" in message
    assert read == []


def test_a_csv_file_with_too_many_rows_is_refused(small_limits):
    data = csv_file(COLUMNS, [["21", "x", "Takeo"]] * 1_001)

    assert "more than 1,000 rows" in refusal(data, file_name="upload.csv")
    assert len(read_table(data[: data.rindex(b"21")], "a.csv", columns=COLUMNS).rows) == 1_000


def test_a_workbook_that_unpacks_past_the_size_limit_is_refused(monkeypatch):
    monkeypatch.setattr(reading, "MAX_UNPACKED_BYTES", 1024 * 1024)

    message = refusal(workbook(20_000))

    assert message == (
        "The workbook unpacks to more than 1 MB; split it into smaller files or save it as CSV."
    )


def test_a_sheet_declaring_the_whole_width_of_excel_is_read_up_to_the_column_cap():
    table = read_table(workbook(3, dimension="A1:XFD4"), "wide.xlsx", columns=COLUMNS)

    assert [row["province_en"] for row in table.rows] == ["T", "T", "T"]


def test_the_limits_are_far_above_the_largest_real_file():
    assert reading.MAX_ROWS >= 3 * 14_576  # the national village list
