"""An official who forgot their password sets a new one through a link mailed to them,
from the admin's login page; nobody learns from the pages whether an address has an
account, and no address gets more than a few reset mails an hour."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse

from accounts.models import PasswordResetMail
from accounts.roles import VIEWER

LOGIN = reverse("admin:login")
RESET = reverse("admin_password_reset")
DONE = reverse("password_reset_done")
PASSWORD = "a-long-test-password"
NEW_PASSWORD = "mango-season-in-kirivong"
LINK = re.compile(r"https?://testserver(/\S+/)")


@pytest.fixture
def official(make_official):
    user = make_official(VIEWER, username="sokha")
    user.email = "sokha@example.org"
    user.save(update_fields=["email"])
    return user


def ask_for_reset(client, email: str):
    return client.post(RESET, {"email": email})


def link_in(message) -> str:
    return LINK.search(message.body).group(1)


def sign_in(client, password: str):
    return client.post(
        LOGIN, {"username": "sokha", "password": password, "next": reverse("admin:index")}
    )


def test_the_login_page_offers_the_password_reset(client, db):
    page = client.get(LOGIN).content.decode()

    assert f'href="{RESET}"' in page
    assert "Forgotten your login credentials?" in page


def test_the_reset_pages_look_like_the_admin(client, db):
    page = client.get(RESET).content.decode()

    assert "OVOP Cambodia administration" in page
    assert "Django administration" not in page
    assert "<title>Password reset | OVOP Cambodia</title>" in page


def test_an_official_sets_a_new_password_through_the_mailed_link_and_signs_in(
    client, official, mailoutbox
):
    response = ask_for_reset(client, "sokha@example.org")

    assert response.status_code == 302
    assert response.url == DONE
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["sokha@example.org"]
    assert message.subject == "Password reset on OVOP Cambodia"
    assert "sokha" in message.body
    assert "The OVOP Cambodia team" in message.body

    # The link's token moves into the session, out of the address (and any Referer).
    form = client.get(link_in(message), follow=True)
    assert form.redirect_chain[0][0].endswith("/set-password/")
    assert "Enter new password" in form.content.decode()
    done = client.post(
        form.redirect_chain[0][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        follow=True,
    )
    assert "Your password has been set." in done.content.decode()
    assert f'href="{LOGIN}"' in done.content.decode()

    assert sign_in(client, PASSWORD).status_code == 200  # the old one no longer works
    assert sign_in(client, NEW_PASSWORD).url == reverse("admin:index")


def test_a_used_link_does_not_work_again(client, official, mailoutbox):
    ask_for_reset(client, "sokha@example.org")
    link = link_in(mailoutbox[0])
    form = client.get(link, follow=True)
    client.post(
        form.redirect_chain[0][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )

    again = client.get(link, follow=True).content.decode()

    assert "The password reset link was invalid" in again
    assert 'name="new_password1"' not in again


def test_an_unknown_address_gets_no_mail_and_the_same_answer(client, official, mailoutbox):
    known = ask_for_reset(client, "sokha@example.org")
    unknown = ask_for_reset(client, "nobody@example.org")

    assert len(mailoutbox) == 1
    assert (unknown.status_code, unknown.url) == (known.status_code, known.url)
    assert "if an account exists with the email you entered" in client.get(DONE).content.decode()


@pytest.mark.parametrize("change", ["inactive", "no usable password"])
def test_an_inactive_account_or_one_without_a_password_gets_no_mail(
    client, official, mailoutbox, change
):
    if change == "inactive":
        official.is_active = False
    else:
        official.set_unusable_password()
    official.save()

    response = ask_for_reset(client, "sokha@example.org")

    assert response.url == DONE
    assert mailoutbox == []


def test_an_address_gets_at_most_the_limit_of_mails_an_hour(
    client, official, mailoutbox, settings
):
    answers = [ask_for_reset(client, "sokha@example.org").url for _ in range(6)]

    assert answers == [DONE] * 6
    assert len(mailoutbox) == settings.PASSWORD_RESET_MAILS_PER_HOUR == 3


def test_the_limit_counts_the_address_whatever_its_letter_case(client, official, mailoutbox):
    spellings = [
        "sokha@example.org",
        "Sokha@Example.org",
        "SOKHA@EXAMPLE.ORG",
        "sokha@Example.ORG",
    ]
    for email in spellings:
        ask_for_reset(client, email)

    assert len(mailoutbox) == 3


def test_after_an_hour_the_address_gets_mail_again(client, official, mailoutbox):
    for _ in range(4):
        ask_for_reset(client, "sokha@example.org")
    assert len(mailoutbox) == 3

    for mail in PasswordResetMail.objects.all():
        mail.sent_at -= timedelta(minutes=61)
        mail.save()
    ask_for_reset(client, "sokha@example.org")

    assert len(mailoutbox) == 4
    # What is older than the hour is not kept.
    assert PasswordResetMail.objects.count() == 1


def test_the_limit_on_one_address_leaves_the_others_alone(
    client, official, make_official, mailoutbox
):
    colleague = make_official(VIEWER, username="dara")
    colleague.email = "dara@example.org"
    colleague.save(update_fields=["email"])
    for _ in range(5):
        ask_for_reset(client, "sokha@example.org")

    ask_for_reset(client, "dara@example.org")

    assert [message.to for message in mailoutbox][-1] == ["dara@example.org"]
    assert len(mailoutbox) == 4


def test_the_new_password_form_says_what_a_password_must_be(client, official, mailoutbox):
    ask_for_reset(client, "sokha@example.org")

    form = client.get(link_in(mailoutbox[0]), follow=True).content.decode()

    assert 'aria-describedby="id_new_password1_helptext"' in form
    assert 'id="id_new_password1_helptext"' in form
    assert "Your password must contain at least 8 characters." in form
