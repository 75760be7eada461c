"""Communes and villages are reviewed like the programme's own records: an official's
correction or addition, in the admin or from a file, waits for a reviewer while every
public page that shows the place keeps the approved version."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from accounts.roles import NATIONAL_ADMINISTRATOR
from provinces.models import Commune, Village
from provinces.services import VillageRow, sync_villages
from review import services
from review.models import Revision
from tests.factories import CommuneFactory, DistrictFactory, ProducerFactory, VillageFactory
from tests.review.conftest import change_url, decide, edit, public, shown
from tests.review.test_products import SAVED, approve, snapshot_of


def place_pages(takeo) -> list[str]:
    """Every public page that shows Takeo's commune or village by name."""
    return [
        takeo.village.get_absolute_url(),
        takeo.commune.get_absolute_url(),
        takeo.district.get_absolute_url(),
        takeo.product.get_absolute_url(),
        takeo.producer.get_absolute_url(),
        "/km" + takeo.village.get_absolute_url()[3:],
        "/km" + takeo.product.get_absolute_url()[3:],
        "/sitemap.xml",
    ]


def add_village(client, commune: Commune, **values):
    data = {"code": "21040199", "name_en": "Phum Thmey", "name_km": "ភូមិថ្មី", "slug": ""}
    data.update(commune=commune.pk, **values)
    return client.post(reverse("admin:provinces_village_add"), data, follow=True)


def villages_file(*rows: str) -> SimpleUploadedFile:
    header = "province_code,district_code,commune_code,village_code,village_kh,village_en"
    return SimpleUploadedFile("villages.csv", "\n".join([header, *rows, ""]).encode())


def import_in_admin(client, model: str, upload: SimpleUploadedFile):
    preview = client.post(
        reverse(f"admin:provinces_{model}_import"), {"import_file": upload, "format": "0"}
    )
    assert preview.status_code == 200, preview.content[:500]
    form = preview.context["confirm_form"]
    return client.post(
        reverse(f"admin:provinces_{model}_process_import"),
        {name: form[name].value() for name in form.fields},
        follow=True,
    )


def test_an_officials_correction_of_a_village_leaves_every_public_page_as_it_was(
    as_official, takeo, official
):
    before = snapshot_of(place_pages(takeo))

    response = edit(as_official, takeo.village, name_en="Ta Nop", name_km="តាណប")

    assert SAVED in response.content.decode()
    assert snapshot_of(place_pages(takeo)) == before
    village = Village.objects.get(pk=takeo.village.pk)
    assert (village.name_en, village.name_km, village.live) == ("Ta Nob", "តាណុប", True)
    revision = Revision.objects.open().for_record(village).get()
    assert revision.field_changes == {"name_en": "Ta Nop", "name_km": "តាណប"}
    assert (revision.created_by, revision.province_id) == (official, "21")
    # The official's form shows the correction as it will be.
    form = as_official.get(change_url(village))
    assert form.context["adminform"].form["name_en"].value() == "Ta Nop"
    assert "Public; changes wait for review" in form.content.decode()


def test_after_approval_every_page_shows_the_corrected_name_and_history_names_the_reviewer(
    as_official, takeo, reviewer, client
):
    edit(as_official, takeo.village, name_en="Ta Nop")
    revision = Revision.objects.open().for_record(takeo.village).get()

    client.force_login(reviewer)
    approve(client, revision, comment="As in the 2026 list.")

    for url in (takeo.village.get_absolute_url(), takeo.product.get_absolute_url()):
        status, content = public(url)
        assert status == 200
        assert "Ta Nop" in content.decode()
    entry = Village.objects.get(pk=takeo.village.pk).history.latest()
    assert entry.history_user == reviewer
    assert "Approved the change proposed by takeo-official" in entry.history_change_reason


def test_a_correction_sent_back_leaves_the_village_as_it_was_and_the_official_reads_why(
    as_official, takeo, reviewer, client, official
):
    edit(as_official, takeo.village, name_en="Ta Nop")
    before = snapshot_of(place_pages(takeo))
    revision = Revision.objects.open().for_record(takeo.village).get()

    client.force_login(reviewer)
    decide(client, revision, "send_back", "The Ministry spells it Ta Nob.")

    assert snapshot_of(place_pages(takeo)) == before
    client.force_login(official)
    form = client.get(change_url(takeo.village)).content.decode()
    assert "The Ministry spells it Ta Nob." in form
    assert "Public; changes sent back" in form


