"""The admin console in a browser: authority requests notify (or not), abuse holds, and a
non-admin firing admin events straight at the server gets nothing done."""

import json

from playwright.sync_api import Page, expect
from sqlmodel import select

from cloudcv.models import AbuseHold, AuthorityRequest, OutboxMail
from tests.factories import ADMIN_TOTP
from tests.browser.helpers import PASSWORD, hydrated, login, register_and_verify, unique_email

ADMIN_STATE = ("reflex___state____state.cloudcv___state___base____app_state."
               "cloudcv___state___admin____admin_state")


HIJACK = """
    window.__reflex_otel = { onEventSend: (ev) => {
        if (window.__hijack && !ev.name.endsWith('hydrate')) {
            const h = window.__hijack; window.__hijack = null;
            ev.name = h.name; ev.payload = h.payload;
        } } };
"""


def _admin(page: Page, server) -> str:
    email = unique_email("beheer")
    server.cli("create-admin", email, "--name", "Beheerder", CLOUDCV_ADMIN_TOTP=ADMIN_TOTP, CLOUDCV_ADMIN_PASSWORD=PASSWORD)
    login(page, email)
    expect(page.locator("#user-name")).to_have_text("Beheerder")
    return email


def _member(browser, server, name: str):
    context = browser.new_context(base_url=server.url)
    page = context.new_page()
    email = unique_email(name.lower())
    register_and_verify(page, server, name=name, email=email)
    return context, page, email


def _fill(page: Page, values: dict) -> None:
    for name, value in values.items():
        page.locator(f"#admin-{name}").fill(value)


def test_authority_request_notifies_the_user_unless_the_law_forbids_it(page: Page, server, browser, artifacts):
    context, _, anna = _member(browser, server, "Anna")
    context.close()
    _admin(page, server)
    page.goto("/beheer/overheid")
    _fill(page, {"authority": "Belastingdienst", "legal_basis": "art. 53 AWR", "user_email": anna,
                 "received_on": "20-11-2026", "scope": "Naam en adres"})
    page.locator("#register-authority").click()
    expect(page.locator("#admin-notice")).to_be_visible()
    msg = server.smtp.wait_for(anna, "overheidsinstantie")
    assert "Belastingdienst" in msg.get_payload()[0].get_payload(decode=True).decode()

    _fill(page, {"authority": "Openbaar Ministerie", "legal_basis": "art. 126ng Sv", "user_email": anna,
                 "received_on": "21-11-2026", "scope": "Alles",
                 "legal_bar_reference": "art. 126bb Sv geheimhouding"})
    page.locator("#register-authority").click()
    expect(page.locator("#authority-table")).to_contain_text("Niet geïnformeerd")
    page.screenshot(path=str(artifacts / "admin-authority.png"), full_page=True)
    with server.session() as s:
        rows = s.exec(select(AuthorityRequest).order_by(AuthorityRequest.id)).all()
        assert [r.notified_at is not None for r in rows[-2:]] == [True, False]
        mails = s.exec(select(OutboxMail).where(OutboxMail.to_addr == anna,
                                                OutboxMail.template == "authority_request")).all()
        assert len(mails) == 1


def test_admin_sets_an_abuse_hold_with_a_reason(page: Page, server, browser):
    context, _, bob = _member(browser, server, "Bob")
    context.close()
    _admin(page, server)
    page.goto("/beheer/gebruikers")
    page.locator("#user-search").fill(bob)
    page.get_by_role("button", name="Zoeken").click()
    expect(page.locator("#user-table")).to_contain_text(bob)
    page.locator(".admin-user-link").first.click()
    page.get_by_label("Reden voor misbruik-hold").fill("Credential stuffing vanaf dit account")
    page.locator("#set-hold").click()
    expect(page.locator("#lift-hold")).to_be_visible()
    with server.session() as s:
        holds = s.exec(select(AbuseHold)).all()
        assert any(h.reason == "Credential stuffing vanaf dit account" and h.lifted_at is None for h in holds)


def test_dashboard_shows_figures_and_charts(page: Page, server, artifacts):
    _admin(page, server)
    page.goto("/beheer")
    expect(page.locator("#admin-stats")).to_be_visible()
    expect(page.locator(".recharts-surface").first).to_be_visible()
    page.screenshot(path=str(artifacts / "admin-dashboard.png"), full_page=True)


