"""How one mail leaves: a file under ``<home>/mail/`` (the embedded default) or SMTP."""

from __future__ import annotations

import logging
import os
import smtplib
import ssl
from datetime import UTC, datetime
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path
from urllib.parse import unquote, urlsplit

from studio.mail.settings import MailSettings

log = logging.getLogger("studio.mail")


def _header(text: str) -> str:
    # a header is one line whatever the seller typed into a name
    return " ".join(text.split())


def build_message(*, sender: str, to: str, subject: str, text: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = _header(subject)
    message["Date"] = format_datetime(datetime.now(UTC))
    message["Message-ID"] = make_msgid(domain="studio.local")
    message.set_content(text)
    return message


def write_to_folder(message: EmailMessage, folder: Path, name: str) -> Path:
    """The mail as a readable ``.eml`` file (UTF-8, no transfer encoding), written whole."""
    folder.mkdir(parents=True, exist_ok=True)
    readable = EmailMessage(policy=policy.SMTPUTF8)
    for key, value in message.items():
        readable[key] = str(value)
    body = message.get_body(("plain",))
    readable.set_content(body.get_content() if isinstance(body, EmailMessage) else "",
                         cte="8bit")
    path = folder / f"{name}.eml"
    temporary = path.with_suffix(".eml.part")
    temporary.write_bytes(readable.as_bytes(policy=policy.SMTPUTF8))
    os.replace(temporary, path)
    return path


def send_smtp(message: EmailMessage, settings: MailSettings) -> None:
    """Send through ``settings.smtp_url``; raises OSError / smtplib.SMTPException."""
    url = urlsplit(settings.smtp_url.strip())
    if url.scheme not in ("smtp", "smtps") or not url.hostname:
        raise ValueError("STUDIO_SMTP_URL must look like smtp://user:password@host:587 or "
                         "smtps://user:password@host:465")
    timeout = settings.smtp_timeout_seconds
    context = ssl.create_default_context()
    client: smtplib.SMTP
    if url.scheme == "smtps":
        client = smtplib.SMTP_SSL(url.hostname, url.port or 465, timeout=timeout,
                                  context=context)
    else:
        client = smtplib.SMTP(url.hostname, url.port or 25, timeout=timeout)
    with client:
        client.ehlo()
        if url.scheme == "smtp" and client.has_extn("starttls"):
            client.starttls(context=context)
            client.ehlo()
        if url.username:
            client.login(unquote(url.username), unquote(url.password or ""))
        client.send_message(message)