def test_an_officials_correction_of_a_commune_waits_for_review(
    as_official, takeo, reviewer, client
):
    before = snapshot_of(place_pages(takeo))

    response = edit(as_official, takeo.commune, name_en="Prey Ampouk")

    assert SAVED in response.content.decode()
    assert snapshot_of(place_pages(takeo)) == before
    revision = Revision.objects.open().for_record(takeo.commune).get()
    assert revision.field_changes == {"name_en": "Prey Ampouk"}

    client.force_login(reviewer)
    approve(client, revision)
    assert "Prey Ampouk" in public(takeo.commune.get_absolute_url())[1].decode()
    assert "Prey Ampouk" in public(takeo.village.get_absolute_url())[1].decode()


def test_a_village_an_official_adds_is_not_public_until_a_reviewer_publishes_it(
    as_official, takeo, reviewer, client
):
    commune_page = public(takeo.commune.get_absolute_url())

    response = add_village(as_official, takeo.commune)

    assert "It is not public yet: it waits for a reviewer" in response.content.decode()
    village = Village.objects.get(code="21040199")
    assert not village.live
    assert public(village.get_absolute_url())[0] == 404
    assert public(takeo.commune.get_absolute_url()) == commune_page
    revision = Revision.objects.open().for_record(village).get()
    assert revision.is_new_record

    client.force_login(reviewer)
    approve(client, revision)

    status, content = public(village.get_absolute_url())
    assert status == 200 and "Phum Thmey" in content.decode()
    assert "Phum Thmey" in public(takeo.commune.get_absolute_url())[1].decode()


def test_an_administrators_own_correction_goes_live(client, make_official, takeo):
    client.force_login(make_official(NATIONAL_ADMINISTRATOR))

    response = edit(client, takeo.village, name_en="Ta Nop")

    assert "Saved and published" in response.content.decode()
    assert "Ta Nop" in public(takeo.village.get_absolute_url())[1].decode()
    assert not Revision.objects.open().exists()


def test_an_officials_village_file_proposes_its_corrections_and_additions(
    as_official, takeo, reviewer, client
):
    before = snapshot_of(place_pages(takeo))
    upload = villages_file(
        "21,2104,210401,21040101,តាណប,Ta Nop", "21,2104,210401,21040102,ភូមិថ្មី,Phum Thmey"
    )

    done = import_in_admin(as_official, "village", upload)

    text = done.content.decode()
    assert "1 changes to public records and 1 new records wait for review" in text
    assert snapshot_of(place_pages(takeo)) == before
    assert Village.objects.get(pk=takeo.village.pk).name_en == "Ta Nob"
    added = Village.objects.get(code="21040102")
    assert not added.live and public(added.get_absolute_url())[0] == 404
    correction = Revision.objects.open().for_record(takeo.village).get()
    assert correction.field_changes == {"name_en": "Ta Nop", "name_km": "តាណប"}
    assert Revision.objects.open().for_record(added).get().is_new_record

    client.force_login(reviewer)
    approve(client, correction)
    assert "Ta Nop" in public(takeo.village.get_absolute_url())[1].decode()


def test_the_same_file_imported_again_proposes_nothing_new(as_official, takeo):
    upload = "21,2104,210401,21040101,តាណប,Ta Nop"
    import_in_admin(as_official, "village", villages_file(upload))
    first = Revision.objects.open().for_record(takeo.village).get()

    preview = as_official.post(
        reverse("admin:provinces_village_import"),
        {"import_file": villages_file(upload), "format": "0"},
    )

    report = preview.context["report"]
    assert (report.created, report.updated, report.unchanged) == (0, 0, 1)
    assert Revision.objects.open().for_record(takeo.village).get().submitted_at == (
        first.submitted_at
    )


def test_an_officials_commune_file_on_the_command_line_proposes_its_corrections(
    tmp_path, takeo, official
):
    before = snapshot_of(place_pages(takeo))
    path = tmp_path / "communes.csv"
    path.write_text(
        "province_code,district_code,commune_code,commune_kh,commune_en\n"
        "21,2104,210401,ព្រៃអំពក,Prey Ampouk\n",
        encoding="utf-8",
    )

    call_command("import_data", "communes", str(path), "--user", official.username)

    assert snapshot_of(place_pages(takeo)) == before
    revision = Revision.objects.open().for_record(takeo.commune).get()
    assert revision.field_changes == {"name_en": "Prey Ampouk"}


def test_a_national_load_writes_the_public_version(tmp_path, takeo):
    path = tmp_path / "communes.csv"
    path.write_text(
        "province_code,district_code,commune_code,commune_kh,commune_en\n"
        "21,2104,210401,ព្រៃអំពក,Prey Ampouk\n21,2104,210402,ឃុំថ្មី,Khum Thmey\n",
        encoding="utf-8",
    )

    call_command("import_data", "communes", str(path))

    assert "Prey Ampouk" in public(takeo.commune.get_absolute_url())[1].decode()
    assert Commune.objects.get(code="210402").live
    assert not Revision.objects.exists()


