"""The demo content shows the workflow at once: a change waiting, a change sent back."""

from django.core.management import call_command

from products.models import Product
from review.models import Revision
from tests.review.conftest import public


def test_the_demo_has_a_change_waiting_and_one_sent_back_and_the_public_sees_neither(db):
    call_command("load_initial_data", verbosity=0)

    mangoes = Product.objects.get(slug="kirivong-mangoes")
    rice = Product.objects.get(slug="fragrant-rice")
    waiting = Revision.objects.open().for_record(mangoes).get()
    sent_back = Revision.objects.open().for_record(rice).get()
    assert waiting.state == Revision.State.WAITING
    assert "season_km" in waiting.field_changes
    assert sent_back.state == Revision.State.SENT_BACK
    assert "Which market gives these prices?" in sent_back.review_comment
    assert waiting.created_by.username == "demo-takeo-official"
    assert not waiting.created_by.has_usable_password()  # until create_demo_officials runs

    assert mangoes.live and not mangoes.season_km
    page = public("/km" + mangoes.get_absolute_url()[3:])[1].decode()
    assert "ស្វាយគីរីវង់" in page  # the Khmer page, showing the live version
    assert waiting.field_changes["season_km"] not in page

    call_command("load_demo_content", verbosity=0)  # loading again changes nothing
    assert Revision.objects.open().count() == 2
