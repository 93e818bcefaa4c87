"""Where mails go (``STUDIO_SMTP_URL``, ``STUDIO_MAIL_FROM``) and the address links point at
(``STUDIO_PUBLIC_URL``)."""

from __future__ import annotations

from pydantic_settings import BaseSettings, SettingsConfigDict


class MailSettings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="STUDIO_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    # empty: each mail is written to <home>/mail/ and logged. smtp://user:password@host:587
    # (STARTTLS when the server offers it) or smtps://user:password@host:465 (TLS from the
    # start); user and password URL-encoded
    smtp_url: str = ""
    smtp_timeout_seconds: float = 15.0
    mail_from: str = "Studio <studio@localhost>"
    # the studio's address as sellers open it (https://studio.example.com). Links in mails
    # use it; when empty they use the address the request came to, which a proxy may change
    public_url: str = ""


def link_base(request_base: str, settings: MailSettings | None = None) -> str:
    """The address links in mails start with: ``STUDIO_PUBLIC_URL`` or the request's."""
    configured = (settings or MailSettings()).public_url.strip()
    return (configured or request_base).rstrip("/")