def test_a_non_admin_firing_admin_events_directly_changes_nothing(page: Page, server, browser):
    context, member, email = _member(browser, server, "Mallory")
    # Rewrite the next event this client sends into an admin event: the server must refuse it.
    member.add_init_script(HIJACK)
    login(member, email)
    expect(member.locator("#user-name")).to_have_text("Mallory")
    hostile = [
        (f"{ADMIN_STATE}.cloudcv___state___admin____admin_authority_state.register",
         {"form": {"authority": "Nep", "legal_basis": "geen", "scope": "alles", "user_email": email,
                   "received_on": "01-11-2026", "legal_bar_reference": ""}}),
        (f"{ADMIN_STATE}.cloudcv___state___admin____admin_users_state.search", {"form": {"query": ""}}),
        (f"{ADMIN_STATE}.load_console", {}),
    ]
    for name, payload in hostile:
        member.goto("/")
        hydrated(member)
        member.evaluate(f"window.__hijack = {json.dumps({'name': name, 'payload': payload})}")
        member.locator("#lang-switch").click()  # any UI event carries the hijacked one
        member.wait_for_timeout(1000)
    with server.session() as s:
        assert not s.exec(select(AuthorityRequest).where(AuthorityRequest.authority == "Nep")).all()
    # the refused search left no user list in the client's state either
    member.goto("/beheer/gebruikers")
    expect(member.locator("#user-table")).to_have_count(0)
    context.close()

    # Control: the same hijack from an admin's browser does reach the handler, so the
    # refusal above came from the server's role check, not from a broken hijack.
    page.add_init_script(HIJACK)
    _admin(page, server)
    page.goto("/")
    hydrated(page)
    name, payload = hostile[0]
    payload = {"form": {**payload["form"], "authority": "Controle"}}
    page.evaluate(f"window.__hijack = {json.dumps({'name': name, 'payload': payload})}")
    page.locator("#lang-switch").click()
    page.wait_for_timeout(1500)
    with server.session() as s:
        assert s.exec(select(AuthorityRequest).where(AuthorityRequest.authority == "Controle")).all()


def test_contact_question_is_answered_by_an_admin(page: Page, server, browser):
    visitor_context = browser.new_context(base_url=server.url)
    visitor = visitor_context.new_page()
    visitor.goto("/contact")
    hydrated(visitor)
    email = unique_email("eva")
    visitor.get_by_label("Naam").fill("Eva")
    visitor.get_by_label("E-mailadres").fill(email)
    visitor.get_by_label("Je vraag of opmerking").fill("Kan ik mijn cv in het Engels maken?")
    visitor.locator("#contact-form").get_by_role("button", name="Versturen").click()
    expect(visitor.locator("#done-message")).to_contain_text(email)
    server.smtp.wait_for(email, "ontvangen")
    visitor_context.close()

    _admin(page, server)
    page.goto("/beheer/contact")
    question = page.locator(".contact-question", has_text=email)
    question.get_by_label("Antwoord").fill("Ja: kies Engels als taal van het cv.")
    question.get_by_role("button", name="Antwoord versturen").click()
    expect(page.locator(".contact-question", has_text=email)).to_have_count(0)
    msg = server.smtp.wait_for(email, "Antwoord")
    assert "kies Engels" in msg.get_payload()[0].get_payload(decode=True).decode()


def test_admin_extends_a_request_and_the_user_is_mailed_at_once(page: Page, server, browser):
    context, member, email = _member(browser, server, "Rita")
    login(member, email)
    expect(member.locator("#user-name")).to_have_text("Rita")
    with server.session() as s:  # a verified access request, as /verzoek or Mijn gegevens makes
        from cloudcv.services.accounts import accounts
        from cloudcv.services.privacy import data_requests

        data_requests.create_open(s, user=accounts.by_email(s, email), kind="access", source="verzoek")
        s.commit()
    context.close()
    _admin(page, server)
    page.goto("/beheer/verzoeken")
    card = page.locator(".request-card", has_text=email)
    card.get_by_label("Reden voor verlenging").fill("Veel gegevens in back-ups")
    card.locator(".extend").click()
    expect(page.locator(".request-card", has_text=email)).to_contain_text("Verlengd")
    msg = server.smtp.wait_for(email, "meer tijd")
    assert "Veel gegevens in back-ups" in msg.get_payload()[0].get_payload(decode=True).decode()
    card = page.locator(".request-card", has_text=email)
    card.get_by_text("Afgehandeld", exact=True).click()
    card.get_by_label("Besluit en motivering").fill("Overzicht gemaild.")
    card.locator(".decide").click()
    expect(page.locator(".request-card", has_text=email)).to_have_count(0)
    server.smtp.wait_for(email, "Besluit")


def test_admin_previews_and_runs_retention_and_records_a_processor_agreement(page: Page, server):
    _admin(page, server)
    page.goto("/beheer/bewaartermijnen")
    expect(page.locator("#retention-table")).to_contain_text("Inlogpogingen")
    page.locator("#run-retention").click()
    expect(page.locator("#admin-notice")).to_contain_text("Opruimronde klaar")
    page.goto("/beheer/verwerkers")
    card = page.locator(".processor-card").first
    card.get_by_label("Verwerkersovereenkomst (dd-mm-jjjj)").fill("01-03-2026")
    card.get_by_role("button", name="Opslaan").click()
    expect(page.locator("#admin-notice")).to_be_visible()
