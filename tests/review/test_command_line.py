"""`import_data --user`: the command imports with the named user's provinces and rights."""

from django.core.management import call_command

from review.models import Revision
from tests.factories import ProvinceFactory, VillageFactory
from tests.review.conftest import public


def producers_file(tmp_path, rows: list[str]):
    path = tmp_path / "producers.csv"
    header = "id,name_en,kind,village_code,contact_person,phone"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def run(*args) -> int:
    try:
        call_command("import_data", *args)
    except SystemExit as exit_:
        return exit_.code
    return 0


def test_an_officials_command_line_import_proposes_changes_to_public_records(
    tmp_path, takeo, official
):
    before = public(takeo.product.get_absolute_url())
    row = f"{takeo.producer.pk},{takeo.producer.name_en},cooperative,21040101,Sok Dara,011 111 111"

    status = run("producers", str(producers_file(tmp_path, [row])), "--user", official.username)

    assert status == 0
    assert public(takeo.product.get_absolute_url()) == before
    revision = Revision.objects.open().for_record(takeo.producer).get()
    assert revision.field_changes == {"phone": "011 111 111"}


def test_an_officials_command_line_import_is_refused_outside_their_provinces(
    tmp_path, takeo, official
):
    kampot = ProvinceFactory(code="07", name_en="Kampot", slug="kampot")
    VillageFactory(
        code="07010101",
        commune__code="070101",
        commune__district__code="0701",
        commune__district__province=kampot,
    )
    row = ",Kampot pepper farm,household,07010101,,"

    status = run("producers", str(producers_file(tmp_path, [row])), "--user", official.username)

    assert status == 1
