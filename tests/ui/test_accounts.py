"""Self-service accounts in the browser, in English and in Chinese, at 1440 and 390 px, against
`studio serve` writing its mails to <home>/mail/: a seller signs up (a short password is
refused first, at its field), invites a teammate by link; the teammate opens the link in
their own browser, joins, works as a member (the team and the API keys are refused them
with a clear message), signs out, forgets the password and sets a new one through the
mailed link, which then no longer works. Every screen: no console error, axe clean, nothing
wider than the screen, a screenshot in test-artifacts/ui/."""

from __future__ import annotations

import json
import re
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest

from .conftest import REPO, Studio, StudioPage

STRINGS = {lang: json.loads((REPO / "ui" / "i18n" / f"{lang}.json").read_text(encoding="utf-8"))
           for lang in ("en", "zh-CN")}
# what the English studio shows: the server's own sentence (studio/error_messages.py)
SERVER_WORDS = {
    "errors.account.weak_password": "the password needs at least 8 characters",
    "errors.team.owners_only_keys": "only the workspace's owners can see and manage API keys; "
                                    "ask an owner",
    "errors.auth.reset_invalid": "this password-reset link is not valid or was already used; "
                                 "ask for a new one",
}
CASES = [("en", 1440), ("en", 390), ("zh-CN", 1440), ("zh-CN", 390)]
LINK = re.compile(r"https?://\S+/#/(?:reset|invite)/[A-Za-z0-9_-]+")


def _mails_to(home: Path, address: str) -> list[EmailMessage]:
    found = []
    for path in sorted((home / "mail").glob("*.eml")):
        mail = message_from_bytes(path.read_bytes(), policy=policy.default)
        assert isinstance(mail, EmailMessage)
        if mail["To"] == address:
            found.append(mail)
    return found


def _link_in(mail: EmailMessage) -> str:
    body = mail.get_body(("plain",))
    assert isinstance(body, EmailMessage)
    match = LINK.search(str(body.get_content()))
    assert match, body.get_content()
    return match.group(0)


class Walk:
    """One person's tab in one language, checking each screen it passes."""

    def __init__(self, tab: StudioPage, lang: str, problems: dict[str, list[str]]) -> None:
        self.tab, self.page, self.lang, self.problems = tab, tab.page, lang, problems
        self.s = STRINGS[lang]

    def said(self, key: str, **params: object) -> str:
        """What the studio shows for an error: translated, or the server's English sentence."""
        if self.lang != "en":
            return re.sub(r"\{(\w+)\}", lambda m: str(params[m.group(1)]), self.s[key])
        return SERVER_WORDS[key][0].upper() + SERVER_WORDS[key][1:]

    def label(self, key: str) -> Any:
        return self.page.get_by_label(self.s[key], exact=True)

    def button(self, key: str) -> Any:
        return self.page.get_by_role("button", name=self.s[key], exact=True)

    def on(self, name: str) -> None:
        self.page.wait_for_selector(f"main[data-page={name}]:not([data-busy])")
        self.page.wait_for_function("() => !document.querySelector('main .loading')")

    def check(self, screen: str) -> None:
        self.problems[f"{screen}-{self.tab.width}"] = self.tab.axe_violations()
        overflow = self.page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 1, f"{screen} is {overflow}px wider than the {self.tab.width}px screen"
        self.tab.screenshot(f"accounts-{screen}-{self.lang}")

    def alert(self) -> str:
        alert = self.page.locator("main [role=alert]")
        alert.wait_for()
        return str(alert.inner_text())


