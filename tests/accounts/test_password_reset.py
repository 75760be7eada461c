"""An official who forgot their password sets a new one through a link mailed to them,
from the admin's login page. Nobody learns from the answer or the work behind it whether
an address has an account: the request queues the same task for every address, and the
task, off the request path, mails only existing accounts. A client gets few requests
answered an hour, and nobody else's requests can use up an official's own. The link
starts with the portal's configured address, whatever Host the request named.

Without a broker (as here, unless a test sets one) tasks run inside the request that
queues them, so the mail is in the outbox when the answer comes.
"""

import re
import signal
import socket
from contextlib import contextmanager
from datetime import timedelta

import pytest
from django.urls import reverse

from accounts.models import PasswordResetRequest
from accounts.roles import VIEWER
from accounts.tasks import send_password_reset_mail
from tests.accounts.conftest import SITE_URL, task_queue

LOGIN = reverse("admin:login")
RESET = reverse("admin_password_reset")
DONE = reverse("password_reset_done")
PASSWORD = "a-long-test-password"
NEW_PASSWORD = "mango-season-in-kirivong"
LINK = re.compile(re.escape(SITE_URL) + r"(/\S+/)")
OWNER = "198.51.100.7"
STRANGER = "203.0.113.9"


def ask_for_reset(client, email: str, **headers):
    return client.post(RESET, {"email": email}, **headers)


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


def test_the_request_queues_the_same_task_for_a_known_and_an_unknown_address_and_sends_nothing(
    client, official, mailoutbox, queued_tasks
):
    known = ask_for_reset(client, "sokha@example.org")
    unknown = ask_for_reset(client, "nobody@example.org")

    assert (known.status_code, known.url) == (unknown.status_code, unknown.url) == (302, DONE)
    assert [(task.name, task.kwargs) for task in queued_tasks] == [
        ("accounts.send_password_reset_mail", {}),
        ("accounts.send_password_reset_mail", {}),
    ]
    assert [task.args for task in queued_tasks] == [
        ["sokha@example.org", "en"],
        ["nobody@example.org", "en"],
    ]
    # Each request counted itself, whatever the address.
    assert sorted(PasswordResetRequest.objects.values_list("email", flat=True)) == [
        "nobody@example.org",
        "sokha@example.org",
    ]
    assert mailoutbox == []

    # What the worker does with each queued task.
    for task in queued_tasks:
        send_password_reset_mail.apply(task.args, task.kwargs)

    assert [message.to for message in mailoutbox] == [["sokha@example.org"]]


@pytest.fixture
def silent_broker():
    """An address that takes connections and never answers, as a hung broker does."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(16)
        yield f"redis://127.0.0.1:{listener.getsockname()[1]}/0"


@contextmanager
def no_hang(seconds: int):
    """Fail instead of hanging for good if the block never returns."""

    def hung(signum, frame):
        raise AssertionError(f"still waiting after {seconds} s")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize("broker", ["refusing", "silent"])
def test_a_broker_that_cannot_be_reached_leaves_the_answer_as_it_is(
    client, official, caplog, request, broker
):
    url = (
        "redis://127.0.0.1:9/0"
        if broker == "refusing"
        else request.getfixturevalue("silent_broker")
    )
    with task_queue(broker_url=url, task_always_eager=False), no_hang(60):
        response = ask_for_reset(client, "sokha@example.org")

    assert (response.status_code, response.url) == (302, DONE)
    assert "Password reset mail not queued: the task queue cannot be reached" in caplog.text


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


def test_a_client_gets_at_most_the_limit_of_mails_to_one_address_an_hour(
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


def test_after_an_hour_the_client_is_answered_again(client, official, mailoutbox):
    for _ in range(4):
        ask_for_reset(client, "sokha@example.org")
    assert len(mailoutbox) == 3

    for request in PasswordResetRequest.objects.all():
        request.requested_at -= timedelta(minutes=61)
        request.save()
    ask_for_reset(client, "sokha@example.org")

    assert len(mailoutbox) == 4
    # What is older than the hour is not kept.
    assert PasswordResetRequest.objects.count() == 1


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


def test_a_strangers_requests_from_another_client_do_not_stop_the_owners_own(
    client, official, mailoutbox, settings
):
    for _ in range(settings.PASSWORD_RESET_REQUESTS_PER_CLIENT_PER_HOUR + 5):
        ask_for_reset(client, "sokha@example.org", REMOTE_ADDR=STRANGER)
    mailed_to_the_stranger = len(mailoutbox)

    answer = ask_for_reset(client, "sokha@example.org", REMOTE_ADDR=OWNER)

    assert answer.url == DONE
    assert mailed_to_the_stranger == settings.PASSWORD_RESET_MAILS_PER_HOUR
    assert len(mailoutbox) == mailed_to_the_stranger + 1
    assert mailoutbox[-1].to == ["sokha@example.org"]


def test_a_client_is_answered_a_limited_number_of_requests_an_hour_whatever_the_addresses(
    client, db, mailoutbox, settings, caplog
):
    limit = settings.PASSWORD_RESET_REQUESTS_PER_CLIENT_PER_HOUR
    for number in range(limit + 3):
        ask_for_reset(client, f"guess-{number}@example.org", REMOTE_ADDR=STRANGER)
    ask_for_reset(client, "guess-0@example.org", REMOTE_ADDR=OWNER)

    assert PasswordResetRequest.objects.filter(client=STRANGER).count() == limit
    assert PasswordResetRequest.objects.filter(client=OWNER).count() == 1
    assert f"Password reset request from {STRANGER} not queued" in caplog.text


def test_an_ipv6_client_is_counted_by_its_64_network(client, db, settings):
    limit = settings.PASSWORD_RESET_REQUESTS_PER_CLIENT_PER_HOUR
    for number in range(limit + 3):
        ask_for_reset(client, f"guess-{number}@example.org", REMOTE_ADDR=f"2001:db8:1:2::{number}")

    assert list(PasswordResetRequest.objects.values_list("client", flat=True).distinct()) == [
        "2001:db8:1:2::"
    ]
    assert PasswordResetRequest.objects.count() == limit


@pytest.mark.parametrize("host", ["testserver:8666", "localhost:1234"])
def test_the_link_is_built_from_the_configured_site_address_not_the_host_header(
    client, official, mailoutbox, host
):
    ask_for_reset(client, "sokha@example.org", HTTP_HOST=host)

    link = re.search(r"https?://\S+/reset/\S+/", mailoutbox[0].body).group(0)
    assert link.startswith(f"{SITE_URL}/admin/reset/")
    assert host not in mailoutbox[0].body


def test_the_new_password_form_says_what_a_password_must_be(client, official, mailoutbox):
    ask_for_reset(client, "sokha@example.org")

    form = client.get(link_in(mailoutbox[0]), follow=True).content.decode()

    assert 'aria-describedby="id_new_password1_helptext"' in form
    assert 'id="id_new_password1_helptext"' in form
    assert "Your password must contain at least 8 characters." in form
