"""Formula neutralising: what an export writes and what an import reads back."""

import pytest

from imports.cells import neutralise, unneutralise
from imports.reading import clean_cell


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=SUM(A1)", "'=SUM(A1)"),
        ("+855 12 345 678", "'+855 12 345 678"),
        ("-5", "'-5"),
        ("@cmd", "'@cmd"),
        ("\tTab", "'\tTab"),
        ("\rReturn", "'\rReturn"),
        ("'=already quoted", "''=already quoted"),
        ("Takeo", "Takeo"),
        ("'plain apostrophe", "'plain apostrophe"),
        ("0506140-", "0506140-"),
        ("", ""),
        (21, 21),
    ],
)
def test_cells_that_could_run_as_formulas_are_written_as_text(value, written):
    assert neutralise(value) == written


@pytest.mark.parametrize(
    "value", ["=1+1", "''=x", "'=x", "-", "Takeo", "'quoted", "ភូមិ", "a=b", "@"]
)
def test_an_exported_value_reads_back_exactly(value):
    assert unneutralise(neutralise(value)) == value


def test_an_import_strips_the_apostrophe_exactly_once():
    assert clean_cell("''=x") == "'=x"
    assert clean_cell("'=x") == "=x"
    assert clean_cell("'plain") == "'plain"