@pytest.mark.parametrize(("lang", "width"), CASES, ids=[f"{lang}-{width}" for lang, width in CASES])
def test_sign_up_invite_a_teammate_who_joins_then_resets_a_password_by_mail(
    tab_factory: Any, studio: Studio, lang: str, width: int
) -> None:
    locale = "en-US" if lang == "en" else "zh-CN"
    problems: dict[str, list[str]] = {}
    owner_email, mate_email = (f"{who}-{lang.lower()}-{width}@shop.example"
                               for who in ("owner", "mate"))
    shop = "Ann's Shoes" if lang == "en" else "安妮的鞋店"

    # --- the owner signs up from the sign-in page -------------------------------------------
    owner = Walk(tab_factory(width, locale=locale), lang, problems)
    owner.tab.open()
    owner.page.get_by_role("link", name=owner.s["signin.createAccount"]).click()
    owner.on("signup")
    owner.label("signup.workspace").fill(shop)
    owner.label("signup.name").fill("Ann")
    owner.label("signup.email").fill(owner_email)
    owner.label("signup.password").fill("short")
    owner.button("signup.submit").click()
    assert owner.said("errors.account.weak_password", min=8) in owner.alert()
    assert "body." not in owner.alert()  # the API's field path is not a seller's word
    assert owner.label("signup.password").get_attribute("aria-invalid") == "true"
    owner.check("signup")
    owner.label("signup.password").fill("ann's long password")
    owner.button("signup.submit").click()
    owner.on("catalog")
    if width < 1100:  # the navigation is behind the menu button on a phone
        owner.page.locator("#menu-toggle").click()
    assert owner.page.get_by_role("link", name=owner.s["nav.team"], exact=True).is_visible()

    # --- the owner manages keys and invites a teammate by link -----------------------------
    owner.tab.go("keys")
    assert owner.button("keys.create").is_visible()
    owner.tab.go("team")
    owner.label("team.inviteEmail").fill(mate_email)
    owner.button("team.inviteSubmit").click()
    link = owner.page.locator("#invite-link").input_value()
    assert link.startswith(f"{studio.base_url}/#/invite/")
    invites = owner.page.locator("section[aria-labelledby=invites-h]")
    assert mate_email in invites.inner_text()
    owner.check("team-owner")
    [invitation] = _mails_to(studio.home, mate_email)
    assert _link_in(invitation) == link
    assert shop in invitation["Subject"]
    assert ("invited you" if lang == "en" else "邀请你加入") in invitation["Subject"]

    # --- the teammate opens the link in their own browser and joins -------------------------
    mate = Walk(tab_factory(width, locale=locale), lang, problems)
    mate.page.goto(link)
    mate.page.wait_for_selector("body[data-ready]")
    mate.on("invite")
    intro = mate.page.locator("main .intro").inner_text()
    assert shop in intro and mate.s["role.memberNoun"] in intro and "Ann" in intro
    assert mate.label("invite.email").input_value() == mate_email
    mate.check("invite")
    mate.label("invite.name").fill("Bo")
    mate.label("invite.password").fill("bo's first password")
    mate.button("invite.submit").click()
    mate.on("catalog")
    mate.tab.go("team")
    assert mate.page.get_by_text(mate.s["team.ownersOnly"]).is_visible()
    assert mate.page.locator("#invite-link, [name=invite-email]").count() == 0
    members = mate.page.locator("section[aria-labelledby=members-h]").inner_text()
    assert owner_email in members and mate_email in members
    mate.check("team-member")
    mate.tab.go("keys")
    refused = mate.page.locator("main [data-refused]")
    assert refused.inner_text() == mate.said("errors.team.owners_only_keys")
    assert mate.button("keys.create").count() == 0
    mate.check("keys-member")
    # the owner's team page, opened again, lists the teammate as a member, not as invited
    owner.page.reload()
    owner.page.wait_for_selector("body[data-ready]")
    owner.on("team")
    assert mate_email in owner.page.locator("section[aria-labelledby=members-h]").inner_text()
    assert mate_email not in owner.page.locator("section[aria-labelledby=invites-h]").inner_text()

    # --- the teammate signs out, forgets the password, resets it through the mail ----------
    mate.page.locator("#sign-out").click()
    mate.on("signin")
    mate.page.get_by_role("link", name=mate.s["signin.forgot"]).click()
    mate.on("forgot")
    mate.label("forgot.email").fill(mate_email)
    mate.button("forgot.submit").click()
    mate.page.wait_for_selector("main [data-sent]")
    assert mate_email in mate.page.locator("main [data-sent]").inner_text()
    mate.check("forgot")
    reset_mail = _mails_to(studio.home, mate_email)[-1]
    assert reset_mail["Subject"] == ("Reset your Studio password" if lang == "en"
                                     else "重置你的 Studio 密码")
    reset_link = _link_in(reset_mail)
    assert reset_link.startswith(f"{studio.base_url}/#/reset/")
    mate.page.goto(reset_link)
    mate.on("reset")
    mate.check("reset")
    mate.label("reset.password").fill("bo's second password")
    mate.button("reset.submit").click()
    mate.on("catalog")
    mate.page.locator("#sign-out").click()
    mate.on("signin")
    # the new password signs in; the link does not work a second time
    mate.label("signin.email").fill(mate_email)
    mate.label("signin.password").fill("bo's second password")
    mate.button("signin.submit").click()
    mate.on("catalog")
    mate.page.locator("#sign-out").click()
    mate.on("signin")
    mate.page.goto(reset_link)
    mate.on("reset")
    mate.label("reset.password").fill("bo's third password")
    mate.button("reset.submit").click()
    assert mate.said("errors.auth.reset_invalid") in mate.alert()
    mate.check("reset-used")

    bad = {screen: found for screen, found in problems.items() if found}
    assert not bad, f"axe-core serious/critical violations: {bad}"
    # the refusals this walk provoked on purpose are the only failed requests
    expected = re.compile(r"console: Failed to load resource: the server responded with a "
                          r"status of (403|422) ")
    for walk, refusals in ((owner, 1), (mate, 2)):
        unexpected = [e for e in walk.tab.errors if not expected.match(e)]
        assert not unexpected, "console errors:\n" + "\n".join(unexpected)
        assert len(walk.tab.errors) == refusals, walk.tab.errors
