"""Issue 19, tokens: tampered, expired, wrong purpose and replayed tokens are all refused,
with a clear outcome, and the refusal changes nothing.

Every kind of token the code mints is in ``KINDS`` below, with how it is issued (through
the real service, as the app does) and how it is presented (the service the route or state
calls). ``test_every_token_source_in_the_code_has_a_case`` scans ``cloudcv/`` for the
primitives that mint tokens (itsdangerous serializers, ``secrets.token_*``,
``secrets.randbelow``) and the purposes/salts they use, and compares them with literals
here: a new kind of token without a case fails that test.

"Nothing changed" is checked on the whole database (every table, every row) before and
after a refusal; a kind may name the tables its refusal is meant to write (the request
counter of a share link, the attempt counter of a /verzoek code).
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import pytest
from itsdangerous import URLSafeSerializer
import pyotp
from sqlmodel import Session, select, update

from cloudcv.config import settings
from cloudcv.models import OutboxMail, TwoFactor, User, metadata
from cloudcv.services.accounts import account_edit, accounts, sessions, two_factor
from cloudcv.services.core import clock
from cloudcv.services.core.errors import DomainError
from cloudcv.services.cv import cvs, recipients
from cloudcv.services.privacy import (account_retention, data_requests, export, marketing,
                                      shared_view, sharing)
from tests.factories import PASSWORD, last_link, login, verified_user
from tests.mydata_factories import client

ROOT = Path(__file__).resolve().parents[2]
NEW_PASSWORD = "groene giraffe zingt"


# ---------------------------------------------------------------- the world tokens act on
@dataclass
class World:
    """Anna (verified, opted in to news) and the things issuers create lazily."""

    session: Session
    anna: User
    n: int = 0
    recipient_id: int | None = None
    request_id: str = ""          # the /verzoek handle the latest code belongs to
    cache: dict = field(default_factory=dict)

    def fresh(self) -> int:
        self.n += 1
        return self.n


def _mail_token(session, to: str, pattern: str) -> str:
    mail = session.exec(select(OutboxMail).where(OutboxMail.to_addr == to)
                        .order_by(OutboxMail.id.desc())).first()
    return re.search(pattern, mail.body_text).group(1)


def _issue_verify(w: World) -> str:
    email = f"nieuw{w.fresh()}@example.nl"
    accounts.register(w.session, name="Nieuw Lid", email=email, password=PASSWORD)
    return last_link(w.session, email, "/bevestigen")


def _issue_reset(w: World) -> str:
    accounts.request_password_reset(w.session, email=w.anna.email)
    return last_link(w.session, w.anna.email, "/wachtwoord-herstellen")


def _issue_change_email(w: World) -> str:
    new = f"anna{w.fresh()}@example.org"
    account_edit.request_email_change(w.session, user_id=w.anna.id, new_email=new,
                                      password=PASSWORD)
    return last_link(w.session, new, account_edit.CONFIRM_PATH)


def _issue_keep(w: World) -> str:
    user = w.session.get(User, w.anna.id)
    due = account_retention.erasure_due(user)
    step = account_retention._account_step(w.session, user, due - timedelta(days=30),
                                           dry_run=False)
    if step != "prompt_30d":  # the 30-day prompt went out already: the 7-day one
        step = account_retention._account_step(w.session, user, due - timedelta(days=6),
                                               dry_run=False)
    assert step in ("prompt_30d", "prompt_7d"), step
    return last_link(w.session, w.anna.email, account_retention.KEEP_PATH)


def _issue_share(w: World) -> str:
    if w.recipient_id is None:
        cv_id = cvs.create_cv(w.session, user_id=w.anna.id, title="Mijn cv")
        w.recipient_id = recipients.add_recipient(
            w.session, user_id=w.anna.id, cv_id=cv_id, name="Recruiter",
            email="hr@example.org").id
    sharing.send(w.session, user_id=w.anna.id, recipient_id=w.recipient_id)
    return _mail_token(w.session, "hr@example.org", r"/gedeeld/([\w.\-]+)")


def _issue_confirm(w: World) -> str:
    email = f"bezoeker{w.fresh()}@example.org"
    marketing.request_news(w.session, email=email, name="Bezoeker", organisation="")
    return _mail_token(w.session, email, r"/nieuwsbrief/bevestigen\?token=([\w.\-]+)")


def _issue_unsubscribe(w: World) -> str:
    return marketing.unsubscribe_token(w.anna.email)


def _issue_ticket(w: World) -> str:
    return accounts.login(w.session, email=w.anna.email, password=PASSWORD,
                          client=client(w.fresh())).ticket


def _issue_session(w: World) -> str:
    return login(w.session, email=w.anna.email, password=PASSWORD,
                 client=client(w.fresh())).token


def _issue_code(w: World) -> str:
    w.request_id = data_requests.start(w.session, email=w.anna.email, kind="access")
    return _mail_token(w.session, w.anna.email, r"\b(\d{6})\b")


def _issue_export(w: World) -> str:
    return export.prepare(w.session, user_id=w.anna.id)


def _issue_not_me(w: World) -> str:
    """The "this wasn't me" link of the new-device mail: a login from a second device."""
    for _ in range(2):
        accounts.login(w.session, email=w.anna.email, password=PASSWORD, client=client(w.fresh()))
    return last_link(w.session, w.anna.email, "/niet-ik")


TOTP_SECRET = "KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TF"


def _two_factor_user(w: World) -> User:
    if "tom" not in w.cache:
        tom = verified_user(w.session, email="tom@example.nl", name="Tom Tweestap")
        two_factor.enrol(w.session, user_id=tom.id, secret=TOTP_SECRET)
        w.session.commit()
        w.cache["tom"] = tom
    return w.cache["tom"]


def _issue_login_code(w: World) -> str:
    """The challenge between the password and the code of a login with a second factor."""
    tom = _two_factor_user(w)
    return accounts.login(w.session, email=tom.email, password=PASSWORD,
                          client=client(w.fresh())).challenge


# ---------------------------------------------------------------- presenting a token
def _use_verify(w, token):
    return accounts.verify_email(w.session, token=token)


def _use_reset(w, token):
    return accounts.reset_password(w.session, token=token, password=NEW_PASSWORD)


def _use_change_email(w, token):
    return account_edit.confirm_email_change(w.session, token=token)


def _use_keep(w, token):
    return account_retention.keep_account(w.session, token=token)


def _use_share(w, token):
    return shared_view.open_link(w.session, token=token, kind="view", ip="203.0.113.9")


def _use_confirm(w, token):
    return marketing.confirm_news(w.session, token=token)


def _use_unsubscribe(w, token):
    return marketing.unsubscribe(w.session, token=token)


def _use_ticket(w, token):
    return sessions.exchange(w.session, ticket=token)


def _use_session(w, token):
    return sessions.resolve(w.session, token=token)


def _use_code(w, token):
    return data_requests.verify(w.session, public_id=w.request_id, code=token)


def _use_export(w, token):
    return export.take(user_id=w.anna.id, token=token)


def _use_not_me(w, token):
    return accounts.not_me(w.session, token=token)


def _use_login_code(w, token):
    # a fresh, right code every time: only the challenge is under test here (the code's own
    # replay rule is tests/unit/test_two_factor.py's)
    w.session.exec(update(TwoFactor).values(last_step=0))
    return accounts.login_code(w.session, challenge=token, client=client(w.fresh()),
                               code=pyotp.TOTP(TOTP_SECRET).at(clock.now()))


@dataclass(frozen=True)
class Kind:
    """One kind of token: how it is made and used, how a refusal looks, how it expires."""

    name: str
    issue: Callable[[World], str]
    use: Callable[[World, str], object]
    refusals: frozenset[str]          # DomainError keys; "None" = the function returns None
    lifetime: timedelta               # past this, it is refused
    salt: str | None = None           # itsdangerous salt (None: a random, unsigned secret)
    single_use: bool = True
    may_write: frozenset[str] = frozenset()   # tables a refusal is meant to write


LINK = frozenset({"error.link_invalid"})
KINDS = {k.name: k for k in (
    Kind("verify_email", _issue_verify, _use_verify, LINK, timedelta(hours=48),
         salt="cloudcv.one-time-link"),
    Kind("reset_password", _issue_reset, _use_reset, LINK, timedelta(hours=1),
         salt="cloudcv.one-time-link"),
    Kind("change_email", _issue_change_email, _use_change_email, LINK, timedelta(hours=24),
         salt="cloudcv.one-time-link"),
    Kind("keep_account", _issue_keep, _use_keep, LINK, timedelta(days=45),
         salt="cloudcv.one-time-link"),
    # A share link is opened many times for 30 days (the recipient reads, later downloads):
    # not single use; the owner's revocation is its "used up". Every request is counted.
    Kind("share_cv", _issue_share, _use_share,
         frozenset({"shared.gone.invalid", "shared.gone.expired", "shared.gone.revoked"}),
         timedelta(days=30), salt="cloudcv.share-link", single_use=False,
         may_write=frozenset({"share_hit"})),
    # RFC 8058 one-click links may be fetched twice (mail scanners): idempotent instead.
    Kind("news_confirm", _issue_confirm, _use_confirm, LINK, timedelta(hours=48),
         salt="cloudcv.marketing.confirm", single_use=False),
    Kind("unsubscribe", _issue_unsubscribe, _use_unsubscribe, LINK, timedelta(days=365),
         salt="cloudcv.marketing.unsubscribe", single_use=False),
    Kind("login_ticket", _issue_ticket, _use_ticket, frozenset({"None"}), timedelta(seconds=60),
         may_write=frozenset({"auth_session"})),  # an expired ticket's row is deleted
    Kind("session", _issue_session, _use_session, frozenset({"None"}), timedelta(days=7),
         single_use=False, may_write=frozenset({"auth_session"})),
    Kind("verzoek_code", _issue_code, _use_code,
         frozenset({"error.code_wrong", "error.code_locked", "error.code_expired"}),
         timedelta(minutes=15), may_write=frozenset({"data_request"})),  # attempts counted
    Kind("export_download", _issue_export, _use_export, frozenset({"None"}),
         timedelta(minutes=10)),
    Kind("not_me", _issue_not_me, _use_not_me, LINK, timedelta(days=7),
         salt="cloudcv.one-time-link"),
    # the login state keeps it server-side; a stale or spent one sends back to the password
    Kind("login_code", _issue_login_code, _use_login_code, frozenset({"error.login_code_expired"}),
         timedelta(minutes=5), salt="cloudcv.one-time-link",
         may_write=frozenset({"login_event"})),  # every attempt is a login event
)}


# ---------------------------------------------------------------- helpers
@pytest.fixture
def world(session):
    anna = verified_user(session, email="anna@example.nl", name="Anna de Vries")
    marketing.set_news(session, user_id=anna.id, on=True)
    session.commit()
    return World(session=session, anna=anna)


def snapshot(session) -> dict[str, list[str]]:
    """Every row of every table, as text (the whole database, committed state)."""
    session.expire_all()
    return {t.name: sorted(repr(tuple(r)) for r in session.connection().execute(t.select()))
            for t in metadata.sorted_tables}


def refusal(kind: Kind, w: World, token) -> str:
    """Present ``token`` as ``kind``; the outcome key (a rolled-back transaction on a raise,
    as ``db.run`` does). Fails when the token was accepted."""
    try:
        result = kind.use(w, token)
    except DomainError as err:
        w.session.rollback()
        outcome = err.key
    else:
        outcome = "None" if result is None else f"accepted: {type(result).__name__}"
    assert outcome in kind.refusals, f"{kind.name} answered {outcome!r} to {token!r}"
    return outcome


def assert_unchanged(before, after, kind: Kind) -> None:
    changed = {t for t in before if before[t] != after[t]}
    assert changed <= kind.may_write, f"a refused {kind.name} token changed {sorted(changed)}"


def _swap(text: str, i: int) -> str:
    """``text`` with the base64 character at ``i`` replaced (every bit there is significant
    when ``i`` is not the last character)."""
    c = text[i]
    return text[:i] + ("A" if c != "A" else "B") + text[i + 1:]


def tampered(kind: Kind, token: str) -> dict[str, str]:
    """Altered copies: a flipped character in the payload and in the signature (or in the
    middle of an unsigned secret), truncated, extended, and (signed kinds) re-signed with
    another key over the same payload."""
    variants = {"truncated": token[:-1], "extended": token + "A", "empty": ""}
    if kind.salt is None:
        variants["flipped"] = _swap(token, len(token) // 2)
        return variants
    payload, signature = token.rsplit(".", 1)
    variants["flipped_payload"] = _swap(payload, len(payload) // 2) + "." + signature
    variants["flipped_signature"] = payload + "." + _swap(signature, len(signature) // 2)
    data = URLSafeSerializer(settings().secret_key(), salt=kind.salt).loads(token)
    variants["other_key"] = URLSafeSerializer("another-secret-key", salt=kind.salt).dumps(data)
    return variants


def _age_export_files(seconds: float) -> None:
    """The export's expiry is the file's age (mtime vs. the wall clock): age the files."""
    for path in (settings().data_dir / "exports").glob("u*-*.zip"):
        past = time.time() - seconds
        os.utime(path, (past, past))


# ---------------------------------------------------------------- the cases
@pytest.mark.parametrize("name", sorted(KINDS))
def test_a_fresh_token_is_accepted_once_issued(world, name):
    """The baseline every refusal is measured against: the real token works."""
    kind = KINDS[name]
    token = kind.issue(world)
    try:
        result = kind.use(world, token)
    except DomainError as err:
        pytest.fail(f"a fresh {name} token was refused: {err.key}")
    if kind.refusals == {"None"}:
        assert result is not None


@pytest.mark.parametrize("name", sorted(KINDS))
def test_a_tampered_token_is_refused_and_changes_nothing(world, name):
    kind = KINDS[name]
    token = kind.issue(world)
    for label, bad in tampered(kind, token).items():
        assert bad != token, label
        before = snapshot(world.session)
        refusal(kind, world, bad)
        assert_unchanged(before, snapshot(world.session), kind)
    if name == "verzoek_code":  # the tries counted: after MAX_ATTEMPTS even the real code
        assert refusal(kind, world, token) == "error.code_locked"
    else:
        kind.use(world, token)  # the genuine token was not spent by the attempts


@pytest.mark.parametrize("name", sorted(KINDS))
def test_an_expired_token_is_refused_and_changes_nothing(world, frozen_clock, name):
    kind = KINDS[name]
    token = kind.issue(world)
    frozen_clock.advance(seconds=kind.lifetime.total_seconds() + 1)
    if name == "export_download":
        _age_export_files(kind.lifetime.total_seconds() + 1)
    before = snapshot(world.session)
    outcome = refusal(kind, world, token)
    assert_unchanged(before, snapshot(world.session), kind)
    if name == "share_cv":
        assert outcome == "shared.gone.expired"  # the page says why
    if name == "verzoek_code":
        assert outcome == "error.code_expired"


def test_a_token_just_inside_its_lifetime_still_works(world, frozen_clock):
    """The lifetimes above are the real ones, not just "long ago": one second before the
    end, a reset link (the shortest mailed link) and a login ticket still work."""
    reset = KINDS["reset_password"].issue(world)
    ticket = KINDS["login_ticket"].issue(world)
    frozen_clock.advance(seconds=59)
    assert sessions.exchange(world.session, ticket=ticket) is not None
    frozen_clock.advance(seconds=3600 - 60)
    accounts.reset_password(world.session, token=reset, password=NEW_PASSWORD)


@pytest.mark.parametrize("name", sorted(n for n, k in KINDS.items() if k.single_use))
def test_a_single_use_token_replayed_is_refused_and_changes_nothing(world, name):
    kind = KINDS[name]
    token = kind.issue(world)
    kind.use(world, token)
    before = snapshot(world.session)
    outcome = refusal(kind, world, token)
    assert_unchanged(before, snapshot(world.session), kind)
    if name == "verzoek_code":
        assert outcome == "error.code_expired"  # the request is no longer waiting for a code


def test_a_reset_link_replayed_does_not_set_a_second_password(world):
    token = KINDS["reset_password"].issue(world)
    accounts.reset_password(world.session, token=token, password=NEW_PASSWORD)
    refusal(KINDS["reset_password"], world, token)  # an attacker replays it with their own
    accounts.login(world.session, email=world.anna.email, password=NEW_PASSWORD,
                   client=client(50))


@pytest.mark.parametrize("name", sorted(n for n, k in KINDS.items() if not k.single_use))
def test_a_reusable_token_used_again_changes_nothing_more(world, name):
    """Share links, one-click unsubscribe, the news confirmation and a session are meant to
    be presented again; the second time adds nothing but the request counter."""
    kind = KINDS[name]
    token = kind.issue(world)
    kind.use(world, token)
    before = snapshot(world.session)
    kind.use(world, token)
    logged = {"share_access"} if name == "share_cv" else set()  # the owner's access log
    changed = {t for t, rows in snapshot(world.session).items() if before[t] != rows}
    assert changed <= kind.may_write | logged, changed


def test_a_revoked_share_link_and_an_ended_session_are_refused(world):
    share = KINDS["share_cv"].issue(world)
    link = sharing.links_for_cv(world.session, user_id=world.anna.id,
                                cv_id=cvs.list_cvs(world.session, user_id=world.anna.id)[0].id)[0]
    sharing.revoke(world.session, user_id=world.anna.id, link_id=link.id)
    assert refusal(KINDS["share_cv"], world, share) == "shared.gone.revoked"
    token = KINDS["session"].issue(world)
    sessions.end(world.session, token=token)
    refusal(KINDS["session"], world, token)


def test_only_the_newest_link_of_a_purpose_works(world):
    """Asking again revokes the older link (reset, verification, e-mail change)."""
    for name in ("change_email", "reset_password"):  # a reset changes the password
        kind = KINDS[name]
        old = kind.issue(world)
        new = kind.issue(world)
        before = snapshot(world.session)
        refusal(kind, world, old)
        assert_unchanged(before, snapshot(world.session), kind)
        kind.use(world, new)


@pytest.mark.parametrize("consumer", sorted(KINDS))
def test_a_valid_token_of_another_kind_is_refused(world, consumer):
    """Wrong purpose: every other kind's genuine, live token presented as ``consumer``;
    refused, nothing changed, and the token still works for its own kind afterwards."""
    target = KINDS[consumer]
    if consumer == "verzoek_code":
        target.issue(world)  # a live request waiting for its code
    issued = {n: k.issue(world) for n, k in KINDS.items() if n not in (consumer, "verzoek_code")}
    for name, token in issued.items():
        before = snapshot(world.session)
        refusal(target, world, token)
        assert_unchanged(before, snapshot(world.session), target)
    for name, token in issued.items():
        if name not in ("login_ticket", "session", "export_download", "reset_password",
                        "change_email"):  # these end other sessions / revoke each other
            KINDS[name].use(world, token)


def test_a_code_or_export_of_someone_else_is_refused(world):
    """Codes and export tokens are bound to their own request and user."""
    KINDS["verzoek_code"].issue(world)
    first_request = world.request_id
    second_code = _issue_code(world)
    world.request_id = first_request
    refusal(KINDS["verzoek_code"], world, second_code)
    bob = verified_user(world.session, email="bob@example.nl", name="Bob Bakker")
    bobs = export.prepare(world.session, user_id=bob.id)
    assert export.take(user_id=world.anna.id, token=bobs) is None
    assert export.take(user_id=bob.id, token=bobs) is not None


def test_a_one_time_link_reissued_under_another_purpose_is_refused(world):
    """Even with the real key: a link whose signed purpose is rewritten (a verification
    link presented as a reset link) finds a stored row of another purpose."""
    token = KINDS["verify_email"].issue(world)
    serializer = URLSafeSerializer(settings().secret_key(), salt="cloudcv.one-time-link")
    data = serializer.loads(token)
    forged = serializer.dumps({**data, "p": "reset_password"})
    refusal(KINDS["reset_password"], world, forged)
    data_other_user = serializer.dumps({**data, "u": world.anna.id})
    refusal(KINDS["verify_email"], world, data_other_user)


# ---------------------------------------------------------------- nothing is left out
# Every place in cloudcv/ that mints a secret or signs a token, and the kind(s) above that
# cover it. A new one fails here until it has a case in KINDS (and a line in this dict).
TOKEN_SOURCES = {
    # verify_email, reset_password, change_email, keep_account
    # one-time links; the second token_urlsafe is the decoy reset link (signed, never stored)
    "cloudcv/services/core/tokens.py": {"URLSafeSerializer": 1, "secrets.token_urlsafe": 2},
    "cloudcv/services/privacy/sharing.py": {"URLSafeSerializer": 1,  # share_cv
                                            "secrets.token_urlsafe": 1},
    "cloudcv/services/privacy/marketing.py": {"URLSafeSerializer": 1,  # unsubscribe,
                                              "secrets.token_urlsafe": 1},  # news_confirm
    # login_ticket and session (token_urlsafe x2); token_hex is the session's public id
    "cloudcv/services/accounts/sessions.py": {"secrets.token_urlsafe": 2, "secrets.token_hex": 1},
    # verzoek_code (randbelow) and the request handles it is bound to (token_hex x2)
    "cloudcv/services/privacy/data_requests.py": {"secrets.token_hex": 2, "secrets.randbelow": 1},
    "cloudcv/services/privacy/export.py": {"secrets.token_hex": 1},  # export_download
    # the recovery codes of two-step verification: tests/unit/test_two_factor.py (once each,
    # hashed, another account's refused)
    "cloudcv/services/accounts/two_factor.py": {"secrets.choice": 1},
}
ONE_TIME_PURPOSES = {"verify_email", "reset_password", "keep_account", "change_email",
                     "not_me", "login_code"}
MARKETING_PURPOSES = {"unsubscribe": "unsubscribe", "confirm": "news_confirm"}
_MINT = re.compile(r"\b(URLSafe\w*Serializer|TimedSerializer|Signer|TimestampSigner"
                   r"|secrets\.token_\w+|secrets\.randbelow|secrets\.choice|uuid\.uuid4"
                   r"|os\.urandom)\(")
# Random values that are no credential: listed so that a new use has to be looked at.
NOT_TOKENS = {
    "cloudcv/config.py": {"secrets.token_urlsafe": 1},      # generates the secret key itself
    "cloudcv/keys.py": {"secrets.token_hex": 1, "os.urandom": 1},  # key ids, AES-GCM nonces
    "cloudcv/services/privacy/consent.py": {"secrets.token_hex": 1},  # cookie ids
    "cloudcv/state/base.py": {"secrets.token_hex": 1},       # the device id cookie
    "cloudcv/services/privacy/retention.py": {"uuid.uuid4": 2},  # run ids, lease holder
    "cloudcv/services/privacy/backups.py": {"secrets.token_hex": 1},  # scratch database name
    "cloudcv/services/privacy/backup_file.py": {"secrets.token_hex": 1},  # id per backup file
}


def test_every_token_source_in_the_code_has_a_case():
    found: dict[str, dict[str, int]] = {}
    for path in sorted((ROOT / "cloudcv").rglob("*.py")):
        for match in _MINT.finditer(path.read_text()):
            rel = str(path.relative_to(ROOT))
            found.setdefault(rel, {}).setdefault(match.group(1), 0)
            found[rel][match.group(1)] += 1
    expected = {**TOKEN_SOURCES, **NOT_TOKENS}
    assert found == expected, "a token source without a case in tests/security/test_tokens.py"


def test_every_purpose_and_salt_has_a_case():
    from cloudcv.services.core import tokens

    assert set(tokens.LIFETIMES) == ONE_TIME_PURPOSES
    assert ONE_TIME_PURPOSES <= set(KINDS)
    for purpose, lifetime in tokens.LIFETIMES.items():
        assert KINDS[purpose].lifetime == lifetime, purpose
    source = (ROOT / "cloudcv/services/privacy/marketing.py").read_text()
    assert set(re.findall(r'_(?:sign|read)\(\s*(?:token,\s*)?"(\w+)"', source)) == set(
        MARKETING_PURPOSES)
    for purpose, name in MARKETING_PURPOSES.items():
        assert KINDS[name].salt == f"cloudcv.marketing.{purpose}"
    assert KINDS["share_cv"].salt == sharing.SALT
    salts = [k.salt for k in KINDS.values() if k.salt and k.salt != "cloudcv.one-time-link"]
    assert len(salts) == len(set(salts))  # each signed kind has a salt of its own