def test_a_commune_keyed_with_a_leading_zero_is_reviewed_like_any_other(
    make_official, reviewer, client
):
    commune = CommuneFactory(
        code="010201",
        name_en="Banteay Neang",
        district=DistrictFactory(code="0102", province__code="01", province__slug="bmc"),
    )
    official = make_official("Provincial official", ("01",), username="bmc-official")
    client.force_login(official)

    edit(client, commune, name_en="Banteay Neang (corrected)")

    revision = Revision.objects.open().get()
    assert revision.object_id == "010201" and revision.record == commune
    client.force_login(reviewer)
    page = client.get(reverse("admin:review_revision_change", args=[revision.pk]))
    assert page.context["record"] == commune
    approve(client, revision)
    assert Commune.objects.get(code="010201").name_en == "Banteay Neang (corrected)"


def test_a_village_that_is_not_public_is_on_no_public_page(takeo, as_official):
    hidden = VillageFactory(
        commune=takeo.commune, code="21040150", name_en="Phum Kbal", live=False
    )
    ProducerFactory(village=hidden, name_en="Hidden group", live=False)

    assert public(hidden.get_absolute_url())[0] == 404
    for url in (takeo.commune.get_absolute_url(), "/sitemap.xml"):
        assert "Phum Kbal" not in public(url)[1].decode()
    view_on_site = as_official.get(
        reverse(
            "admin:view_on_site",
            args=[ContentType.objects.get_for_model(Village).pk, hidden.pk],
        )
    )
    assert view_on_site.status_code == 404


def test_a_producer_in_a_village_that_is_not_public_cannot_be_published(takeo, reviewer, client):
    hidden = VillageFactory(commune=takeo.commune, code="21040150", live=False)
    producer = ProducerFactory(village=hidden, name_en="New group", live=False)
    client.force_login(reviewer)

    response = client.post(
        reverse("admin:products_producer_changelist"),
        {"action": "publish_selected", "_selected_action": [producer.pk]},
        follow=True,
    )

    assert "is not public yet" in response.content.decode()
    producer.refresh_from_db()
    assert not producer.live


def test_a_public_producer_cannot_be_moved_to_a_village_that_is_not_public(
    client, make_official, takeo
):
    hidden = VillageFactory(commune=takeo.commune, code="21040150", live=False)
    client.force_login(make_official(NATIONAL_ADMINISTRATOR))

    response = edit(client, takeo.producer, village=str(hidden.pk))

    assert "This village is not public yet" in response.content.decode()
    takeo.producer.refresh_from_db()
    assert takeo.producer.village == takeo.village


def test_a_village_stays_public_while_public_products_come_from_it(takeo, reviewer, client):
    client.force_login(reviewer)
    url = reverse("admin:provinces_village_changelist")
    action = {"action": "unpublish_selected", "comment": "A duplicate of another village."}

    refused = client.post(url, {**action, "_selected_action": [takeo.village.pk]}, follow=True)

    assert "stays public: 1 public producer is in it; 1 public product comes from it" in (
        refused.content.decode()
    )
    assert Village.objects.get(pk=takeo.village.pk).live

    empty = VillageFactory(commune=takeo.commune, code="21040150", name_en="Phum Kbal")
    client.post(url, {**action, "_selected_action": [empty.pk]})
    assert public(empty.get_absolute_url())[0] == 404
    reason = Village.objects.get(pk=empty.pk).history.latest().history_change_reason
    assert "A duplicate of another village." in reason


def test_an_official_cannot_publish_a_village(as_official, takeo):
    hidden = VillageFactory(commune=takeo.commune, code="21040150", live=False)

    as_official.post(
        reverse("admin:provinces_village_changelist"),
        {"action": "publish_selected", "_selected_action": [hidden.pk]},
    )

    assert not Village.objects.get(pk=hidden.pk).live


@pytest.mark.parametrize("villages", [3, 40])
def test_an_officials_file_proposes_in_a_fixed_number_of_queries(
    takeo, official, villages, django_assert_max_num_queries
):
    rows = [VillageRow(takeo.village.code, "210401", "Ta Nop", takeo.village.name_km)]
    for number in range(2, villages + 1):
        village = VillageFactory(commune=takeo.commune, code=f"210401{number:02d}")
        rows.append(VillageRow(village.code, "210401", f"{village.name_en} (corrected)", ""))

    with django_assert_max_num_queries(40):
        result = sync_villages(rows, editor=official)

    assert result.updated == villages
    assert Revision.objects.open().count() == villages
    assert not Village.objects.filter(name_en__endswith="(corrected)").exists()


