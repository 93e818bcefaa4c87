"""What the studio's mails say, in English and Simplified Chinese. ``{link}`` stays in the
text: the outbox puts the secret link there when it sends (and forgets it afterwards)."""

from __future__ import annotations

from datetime import datetime

INVITE = {
    "en": (
        "{inviter} invited you to {workspace} on Studio",
        "Hello,\n\n"
        "{inviter} invited you to join {workspace} on Studio as {role}.\n\n"
        "Open this link to choose your password and start:\n{link}\n\n"
        "The link works once, until {expires} (UTC). If you did not expect this invitation, "
        "ignore this mail.\n",
    ),
    "zh": (
        "{inviter} 邀请你加入 Studio 上的「{workspace}」",
        "你好：\n\n"
        "{inviter} 邀请你以{role}身份加入 Studio 上的「{workspace}」。\n\n"
        "打开下面的链接，设置密码即可开始：\n{link}\n\n"
        "链接只能使用一次，有效期至 {expires}（UTC）。"
        "如果你没有预料到这封邀请，请忽略本邮件。\n",
    ),
}
ROLES = {
    "en": {"owner": "an owner (who also invites teammates and manages API keys)",
           "member": "a member"},
    "zh": {"owner": "所有者（还可以邀请成员、管理 API 密钥）", "member": "成员"},
}
RESET = {
    "en": (
        "Reset your Studio password",
        "Hello,\n\n"
        "Someone (hopefully you) asked to reset the password of {email} on Studio.\n\n"
        "Open this link to choose a new password:\n{link}\n\n"
        "The link works once, for {minutes} minutes. If you did not ask for it, ignore this "
        "mail: your password stays as it is.\n",
    ),
    "zh": (
        "重置你的 Studio 密码",
        "你好：\n\n"
        "有人（希望是你）请求重置 Studio 账号 {email} 的密码。\n\n"
        "打开下面的链接，设置新密码：\n{link}\n\n"
        "链接只能使用一次，{minutes} 分钟内有效。"
        "如果不是你本人操作，请忽略本邮件，你的密码不会改变。\n",
    ),
}


def language(lang: str | None) -> str:
    return "zh" if (lang or "").lower().startswith("zh") else "en"


def invite_mail(lang: str | None, *, inviter: str, workspace: str, role: str,
                expires: datetime) -> tuple[str, str]:
    """(subject, body with ``{link}``) of an invitation."""
    lang = language(lang)
    subject, body = INVITE[lang]
    values = {"inviter": inviter, "workspace": workspace, "role": ROLES[lang][role],
              "expires": f"{expires:%Y-%m-%d %H:%M}", "link": "{link}"}
    return subject.format(**values), body.format(**values)


def reset_mail(lang: str | None, *, email: str, minutes: int) -> tuple[str, str]:
    """(subject, body with ``{link}``) of a password-reset mail."""
    subject, body = RESET[language(lang)]
    return subject, body.format(email=email, minutes=minutes, link="{link}")