def test_a_placeholder_commune_an_officials_file_needs_waits_with_its_villages(
    tmp_path, takeo, official, reviewer
):
    path = tmp_path / "villages.csv"
    path.write_text(
        "province_code,district_code,commune_code,village_code,village_kh,village_en\n"
        "21,2104,210409,21040901,ភូមិថ្មី,Phum Thmey\n",
        encoding="utf-8",
    )

    call_command(
        "import_data",
        "villages",
        str(path),
        "--user",
        official.username,
        "--create-missing-parents",
    )

    commune, village = Commune.objects.get(code="210409"), Village.objects.get(code="21040901")
    assert commune.is_placeholder and not commune.live and not village.live
    assert public(commune.get_absolute_url())[0] == 404
    assert Revision.objects.open().for_record(commune).get().is_new_record
    refused = Revision.objects.open().for_record(village).get()
    with pytest.raises(services.ReviewRefused, match=r"its commune .* is not public yet"):
        services.approve(refused, by=reviewer, seen=shown(refused))

    commune_revision = Revision.objects.open().for_record(commune).get()
    services.approve(commune_revision, by=reviewer, seen=shown(commune_revision))
    services.approve(refused, by=reviewer, seen=shown(refused))
    assert public(village.get_absolute_url())[0] == 200


def test_a_commune_stays_public_while_one_of_its_villages_is(takeo, reviewer):
    with pytest.raises(services.ReviewRefused, match="1 public village lies in it"):
        services.unpublish(takeo.commune, by=reviewer, reason="Merged into another commune.")

    assert Commune.objects.get(pk=takeo.commune.pk).live


def test_a_correction_that_another_village_has_taken_since_cannot_be_approved(
    as_official, takeo, reviewer
):
    other = VillageFactory(commune=takeo.commune, code="21040102", name_km="ភូមិផ្សេង")
    edit(as_official, other, code="21040150", name_km="ភូមិថ្មី")
    revision = Revision.objects.open().for_record(other).get()
    # Meanwhile a national load records a village with that code and Khmer name.
    VillageFactory(commune=takeo.commune, code="21040150", name_km="ភូមិថ្មី")

    clash = "already has a village with this code and Khmer name"
    with pytest.raises(services.ReviewRefused, match=clash):
        services.approve(revision, by=reviewer, seen=shown(revision))

    assert Village.objects.get(pk=other.pk).code == "21040102"
    assert Revision.objects.get(pk=revision.pk).is_open


@pytest.mark.parametrize("kind", ["commune", "village"])
def test_each_place_sent_back_stays_as_it_was_and_an_administrators_edit_goes_live(
    kind, as_official, takeo, reviewer, client, make_official, official
):
    place = getattr(takeo, kind)
    before = snapshot_of(place_pages(takeo))
    edit(as_official, place, name_en="Corrected by the official")
    revision = Revision.objects.open().for_record(place).get()

    services.send_back(
        revision, by=reviewer, seen=shown(revision), comment="Which list spells it so?"
    )

    assert snapshot_of(place_pages(takeo)) == before
    form = as_official.get(change_url(place)).content.decode()
    assert "Which list spells it so?" in form
    client.force_login(make_official(NATIONAL_ADMINISTRATOR))
    edit(client, place, name_en="Corrected by the administrator")
    assert "Corrected by the administrator" in public(place.get_absolute_url())[1].decode()


def test_the_village_list_filters_by_review_state(takeo, official, reviewer, client):
    waiting = VillageFactory(commune=takeo.commune, code="21040102", name_en="Waiting")
    sent_back = VillageFactory(commune=takeo.commune, code="21040103", name_en="Sent back")
    hidden = VillageFactory(commune=takeo.commune, code="21040104", name_en="Hidden", live=False)
    for village in (waiting, sent_back):
        services.propose_values(village, {"name_km": "ភូមិកែ"}, by=official)
    revision = Revision.objects.open().for_record(sent_back).get()
    services.send_back(revision, by=reviewer, seen=shown(revision), comment="Why?")
    client.force_login(reviewer)

    def listed(state: str) -> set:
        response = client.get(reverse("admin:provinces_village_changelist"), {"review": state})
        return set(response.context["cl"].result_list)

    assert listed("public") == {takeo.village}
    assert listed("waiting") == {waiting}
    assert listed("sent_back") == {sent_back}
    assert listed("not_public") == {hidden}


def test_a_waiting_correction_is_in_neither_the_history_nor_the_village_picker(as_official, takeo):
    entries = takeo.village.history.count()

    edit(as_official, takeo.village, name_en="Ta Nop")

    assert takeo.village.history.count() == entries  # written and rolled back: no entry
    picked = as_official.get(
        reverse("admin:autocomplete"),
        {"term": "Ta", "app_label": "products", "model_name": "producer", "field_name": "village"},
    )
    assert [result["text"] for result in picked.json()["results"]] == ["21040101 Ta Nob"]
    history = as_official.get(
        reverse("admin:provinces_village_history", args=[takeo.village.pk])
    ).content.decode()
    assert "Ta Nop" not in history
